import { fitFields, MESSAGE_TEMPLATE_KEYS, MESSAGE_TEMPLATES, type MessageFields, type MessageSettings, type MessageTemplate } from '../../../domain/messages'
import { messageChannel, messageTemplateIds, type Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

// The one channel for subscribe messages (订阅消息), for every feature: alerts,
// tip progress, reminders. A message spends one of the recipient's grants for
// its template; without one nothing is sent (WeChat would refuse it). Where it
// goes is cloud.ts's choice: WeChat's cloud call in production, an outbox
// collection locally (shown at /local/outbox).

export interface OutgoingMessage {
  openid: string
  template: MessageTemplate
  /** Page the message opens, with its query (e.g. pages/learn/article?id=a1). */
  page: string
  /** Already fitted to the template's field kinds (see fitFields). */
  fields: Record<string, string>
}

export type Delivery =
  | { outcome: 'sent' }
  /** The user has no grant left for this template: ask them to subscribe again. */
  | { outcome: 'no_grant' }
  /** WeChat says the user refused or cancelled (43101): their grants are void. */
  | { outcome: 'refused'; code: string }
  | { outcome: 'failed'; code: string; message: string }

/** Sends one message, as WeChat would deliver it; grants are not its business. */
export interface MessageChannel {
  deliver(db: Database, message: OutgoingMessage): Promise<Delivery>
  /** Many messages at once (a broadcast, notify/broadcast.ts), one delivery each in order; without it they go one by one. */
  deliverMany?(db: Database, messages: readonly OutgoingMessage[]): Promise<Delivery[]>
}

function grantId(userId: string, template: MessageTemplate): string {
  return `${userId}__${template}`
}

/**
 * Sends a message if the recipient holds a grant for its template, spending
 * it. A failed delivery gives the grant back (it was not used); a refusal
 * voids the user's remaining grants for that template.
 */
export async function sendMessage<T extends MessageTemplate>(
  db: Database,
  recipient: { openid: string; userId: string },
  template: T,
  values: MessageFields<T>,
  page: string = MESSAGE_TEMPLATES[template].page,
): Promise<Delivery> {
  const _ = db.command
  const id = grantId(recipient.userId, template)
  const spent = await collection(db, 'subscriptions').where({ _id: id, remaining: _.gt(0) }).update({ remaining: _.inc(-1), updatedAt: new Date() })
  if (!spent.updated) return { outcome: 'no_grant' }
  const delivery = await messageChannel().deliver(db, { openid: recipient.openid, template, page, fields: fitFields(template, values) })
  if (delivery.outcome === 'failed') await collection(db, 'subscriptions').doc(id).update({ remaining: _.inc(1) })
  if (delivery.outcome === 'refused') await collection(db, 'subscriptions').doc(id).update({ remaining: 0 })
  return delivery
}

/** Records the grants a user just gave (one per template per tap of 订阅). */
export async function addGrants(db: Database, userId: string, templates: readonly MessageTemplate[]): Promise<void> {
  const _ = db.command
  const now = new Date()
  for (const template of new Set(templates)) {
    const id = grantId(userId, template)
    try {
      await collection(db, 'subscriptions').add({ _id: id, userId, template, remaining: 1, updatedAt: now })
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
      await collection(db, 'subscriptions').doc(id).update({ remaining: _.inc(1), updatedAt: now })
    }
  }
}

/** How many messages of each template the user can still receive. */
export async function grantsOf(db: Database, userId: string): Promise<Record<MessageTemplate, number>> {
  const { data } = await collection(db, 'subscriptions').where({ userId }).limit(100).get()
  const counts = Object.fromEntries(Object.keys(MESSAGE_TEMPLATES).map((template) => [template, 0])) as Record<MessageTemplate, number>
  for (const doc of data as { template: MessageTemplate; remaining: number }[]) if (doc.template in counts) counts[doc.template] = doc.remaining
  return counts
}

/** Grants left for one template, for many users at once (who a sender can reach); users without any are left out. */
export async function grantsFor(db: Database, userIds: readonly string[], template: MessageTemplate): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (let i = 0; i < userIds.length; i += 1000) {
    const ids = userIds.slice(i, i + 1000).map((userId) => grantId(userId, template))
    const { data } = await collection(db, 'subscriptions').where({ _id: db.command.in(ids) }).limit(1000).get()
    for (const doc of data as { userId: string; remaining: number }[]) counts.set(doc.userId, doc.remaining)
  }
  return counts
}

/** What the user can be sent, and the ids to ask for more (templates the deployment has not configured are left out). */
export async function messageSettings(db: Database, userId: string): Promise<MessageSettings> {
  const ids = messageTemplateIds()
  const grants = await grantsOf(db, userId)
  return {
    templates: MESSAGE_TEMPLATE_KEYS.filter((key) => ids[key]).map((key) => ({ key, id: ids[key] as string, title: MESSAGE_TEMPLATES[key].title, remaining: grants[key] })),
  }
}
