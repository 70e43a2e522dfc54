import { fieldAccepted, MESSAGE_TEMPLATE_KEYS, MESSAGE_TEMPLATES, type FieldKind, type MessageTemplate } from '../../../domain/messages'
import type { Database } from '../cloud'
import { collection } from '../collections'
import type { Delivery, MessageChannel, OutgoingMessage } from '.'

/**
 * The local stand-in for WeChat: a message goes to the `outbox` collection,
 * shown at /local/outbox, after the checks WeChat makes (a field breaking its
 * kind's rules is errcode 47003), so a local run cannot hide a message that
 * production would refuse.
 */
export const outboxChannel: MessageChannel = {
  async deliver(db: Database, message: OutgoingMessage): Promise<Delivery> {
    const refusal = refusalOf(message)
    if (refusal) return refusal
    await collection(db, 'outbox').add({ ...message, at: new Date() })
    return { outcome: 'sent' }
  },

  /** A broadcast's page in one insert. */
  async deliverMany(db: Database, messages: readonly OutgoingMessage[]): Promise<Delivery[]> {
    const deliveries: Delivery[] = messages.map((message) => refusalOf(message) ?? { outcome: 'sent' })
    const at = new Date()
    const accepted = messages.filter((_, index) => deliveries[index].outcome === 'sent').map((message) => ({ ...message, at }))
    if (accepted.length) await collection(db, 'outbox').add(accepted)
    return deliveries
  },
}

/** What WeChat would answer a message whose field breaks its kind's rules (47003); null when it would take it. */
function refusalOf(message: OutgoingMessage): Delivery | null {
  const kinds = MESSAGE_TEMPLATES[message.template].fields as Record<string, FieldKind>
  for (const [field, kind] of Object.entries(kinds)) {
    const value = message.fields[field] ?? ''
    if (!fieldAccepted(kind, value)) return { outcome: 'failed', code: '47003', message: `argument invalid! data.${field}.value (${kind}): ${JSON.stringify(value)}` }
  }
  return null
}

/** Locally every template is offered, under a made-up id. */
export function localTemplateIds(): Record<MessageTemplate, string> {
  return Object.fromEntries(MESSAGE_TEMPLATE_KEYS.map((key) => [key, `local-${key}`])) as Record<MessageTemplate, string>
}
