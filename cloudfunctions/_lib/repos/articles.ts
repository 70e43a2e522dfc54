import { createHash } from 'crypto'
import type { ArticleAudience, ArticleCategory, ArticleStatus } from '../../../domain/articles'
import type { Database } from '../cloud'
import { collection } from '../collections'

export interface ArticleCounters {
  /** Distinct signed-in readers. */
  reads: number
  /** Opens by readers without a WeChat identity (Moments' single-page mode): counted, never identified. */
  anonymousReads: number
  learned: number
  shares: number
  shareReads: number
  posterReads: number
}

export interface ArticleDoc extends ArticleCounters {
  _id: string
  townId: string
  /** The client's requestId of the save that created it: the article's images live under it (domain/files.ts). */
  fileKey: string
  title: string
  summary: string
  keyPoints: string[]
  category: ArticleCategory
  audiences: ArticleAudience[]
  coverFileID: string | null
  /** Sanitised HTML (articles/body.ts). */
  body: string
  /** The body's images, in order. */
  images: string[]
  sourceUrl: string
  status: ArticleStatus
  pinned: boolean
  /** When readers see it; null while a draft. */
  publishAt: Date | null
  withdrawnAt: Date | null
  withdrawReason: string
  authorId: string
  authorName: string
  updatedBy: string
  createdAt: Date
  updatedAt: Date
}

export const NO_COUNTS: ArticleCounters = { reads: 0, anonymousReads: 0, learned: 0, shares: 0, shareReads: 0, posterReads: 0 }

/** Derived from the creator and the fileKey: a retried create can only land on the same id. */
export function articleIdFor(openid: string, fileKey: string): string {
  return `a_${createHash('sha256').update(`${openid}\u0000${fileKey}`).digest('hex').slice(0, 24)}`
}

export async function findArticle(db: Database, id: string): Promise<ArticleDoc | null> {
  const { data } = await collection(db, 'articles').doc(id).get()
  return (data?.[0] as ArticleDoc | undefined) ?? null
}

/** Fields a list shows: not the body. */
export const CARD_FIELDS = {
  _id: true,
  townId: true,
  title: true,
  summary: true,
  keyPoints: true,
  category: true,
  audiences: true,
  coverFileID: true,
  status: true,
  pinned: true,
  publishAt: true,
  updatedAt: true,
  authorName: true,
  reads: true,
  anonymousReads: true,
  learned: true,
  shares: true,
  shareReads: true,
  posterReads: true,
} as const

export type ArticleCardDoc = Pick<ArticleDoc, keyof typeof CARD_FIELDS>

export interface PublishedQuery {
  townId: string
  now: Date
  category?: ArticleCategory
  audience?: ArticleAudience
  pinned?: boolean
  /** Strictly older than this publish time, or as old with a smaller id. */
  before?: { at: Date; id: string }
  limit: number
}

/** Published articles readers may see now, newest first. */
export async function listPublished(db: Database, query: PublishedQuery): Promise<ArticleCardDoc[]> {
  const _ = db.command
  const where: Record<string, unknown> = { townId: query.townId, status: 'published' }
  if (query.pinned !== undefined) where.pinned = query.pinned
  if (query.category) where.category = query.category
  if (query.audience) where.audiences = query.audience
  const filter = query.before
    ? _.and([where, _.or([{ publishAt: _.lt(query.before.at) }, { publishAt: query.before.at, _id: _.lt(query.before.id) }]), { publishAt: _.lte(query.now) }])
    : { ...where, publishAt: _.lte(query.now) }
  const { data } = await collection(db, 'articles').where(filter).orderBy('publishAt', 'desc').orderBy('_id', 'desc').field(CARD_FIELDS).limit(query.limit).get()
  return data as ArticleCardDoc[]
}

/** Every article of the town for its publishers, most recently changed first. */
export async function listForManagers(db: Database, query: { townId: string; status?: ArticleStatus; before?: { at: Date; id: string }; limit: number }): Promise<ArticleCardDoc[]> {
  const _ = db.command
  const where: Record<string, unknown> = { townId: query.townId }
  if (query.status) where.status = query.status
  const filter = query.before ? _.and([where, _.or([{ updatedAt: _.lt(query.before.at) }, { updatedAt: query.before.at, _id: _.lt(query.before.id) }])]) : where
  const { data } = await collection(db, 'articles').where(filter).orderBy('updatedAt', 'desc').orderBy('_id', 'desc').field(CARD_FIELDS).limit(query.limit).get()
  return data as ArticleCardDoc[]
}

export async function articlesByIds(db: Database, ids: readonly string[]): Promise<ArticleCardDoc[]> {
  if (ids.length === 0) return []
  const { data } = await collection(db, 'articles').where({ _id: db.command.in([...ids]) }).field(CARD_FIELDS).limit(ids.length).get()
  return data as ArticleCardDoc[]
}

/** Adds to an article's counters (never read first: `inc` needs no value). */
export async function countOnArticle(db: Database, id: string, counts: Partial<ArticleCounters>): Promise<void> {
  const _ = db.command
  const inc = Object.fromEntries(Object.entries(counts).filter(([, n]) => n).map(([field, n]) => [field, _.inc(n as number)]))
  if (Object.keys(inc).length) await collection(db, 'articles').doc(id).update(inc)
}
