import * as v from 'valibot'
import { formatShanghai } from './dates'

// Subscribe messages (订阅消息). A user's tap on 订阅 grants one message of one
// template; the server counts the grants and spends one per message. Each
// template field has a kind, and WeChat refuses a message (errcode 47003)
// whose field breaks its kind's rules, so every text is fitted here, once.

export type FieldKind = 'thing' | 'phrase' | 'time' | 'date' | 'number' | 'character_string'

/**
 * The app's templates, by what they are for. Which template of the
 * mini-program's account serves each, and under which field keys (thing1,
 * time2...), is configuration (SUBSCRIBE_TEMPLATES): accounts pick their own.
 */
export const MESSAGE_TEMPLATES = {
  /** 防骗预警: a new fraud method was published. */
  articleAlert: { title: '防骗预警提醒', page: 'pages/learn/index', fields: { title: 'thing', summary: 'thing', publishedAt: 'time' } },
  /** 举报进度: the tipster's tip changed status. */
  tipStatus: { title: '举报处理进度提醒', page: 'pages/my-tips/index', fields: { reference: 'character_string', status: 'phrase', note: 'thing', updatedAt: 'time' } },
  /** 新的紧急举报: for police. */
  tipUrgent: { title: '紧急举报提醒', page: 'pages/staff/tips/index', fields: { reference: 'character_string', kind: 'thing', amount: 'thing', submittedAt: 'time' } },
  /** 督导提醒: a unit head's villages lag. */
  reminder: { title: '入户进度督导提醒', page: 'pages/staff/progress/index', fields: { village: 'thing', progress: 'thing', deadline: 'date', advice: 'thing' } },
} as const satisfies Record<string, { title: string; page: string; fields: Record<string, FieldKind> }>

export type MessageTemplate = keyof typeof MESSAGE_TEMPLATES
export const MESSAGE_TEMPLATE_KEYS = Object.keys(MESSAGE_TEMPLATES) as MessageTemplate[]
export type MessageFields<T extends MessageTemplate> = Record<keyof (typeof MESSAGE_TEMPLATES)[T]['fields'], string>

/** WeChat's rules per field kind (the platform's 订阅消息 documentation). */
const RULES: Record<FieldKind, { test: RegExp; max: number }> = {
  thing: { test: /^[\s\S]*$/, max: 20 },
  phrase: { test: /^[\u4e00-\u9fff]*$/, max: 5 },
  time: { test: /^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/, max: 20 },
  date: { test: /^\d{4}年\d{1,2}月\d{1,2}日$/, max: 20 },
  number: { test: /^\d+(\.\d+)?$/, max: 32 },
  character_string: { test: /^[A-Za-z0-9_.:\-]*$/, max: 32 },
}

/** Whether WeChat would accept `value` for a field of `kind`. */
export function fieldAccepted(kind: FieldKind, value: string): boolean {
  return value.length > 0 && [...value].length <= RULES[kind].max && RULES[kind].test.test(value)
}

/** `value` made acceptable for `kind`: shortened with …, or stripped of what the kind cannot hold. */
export function fitField(kind: FieldKind, value: string): string {
  const chars = [...value.replace(/\s+/g, ' ').trim()]
  const max = RULES[kind].max
  switch (kind) {
    case 'thing':
      return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
    case 'phrase':
      return chars.filter((ch) => /[\u4e00-\u9fff]/.test(ch)).slice(0, max).join('')
    case 'number':
      return chars.filter((ch) => /[\d.]/.test(ch)).join('').slice(0, max)
    case 'character_string':
      return chars.filter((ch) => /[A-Za-z0-9_.:-]/.test(ch)).join('').slice(0, max)
    default:
      return chars.join('')
  }
}

/** A time field's text for an instant, in Asia/Shanghai: 2026年11月30日 09:00 (a date field takes chineseDate). */
export function messageTime(at: Date | number): string {
  return formatShanghai(at, 'YYYY年M月D日 HH:mm')
}

/** Every field of a template fitted to its kind, in the template's order. */
export function fitFields<T extends MessageTemplate>(template: T, values: MessageFields<T>): Record<string, string> {
  const kinds = MESSAGE_TEMPLATES[template].fields as Record<string, FieldKind>
  return Object.fromEntries(Object.entries(kinds).map(([field, kind]) => [field, fitField(kind, (values as Record<string, string>)[field] ?? '')]))
}

/** What a user may be sent: per template, the account's template id to ask for and the grants left. */
export interface MessageSettings {
  templates: { key: MessageTemplate; id: string; title: string; remaining: number }[]
}

/** The templates a user just accepted (wx.requestSubscribeMessage takes at most 3 at a time). */
export const grantMessagesSchema = v.object({
  templates: v.pipe(v.array(v.picklist(MESSAGE_TEMPLATE_KEYS, '提醒类型无效'), '请选择要接收的提醒'), v.minLength(1, '请选择要接收的提醒'), v.maxLength(3, '一次最多订阅3种提醒')),
})
