import * as v from 'valibot'
import { isDayString } from './dates'
import { normalisePhone, PHONE_HINT } from './phone'

// Field schemas with the Chinese messages a user sees next to the input.
// `label` is the field's name on screen, e.g. 姓名.

/** Free text: trimmed, stored and shown as text (HTML or emoji included). */
export function text(label: string, { min = 1, max = 100 }: { min?: number; max?: number } = {}) {
  return v.pipe(
    v.string(`${label}应为文字`),
    v.trim(),
    v.minLength(min, min === 1 ? `请填写${label}` : `${label}至少${min}个字`),
    v.maxLength(max, `${label}不能超过${max}个字`),
    // Control characters break exports and printing; nobody types them.
    v.regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, `${label}含有无法识别的字符`),
  )
}

export function optionalText(label: string, max = 200) {
  return v.optional(text(label, { min: 0, max }), '')
}

/** An id of a stored document (ours or CloudBase's): letters, digits, - and _. */
export function docId(label: string) {
  return v.pipe(v.string(`请选择${label}`), v.minLength(1, `请选择${label}`), v.regex(/^[A-Za-z0-9_-]{1,64}$/, `${label}无效，请重新选择`))
}

export function oneOf<const T extends readonly string[]>(label: string, options: T) {
  return v.picklist(options, `请选择${label}`)
}

export function integer(label: string, { min, max }: { min: number; max: number }) {
  return v.pipe(
    v.number(`${label}应为数字`),
    v.integer(`${label}应为整数`),
    v.minValue(min, `${label}不能小于${min}`),
    v.maxValue(max, `${label}不能大于${max}`),
  )
}

/** A day as 年-月-日 (2026-11-30). */
export function day(label: string) {
  return v.pipe(v.string(`请选择${label}`), v.maxLength(10, `${label}格式应为 年-月-日`), v.check(isDayString, `${label}格式应为 年-月-日`))
}

/** A phone as residents give it, stored canonical (domain/phone.ts); '' when none was given, unless `required` says what to tell them. */
export function phoneNumber(label: string, required?: string) {
  return v.pipe(
    v.string(`${label}应为数字`),
    v.trim(),
    v.minLength(required ? 1 : 0, required ?? `请填写${label}`),
    v.maxLength(20, PHONE_HINT),
    v.check((value) => value === '' || normalisePhone(value) !== null, PHONE_HINT),
    v.transform((value) => (value === '' ? '' : (normalisePhone(value)?.value ?? value))),
  )
}

/** The client-generated id every write carries; a retry reuses it. */
export const requestIdSchema = v.pipe(
  v.string('缺少请求编号，请更新小程序后重试'),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效，请更新小程序后重试'),
)

/** What every call carries: `{ action, payload, requestId }`. */
export const callSchema = v.object(
  {
    action: v.pipe(v.string('缺少操作名称'), v.regex(/^[A-Za-z][A-Za-z0-9]{0,40}$/, '操作名称无效')),
    payload: v.optional(v.unknown()),
    requestId: v.optional(v.unknown()),
  },
  '请求格式不正确，请更新小程序后重试',
)
