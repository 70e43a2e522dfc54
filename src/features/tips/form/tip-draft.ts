import type { DayString } from '../../../../domain/dates'
import { MAX_AMOUNT, submitTipSchema, happenedOnProblem, type SubmitTipInput, type TipKind, type TransferState } from '../../../../domain/tips'
import type { IdentifierKind } from '../../../../domain/tip-identifiers'
import { fieldErrors } from '../../../../domain/validate'

// The tip form as state, kept on the phone while it is filled in (a draft
// survives the app being closed), and the one way from it to what
// `tips.submit` takes. Checks are the function's own schema, so the message
// next to a field is the server's.

export interface TipDraft {
  /** The tip's requestId, fixed for the draft's life: a retry after a lost reply is the same tip. */
  requestId: string
  transfer: TransferState | null
  /** The tipster has seen the 先打电话止付 panel and chose to go on to the form. */
  urgentSeen: boolean
  kind: TipKind | null
  story: string
  happenedOn: DayString
  identifiers: { kind: IdentifierKind; value: string }[]
  /** As typed: digits. */
  amountLost: string
  /** Compressed images kept on the phone (saved files on weapp, data URLs on H5). */
  images: string[]
  villageId: string | null
  /** null until the tipster chose. */
  anonymous: boolean | null
  contactName: string
  contactPhone: string
}

export function emptyTipDraft(requestId: string, today: DayString): TipDraft {
  return {
    requestId,
    transfer: null,
    urgentSeen: false,
    kind: null,
    story: '',
    happenedOn: today,
    identifiers: [],
    amountLost: '',
    images: [],
    villageId: null,
    anonymous: null,
    contactName: '',
    contactPhone: '',
  }
}

/** Where an error shows (also the FormField's DOM id, `field-<name>`). */
export type TipField =
  | 'transfer'
  | 'kind'
  | 'story'
  | 'happenedOn'
  | 'identifiers'
  | `identifier-${number}`
  | 'amountLost'
  | 'evidence'
  | 'villageId'
  | 'contact'
  | 'contact-name'
  | 'contact-phone'
  | 'form'

export const FIELD_ORDER: readonly TipField[] = ['transfer', 'kind', 'story', 'happenedOn', 'identifiers', 'amountLost', 'evidence', 'villageId', 'contact', 'contact-name', 'contact-phone']

export type TipErrors = Partial<Record<TipField, string>>

/** A payload path (from the schema or a server refusal) to the field that shows it, e.g. identifiers.2.value → identifier-2. */
export function fieldOf(path: string | undefined): TipField {
  if (!path) return 'form'
  const [head, second] = path.split('.')
  if (head === 'identifiers') return second !== undefined && /^\d+$/.test(second) ? `identifier-${Number(second)}` : 'identifiers'
  if (head === 'contact') return second === 'name' ? 'contact-name' : second === 'phone' ? 'contact-phone' : 'contact'
  if (head === 'evidenceCount') return 'evidence'
  if (head === 'transfer' || head === 'kind' || head === 'story' || head === 'happenedOn' || head === 'amountLost' || head === 'villageId') return head
  return 'form'
}

const AMOUNT_PROBLEM = `损失金额请填整数元（不超过${MAX_AMOUNT}），例如 3000`

function amountOf(draft: TipDraft): number | null {
  if (draft.transfer === 'none') return 0
  const text = draft.amountLost.trim()
  if (text === '') return 0
  return /^\d{1,8}$/.test(text) ? Number(text) : null
}

/** The tip as `tips.submit` takes it. */
export function toTipInput(draft: TipDraft): SubmitTipInput {
  return {
    transfer: draft.transfer as TransferState,
    kind: draft.kind as TipKind,
    story: draft.story,
    happenedOn: draft.happenedOn,
    identifiers: draft.identifiers.map(({ kind, value }) => ({ kind, value })) as NonNullable<SubmitTipInput['identifiers']>,
    amountLost: amountOf(draft) ?? 0,
    evidenceCount: draft.images.length,
    ...(draft.villageId ? { villageId: draft.villageId } : {}),
    contact: draft.anonymous === false ? { mode: 'named', name: draft.contactName, phone: draft.contactPhone } : { mode: 'anonymous' },
  }
}

/** Every problem, by field, as the function would name it; plus what only the form knows. */
export function tipDraftErrors(draft: TipDraft, today: DayString): TipErrors {
  const errors: TipErrors = {}
  const add = (field: TipField, message: string) => {
    if (!errors[field]) errors[field] = message
  }
  if (draft.transfer === null) add('transfer', '请先回答：钱已经转出去了吗？')
  for (const [path, message] of Object.entries(fieldErrors(submitTipSchema, toTipInput(draft)))) add(fieldOf(path), message)
  if (draft.anonymous === null) {
    delete errors.contact
    add('contact', '请选择匿名举报，或留下联系方式')
  }
  if (amountOf(draft) === null) add('amountLost', AMOUNT_PROBLEM)
  if (!errors.happenedOn) {
    const problem = happenedOnProblem(draft.happenedOn, today)
    if (problem) add('happenedOn', problem)
  }
  return errors
}

/** The first field with an error, in the order they appear on screen. */
export function firstError(errors: TipErrors): TipField | null {
  if (errors.form) return 'form'
  const identifier = Object.keys(errors).filter((field) => field.startsWith('identifier-')).sort()[0] as TipField | undefined
  for (const field of FIELD_ORDER) {
    if (field === 'identifiers' && identifier && !errors.identifiers) return identifier
    if (errors[field]) return field
  }
  return identifier ?? null
}
