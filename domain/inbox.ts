import * as v from 'valibot'
import { docId } from './fields'

// 消息: every message the app sends a user also lands here, so nothing is
// lost when WeChat cannot deliver it (no grant left, refused, failed). A user
// reads only their own.

export const INBOX_KINDS = ['reminder'] as const
export type InboxKind = (typeof INBOX_KINDS)[number]

export interface InboxLine {
  text: string
  /** A page of the app this line opens, e.g. pages/staff/progress/index?villageId=v-1 (no leading slash). */
  page?: string
  /** What the button to that page says, e.g. 查看石梁村的进度. */
  action?: string
}

export interface InboxItem {
  id: string
  kind: InboxKind
  title: string
  lines: InboxLine[]
  /** ISO instant. */
  at: string
  read: boolean
}

export interface InboxPage {
  items: InboxItem[]
  /** All the user's unread messages, not just this page's. */
  unread: number
  /** Pass as `before` for the next page; null on the last. */
  next: string | null
}

export const INBOX_PAGE_SIZE = 20

/**
 * Where a newest-first page ends: the last item's time and id, since several
 * items may share a time (a reminder run writes all of its at one instant).
 */
export function pageCursor(item: { at: string; id: string }): string {
  return `${item.at}~${item.id}`
}

export function readPageCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = cursor.split('~')
  return { at: new Date(at), id }
}

/** The `next` of the previous page. */
export const pageCursorField = v.optional(
  v.pipe(
    v.string('翻页位置无效'),
    v.maxLength(100, '翻页位置无效'),
    v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z~[A-Za-z0-9_-]{1,64}$/, '翻页位置无效'),
    v.check((cursor) => !Number.isNaN(readPageCursor(cursor).at.getTime()), '翻页位置无效'),
  ),
)

export const inboxSchema = v.object({ before: pageCursorField })

export const readInboxSchema = v.object({
  ids: v.pipe(v.array(docId('消息'), '请选择消息'), v.minLength(1, '请选择消息'), v.maxLength(50, '一次最多50条消息')),
})

/** The inbox document of a reminder: derived from the reminder's key, so a rerun writes it once. */
export function inboxIdFor(key: string): string {
  return `in_${key}`
}
