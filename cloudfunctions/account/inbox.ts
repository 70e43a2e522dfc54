import { INBOX_PAGE_SIZE, pageCursor, readPageCursor, type InboxItem, type InboxPage } from '../../domain/inbox'
import type { Database } from '../_lib/cloud'
import { countUnread, listInbox, type InboxDoc } from '../_lib/repos/inbox'
import { updateUser, type UserDoc } from '../_lib/repos/users'

function itemOf(doc: InboxDoc): InboxItem {
  return { id: doc._id, kind: doc.kind, title: doc.title, lines: doc.lines, at: new Date(doc.createdAt).toISOString(), read: doc.readAt !== null && doc.readAt !== undefined }
}

/** One page of the user's 消息 and their unread count, which also puts the badge right if it had drifted. */
export async function readInbox(db: Database, user: UserDoc, input: { before?: string }): Promise<InboxPage> {
  const [docs, unread] = await Promise.all([listInbox(db, user._id, input.before ? readPageCursor(input.before) : null, INBOX_PAGE_SIZE + 1), countUnread(db, user._id)])
  if (unread !== (user.unreadMessages ?? 0)) await updateUser(db, user._id, { unreadMessages: unread })
  const items = docs.slice(0, INBOX_PAGE_SIZE).map(itemOf)
  return { items, unread, next: docs.length > INBOX_PAGE_SIZE ? pageCursor(items[items.length - 1]) : null }
}
