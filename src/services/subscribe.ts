import Taro from '@tarojs/taro'
import type { Reply } from '../../domain/errors'
import type { MessageSettings, MessageTemplate } from '../../domain/messages'
import { callFunction, newRequestId } from './cloud'

// Subscribe messages (订阅消息) from the user's side: WeChat asks the user on a
// tap, each acceptance lets the server send one message of that template, and
// the server counts them (account.grantMessages). Every feature that sends
// messages asks through here.

export function getMessageSettings(): Promise<Reply<MessageSettings>> {
  return callFunction<MessageSettings>('account', 'messageSettings')
}

/**
 * Asks the user to accept `keys` (at most 3; WeChat's rule, and only from a
 * tap) and tells the server which were accepted. Resolves to the new
 * settings, or null when the user accepted none.
 */
export async function subscribeTo(keys: readonly MessageTemplate[]): Promise<Reply<MessageSettings> | null> {
  const settings = await getMessageSettings()
  if (!settings.ok) return settings
  const wanted = settings.data.templates.filter((template) => keys.includes(template.key)).slice(0, 3)
  if (wanted.length === 0) return null
  const accepted = await askUser(wanted)
  if (accepted.length === 0) return null
  return callFunction<MessageSettings>('account', 'grantMessages', { templates: accepted }, { requestId: newRequestId() })
}

async function askUser(templates: MessageSettings['templates']): Promise<MessageTemplate[]> {
  if (process.env.TARO_ENV === 'h5') {
    // No WeChat in a browser: the local build asks as WeChat's sheet would.
    const { confirm } = await Taro.showModal({
      title: '接收微信提醒',
      content: `允许「全民反诈」给你发送：${templates.map((template) => template.title).join('、')}（各一次）。本地演示版：消息会出现在 /local/outbox。`,
      confirmText: '允许',
      cancelText: '不用了',
    }).catch(() => ({ confirm: false }))
    return confirm ? templates.map((template) => template.key) : []
  }
  try {
    const result = (await Taro.requestSubscribeMessage({ tmplIds: templates.map((template) => template.id), entityIds: [] })) as unknown as Record<string, string>
    return templates.filter((template) => result[template.id] === 'accept').map((template) => template.key)
  } catch {
    // The user closed the sheet, or turned messages off in settings.
    return []
  }
}
