import { fitFields, type MessageFields, type MessageTemplate } from '../../../domain/messages'
import { messageChannel, type Database } from '../cloud'
import { collection } from '../collections'
import type { Delivery, OutgoingMessage } from '.'

// One message to everyone holding a grant for its template (a 防骗预警 to its
// subscribers), a page at a time, so a caller can stop between pages and
// resume later from the cursor. Each page costs the same few database calls
// whatever its size: the grant holders, their users, spending the grants,
// and (locally) the outbox; so a fan-out's cost grows with the subscribers,
// and with nothing else. Grants are spent as sendMessage spends them: one per
// message, given back when delivery fails, voided when the user refused.

export interface Recipient {
  userId: string
  openid: string
  townId: string | null
}

export interface BroadcastPage {
  /** The last user id this page reached: where the next page starts. */
  cursor: string | null
  /** No holders are left after this page. */
  done: boolean
  sent: number
  failed: number
  /** Holders `accept` left out (e.g. of another town). */
  skipped: number
}

interface GrantDoc {
  _id: string
  userId: string
}

/** How many messages a channel without deliverMany sends at once. */
const PARALLEL = 8

export async function broadcastPage<T extends MessageTemplate>(
  db: Database,
  template: T,
  values: MessageFields<T>,
  page: string,
  options: { after: string | null; limit: number; accept: (recipient: Recipient) => boolean; tag: string },
): Promise<BroadcastPage> {
  const _ = db.command
  const subscriptions = collection(db, 'subscriptions')
  const where: Record<string, unknown> = { template, remaining: _.gt(0) }
  if (options.after) where.userId = _.gt(options.after)
  const { data } = await subscriptions.where(where).orderBy('userId', 'asc').field({ _id: true, userId: true }).limit(options.limit).get()
  const holders = data as GrantDoc[]
  const cursor = holders.length ? holders[holders.length - 1].userId : options.after
  const done = holders.length < options.limit
  if (!holders.length) return { cursor, done, sent: 0, failed: 0, skipped: 0 }

  const { data: userDocs } = await collection(db, 'users')
    .where({ _id: _.in(holders.map((holder) => holder.userId)) })
    .field({ _id: true, openid: true, townId: true })
    .limit(holders.length)
    .get()
  const users = new Map((userDocs as { _id: string; openid: string; townId?: string | null }[]).map((user) => [user._id, user]))
  const recipients = new Map<string, Recipient>()
  for (const holder of holders) {
    const user = users.get(holder.userId)
    if (!user) continue
    const recipient = { userId: user._id, openid: user.openid, townId: user.townId ?? null }
    if (options.accept(recipient)) recipients.set(holder._id, recipient)
  }
  const skipped = holders.length - recipients.size
  if (!recipients.size) return { cursor, done, sent: 0, failed: 0, skipped }

  // Spend one grant each; `spentFor` tells which were spent here when another
  // sender spent someone's last grant meanwhile.
  const ids = [...recipients.keys()]
  const spent = await subscriptions.where({ _id: _.in(ids), remaining: _.gt(0) }).update({ remaining: _.inc(-1), spentFor: options.tag, updatedAt: new Date() })
  let charged = ids
  if (spent.updated < ids.length) {
    const { data: mine } = await subscriptions.where({ _id: _.in(ids), spentFor: options.tag }).field({ _id: true }).limit(ids.length).get()
    const ours = new Set((mine as { _id: string }[]).map((doc) => doc._id))
    charged = ids.filter((id) => ours.has(id))
  }

  const fields = fitFields(template, values)
  const messages: OutgoingMessage[] = charged.map((id) => ({ openid: (recipients.get(id) as Recipient).openid, template, page, fields }))
  const deliveries = await deliverAll(db, messages)
  const back = charged.filter((_id, index) => deliveries[index].outcome === 'failed')
  const refused = charged.filter((_id, index) => deliveries[index].outcome === 'refused')
  if (back.length) await subscriptions.where({ _id: _.in(back) }).update({ remaining: _.inc(1) })
  if (refused.length) await subscriptions.where({ _id: _.in(refused) }).update({ remaining: 0 })
  const sent = deliveries.filter((delivery) => delivery.outcome === 'sent').length
  return { cursor, done, sent, failed: charged.length - sent, skipped }
}

async function deliverAll(db: Database, messages: OutgoingMessage[]): Promise<Delivery[]> {
  const channel = messageChannel()
  if (channel.deliverMany) return channel.deliverMany(db, messages)
  const deliveries: Delivery[] = []
  for (let start = 0; start < messages.length; start += PARALLEL) {
    deliveries.push(...(await Promise.all(messages.slice(start, start + PARALLEL).map((message) => channel.deliver(db, message)))))
  }
  return deliveries
}

/** Grant holders of the template now (what a broadcast will reach, before `accept`). */
export async function countGrantHolders(db: Database, template: MessageTemplate): Promise<number> {
  const { total } = await collection(db, 'subscriptions').where({ template, remaining: db.command.gt(0) }).count()
  return Number(total)
}
