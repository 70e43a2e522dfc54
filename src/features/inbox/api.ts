import type { Reply } from '../../../domain/errors'
import type { InboxPage } from '../../../domain/inbox'
import { callFunction } from '../../services/cloud'

// 消息: the signed-in user's own messages (account function).

export function getInbox(before?: string): Promise<Reply<InboxPage>> {
  return callFunction<InboxPage>('account', 'inbox', before ? { before } : {})
}

/** Marks these messages read; answers how many of the user's stay unread. */
export function markRead(ids: string[], requestId: string): Promise<Reply<{ unread: number }>> {
  return callFunction<{ unread: number }>('account', 'readInbox', { ids }, { requestId })
}
