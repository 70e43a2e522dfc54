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
    const kinds = MESSAGE_TEMPLATES[message.template].fields as Record<string, FieldKind>
    for (const [field, kind] of Object.entries(kinds)) {
      const value = message.fields[field] ?? ''
      if (!fieldAccepted(kind, value)) return { outcome: 'failed', code: '47003', message: `argument invalid! data.${field}.value (${kind}): ${JSON.stringify(value)}` }
    }
    await collection(db, 'outbox').add({ ...message, at: new Date() })
    return { outcome: 'sent' }
  },
}

/** Locally every template is offered, under a made-up id. */
export function localTemplateIds(): Record<MessageTemplate, string> {
  return Object.fromEntries(MESSAGE_TEMPLATE_KEYS.map((key) => [key, `local-${key}`])) as Record<MessageTemplate, string>
}
