// Phone numbers as residents give them: mobiles with spaces, dashes or +86,
// landlines with or without the area code's dash. Stored canonical:
// 13812341234 for a mobile, 023-47651042 for a landline.

export type PhoneKind = 'mobile' | 'landline'

export interface NormalisedPhone {
  kind: PhoneKind
  value: string
}

const MOBILE = /^1[3-9]\d{9}$/
// Mainland area codes: 010 and 02x are three digits, the others four.
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})$/

export function normalisePhone(raw: string): NormalisedPhone | null {
  const compact = raw
    .normalize('NFKC')
    .replace(/[\s\-()（）]/g, '')
    .replace(/^\+?86(?=1[3-9]\d{9}$)/, '')
  if (MOBILE.test(compact)) return { kind: 'mobile', value: compact }
  const landline = LANDLINE.exec(compact)
  if (landline) return { kind: 'landline', value: `${landline[1]}-${landline[2]}` }
  return null
}

export const PHONE_HINT = '请填写11位手机号，或带区号的座机号（如 023-47651042）'

/** 138****1234 / 023-****1042: enough to recognise, not enough to call. */
export function maskPhone(phone: string): string {
  if (!phone) return ''
  if (MOBILE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  const dash = phone.indexOf('-')
  if (dash > 0) return `${phone.slice(0, dash + 1)}****${phone.slice(-4)}`
  return phone.length > 4 ? `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}` : '****'
}
