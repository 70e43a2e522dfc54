import { INBOX_PAGE_SIZE, type InboxKind, type InboxLine } from '../../../domain/inbox'
import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

/** One message in a user's 消息. */
export interface InboxDoc {
  _id: string
  userId: string
  townId: string | null
  kind: InboxKind
  title: string
  lines: InboxLine[]
  createdAt: Date
  readAt: Date | null
}

/**
 * Puts a message in the user's inbox and counts it unread on their user
 * document (what the badge on 我的 shows). The id is the caller's: a second
 * delivery of the same message finds it there and counts nothing.
 */
export async function deliverToInbox(db: Database, doc: Omit<InboxDoc, 'readAt'>): Promise<'added' | 'already'> {
  try {
    await collection(db, 'inbox').add({ ...doc, readAt: null })
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'already'
    throw error
  }
  await collection(db, 'users').doc(doc.userId).update({ unreadMessages: db.command.inc(1) })
  return 'added'
}

/** Newest first; `before` is where the previous page ended (domain/inbox.ts pageCursor). */
export async function listInbox(db: Database, userId: string, before: { at: Date; id: string } | null, limit = INBOX_PAGE_SIZE): Promise<InboxDoc[]> {
  const _ = db.command
  const where = before ? _.and([{ userId }, _.or([{ createdAt: _.lt(before.at) }, { createdAt: before.at, _id: _.lt(before.id) }])]) : { userId }
  const { data } = await collection(db, 'inbox').where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()
  return data as InboxDoc[]
}

export async function countUnread(db: Database, userId: string): Promise<number> {
  const { total } = await collection(db, 'inbox').where({ userId, readAt: null }).count()
  return Number(total)
}

/**
 * Marks the user's messages read (only theirs: the query names the user) and
 * sets the user's unread count to what remains, counted, so the badge is
 * right even if an earlier count drifted.
 */
export async function markInboxRead(db: Database, userId: string, ids: readonly string[], now = new Date()): Promise<number> {
  const _ = db.command
  await collection(db, 'inbox').where({ userId, _id: _.in([...ids]), readAt: null }).update({ readAt: now })
  const unread = await countUnread(db, userId)
  await collection(db, 'users').doc(userId).update({ unreadMessages: unread })
  return unread
}
