import * as v from 'valibot'

// What a tipster knows of the other side: the number that called, the WeChat
// or QQ account, the bank card the money went to, the link that was sent.
// Each kind has its own rule, so a typo is caught on the phone, where the
// tipster can still look at the call log or the transfer record.

export const IDENTIFIER_KINDS = [
  { key: 'phone', label: '电话号码', placeholder: '例如 13812345678、023-12345678、+85212345678' },
  { key: 'wechat', label: '微信号', placeholder: '对方的微信号（不是昵称）' },
  { key: 'qq', label: 'QQ号', placeholder: '5至12位数字' },
  { key: 'bankCard', label: '银行卡号', placeholder: '对方收款的银行卡号' },
  { key: 'url', label: '网址或链接', placeholder: '例如 www.example.com/abc' },
  { key: 'other', label: '其他（支付宝账号、App名称等）', placeholder: '写清楚是什么，例如：支付宝 abc@163.com' },
] as const

export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number]['key']
export const IDENTIFIER_KIND_KEYS = IDENTIFIER_KINDS.map((kind) => kind.key) as [IdentifierKind, ...IdentifierKind[]]
export const IDENTIFIER_LABELS = Object.fromEntries(IDENTIFIER_KINDS.map((kind) => [kind.key, kind.label])) as Record<IdentifierKind, string>

/** At most this many identifiers in one tip. */
export const MAX_IDENTIFIERS = 10

/** Spaces, dashes, dots and brackets people put between digit groups. */
const SEPARATORS = /[\s\-－—.()（）]/g

/**
 * A suspect's phone number in one canonical spelling, or null: a mainland
 * mobile (+86 dropped), a landline with its area code, a 400/800 number, a
 * short service number (95xxx, 96xxx, 10xxx, 12xxx), or an international
 * number (+ or 00 and 6-15 digits).
 */
export function normaliseSuspectPhone(raw: string): string | null {
  const compact = raw.trim().replace(SEPARATORS, '')
  if (/^(?:\+|00)86(1[3-9]\d{9})$/.test(compact)) return compact.replace(/^(?:\+|00)86/, '')
  if (/^(?:\+|00)\d{6,15}$/.test(compact)) return `+${compact.replace(/^(?:\+|00)/, '')}`
  if (/^1[3-9]\d{9}$/.test(compact)) return compact
  if (/^0[1-9]\d{8,10}$/.test(compact)) return compact
  if (/^[48]00\d{7}$/.test(compact)) return compact
  if (/^(?:95|96|10|12)\d{3,6}$/.test(compact)) return compact
  return null
}

/** Luhn's check digit test, which bank card numbers satisfy. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

export const PHONE_PROBLEM = '电话号码格式不对：手机号是11位，座机请带区号，境外号码以+开头'
export const WECHAT_PROBLEM = '微信号是6至20位字母、数字、下划线或减号，以字母开头；也可以填对方绑定的手机号'
export const QQ_PROBLEM = 'QQ号是5至12位数字，不以0开头'
export const CARD_LENGTH_PROBLEM = '银行卡号应为12至19位数字'
export const CARD_CHECK_PROBLEM = '银行卡号校验不通过，可能有数字抄错，请对照转账记录逐位核对；确认无误的，请改选“其他”填写'
export const URL_PROBLEM = '网址格式不对，例如 www.example.com 或 https://example.com/abc'

const URL_PATTERN = /^(?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{2,20})(?::\d{1,5})?(?:[/?#][^\s]{0,400})?$/i
const IP_URL_PATTERN = /^(?:https?:\/\/)?(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?:[/?#][^\s]{0,400})?$/i

/** A raw identifier: trimmed, bounded, no control characters (what every kind starts from). */
function raw(label: string, max: number) {
  return v.pipe(
    v.string(`${label}应为文字`),
    v.trim(),
    v.minLength(1, `请填写${label}，不需要的请删除这一行`),
    v.maxLength(max, `${label}不能超过${max}个字`),
    v.regex(/^[^\u0000-\u001f\u007f]*$/, `${label}含有无法识别的字符`),
  )
}

const phoneValue = v.pipe(
  raw('电话号码', 30),
  v.check((value) => normaliseSuspectPhone(value) !== null, PHONE_PROBLEM),
  v.transform((value) => normaliseSuspectPhone(value) ?? value),
)

const wechatValue = v.pipe(
  raw('微信号', 30),
  v.check((value) => /^[A-Za-z][A-Za-z0-9_-]{5,19}$/.test(value) || /^1[3-9]\d{9}$/.test(value.replace(SEPARATORS, '')), WECHAT_PROBLEM),
)

const qqValue = v.pipe(
  raw('QQ号', 20),
  v.transform((value) => value.replace(/\s/g, '')),
  v.check((value) => /^[1-9]\d{4,11}$/.test(value), QQ_PROBLEM),
)

const bankCardValue = v.pipe(
  raw('银行卡号', 40),
  v.transform((value) => value.replace(SEPARATORS, '')),
  v.check((value) => /^\d{12,19}$/.test(value), CARD_LENGTH_PROBLEM),
  v.check(passesLuhn, CARD_CHECK_PROBLEM),
)

const urlValue = v.pipe(
  raw('网址', 500),
  v.check((value) => URL_PATTERN.test(value) || IP_URL_PATTERN.test(value), URL_PROBLEM),
)

const otherValue = raw('内容', 100)

/** One identifier; a wrong value is named by its place, e.g. `identifiers.2.value`. */
export const identifierSchema = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('phone'), value: phoneValue }),
    v.object({ kind: v.literal('wechat'), value: wechatValue }),
    v.object({ kind: v.literal('qq'), value: qqValue }),
    v.object({ kind: v.literal('bankCard'), value: bankCardValue }),
    v.object({ kind: v.literal('url'), value: urlValue }),
    v.object({ kind: v.literal('other'), value: otherValue }),
  ],
  '请选择号码或账号的类型',
)

export type SuspectIdentifier = v.InferOutput<typeof identifierSchema>

export const identifiersSchema = v.optional(
  v.pipe(v.array(identifierSchema, '对方号码或账号格式不正确'), v.maxLength(MAX_IDENTIFIERS, `对方号码或账号最多填${MAX_IDENTIFIERS}个`)),
  [],
)
