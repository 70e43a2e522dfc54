import type { AlertProgress, ArticleCard, ManageItem } from '../../domain/articles'
import type { AlertDoc } from '../_lib/repos/alerts'
import type { ArticleCardDoc } from '../_lib/repos/articles'
import { temporaryUrls } from '../_lib/storage'

const iso = (at: Date | string | null | undefined): string | null => (at ? new Date(at).toISOString() : null)

/** Signed-in readers and opens without identity: what a reader sees as 阅读. */
export function readsOf(doc: Pick<ArticleCardDoc, 'reads' | 'anonymousReads'>): number {
  return (doc.reads ?? 0) + (doc.anonymousReads ?? 0)
}

export function toCard(doc: ArticleCardDoc, covers: Map<string, string | null>): ArticleCard {
  return {
    id: doc._id,
    title: doc.title,
    summary: doc.summary,
    category: doc.category,
    audiences: doc.audiences,
    cover: doc.coverFileID ? covers.get(doc.coverFileID) ?? null : null,
    publishedAt: iso(doc.publishAt) ?? iso(doc.updatedAt) ?? '',
    pinned: doc.pinned,
    reads: readsOf(doc),
  }
}

/** Temporary links of the documents' covers, in one storage call. */
export function coverUrls(docs: readonly Pick<ArticleCardDoc, 'coverFileID'>[]): Promise<Map<string, string | null>> {
  const ids = docs.map((doc) => doc.coverFileID).filter((id): id is string => Boolean(id))
  return ids.length ? temporaryUrls(ids) : Promise.resolve(new Map())
}

export function alertProgress(alert: AlertDoc | null): AlertProgress | null {
  if (!alert) return null
  return { status: alert.status, sent: alert.sent, total: alert.total, failed: alert.failed }
}

export function toManageItem(doc: ArticleCardDoc, alert: AlertDoc | null): ManageItem {
  return {
    id: doc._id,
    title: doc.title,
    category: doc.category,
    status: doc.status,
    pinned: doc.pinned,
    publishAt: doc.status === 'draft' ? null : iso(doc.publishAt),
    updatedAt: iso(doc.updatedAt) ?? '',
    authorName: doc.authorName,
    reads: readsOf(doc),
    learned: doc.learned ?? 0,
    alert: alertProgress(alert),
  }
}

/** Cursor of a list ordered by an instant, then id: `<ISO>|<id>`. */
export function encodeCursor(at: Date | string | null, id: string): string {
  return `${new Date(at ?? 0).toISOString()}|${id}`
}

export function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [when, id] = cursor.split('|')
  const at = new Date(when ?? '')
  if (!id || Number.isNaN(at.getTime()) || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null
  return { at, id }
}
