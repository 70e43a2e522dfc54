import { MESSAGE_TEMPLATES, type MessageTemplate } from '../../../domain/messages'
import { templateConfig, type TemplateConfig } from './templates'
import type { Delivery, MessageChannel, OutgoingMessage } from '.'

// Production delivery: WeChat's cloud call subscribeMessage.send through
// wx-server-sdk (the function's config.json must list it under
// permissions.openapi; deploy:check makes sure). Which template serves each
// of ours comes from templates.ts.

/** The part of wx-server-sdk's cloud.openapi used here. */
export interface OpenApi {
  subscribeMessage: {
    send(request: { touser: string; templateId: string; page: string; data: Record<string, { value: string }>; miniprogramState?: string; lang?: string }): Promise<unknown>
  }
}

/** The request WeChat gets for a message, or why none can be made. */
export function wechatRequest(message: OutgoingMessage, config: Partial<Record<MessageTemplate, TemplateConfig>>) {
  const template = config[message.template]
  if (!template?.id) return null
  const data: Record<string, { value: string }> = {}
  for (const field of Object.keys(MESSAGE_TEMPLATES[message.template].fields)) {
    const key = template.keys?.[field]
    if (!key) return null
    data[key] = { value: message.fields[field] ?? '' }
  }
  return { touser: message.openid, templateId: template.id, page: message.page, data, miniprogramState: 'formal', lang: 'zh_CN' }
}

export function wechatChannel(openapi: () => OpenApi, config = templateConfig()): MessageChannel {
  return {
    async deliver(_db, message): Promise<Delivery> {
      const request = wechatRequest(message, config)
      if (!request) return { outcome: 'failed', code: 'NOT_CONFIGURED', message: `SUBSCRIBE_TEMPLATES has no template (or field key) for ${message.template}` }
      try {
        await openapi().subscribeMessage.send(request)
        return { outcome: 'sent' }
      } catch (error) {
        const code = String((error as { errCode?: unknown }).errCode ?? (error as { code?: unknown }).code ?? 'UNKNOWN')
        // 43101: the user refused or cancelled the subscription.
        if (code === '43101') return { outcome: 'refused', code }
        return { outcome: 'failed', code, message: error instanceof Error ? error.message : String(error) }
      }
    },
  }
}
