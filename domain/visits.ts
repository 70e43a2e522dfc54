import * as v from 'valibot'
import { daysBetween, isDayString, type DayString } from './dates'
import { day, docId, optionalText, phoneNumber, text } from './fields'

// The paper 入户工作记录表 made digital: unit, staff, date, content ticked,
// household (name, phone, standard address) and the resident's signature.

export const VISIT_ITEMS = ['propaganda', 'warningSigned', 'appInstalled', 'callAlert'] as const
export type VisitItem = (typeof VISIT_ITEMS)[number]

export const VISIT_ITEM_LABELS: Record<VisitItem, string> = {
  propaganda: '反诈宣传',
  warningSigned: '防骗提示书签收',
  appInstalled: '国家反诈中心App安装',
  callAlert: '来电预警开启',
}

/**
 * A visit counts towards coverage when it carried anti-fraud work: any of the
 * four items. A visit ticked only 其他 (e.g. a census call) does not.
 */
export function isQualifying(items: readonly VisitItem[]): boolean {
  return items.length > 0
}

export const SIGNATURE_KINDS = ['signed', 'refused', 'proxy'] as const
export type SignatureKind = (typeof SIGNATURE_KINDS)[number]
export const SIGNATURE_LABELS: Record<SignatureKind, string> = { signed: '本人签字', refused: '拒签', proxy: '代签' }

const fileIdSchema = v.pipe(v.string('签名图片缺失，请重新签字'), v.regex(/^cloud:\/\/[^\s]{1,300}$/, '签名图片无效，请重新签字'))

const signatureSchema = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('signed'), fileID: fileIdSchema }),
    v.object({ kind: v.literal('refused'), reason: text('拒签原因', { max: 100 }) }),
    v.object({ kind: v.literal('proxy'), fileID: fileIdSchema, proxyName: text('代签人姓名', { max: 20 }), reason: text('代签原因', { max: 100 }) }),
  ],
  '请让入户对象签字，或选择拒签/代签并说明原因',
)


/** A household registered on the spot, when the register does not have it yet. */
export const newHouseholdSchema = v.object({
  group: v.optional(v.nullable(v.pipe(v.number('组应为数字'), v.integer('组应为整数'), v.minValue(1, '组应从1开始'), v.maxValue(99, '组不能超过99')))),
  /** 门牌号, or building/unit/room in a community. */
  door: text('门牌号', { max: 60 }),
  headName: text('户主姓名', { max: 20 }),
  phone: v.optional(phoneNumber('户主电话'), ''),
})

const visitFields = {
  unitName: text('单位', { max: 40 }),
  coworkers: v.optional(v.pipe(v.array(text('同行人员姓名', { max: 20 }), '同行人员格式不正确'), v.maxLength(5, '同行人员最多5人')), []),
  visitedOn: day('日期'),
  items: v.pipe(v.array(v.picklist(VISIT_ITEMS, '入户内容选项无效'), '请勾选入户内容'), v.maxLength(VISIT_ITEMS.length, '入户内容重复')),
  otherContent: optionalText('其他入户内容', 100),
  residentName: text('入户对象姓名', { max: 20 }),
  phone: v.optional(phoneNumber('联系电话'), ''),
  phoneDeclinedReason: optionalText('未留电话的原因', 50),
}

// Rules across fields: something ticked; a phone or a reason; one household.
// The schemas below apply them once every field is valid; the form applies
// them to its draft as well, so every message shows at the first tap on 保存.
// They read an input as sent (left-out fields are empty, text is trimmed), so
// a draft gets the answer its parsed input will get.

/** Something was done at the door: an item ticked, or 其他 written. */
export function hasContent(input: { items: readonly VisitItem[]; otherContent?: string }): boolean {
  return input.items.length > 0 || (input.otherContent ?? '').trim() !== ''
}
export const NO_CONTENT = '请至少勾选一项入户内容，或填写其他内容'

/** A phone to reach the resident, or why there is none. */
export function hasPhoneOrReason(input: { phone?: string; phoneDeclinedReason?: string }): boolean {
  return (input.phone ?? '').trim() !== '' || (input.phoneDeclinedReason ?? '').trim() !== ''
}
export const NO_PHONE = '请填写联系电话；对方不愿留电话时请填写原因'

/** The visit names one household: from the register, or registered on the spot. */
export function hasOneHousehold(input: { householdId?: string; newHousehold?: unknown }): boolean {
  return Boolean(input.householdId) !== Boolean(input.newHousehold)
}
export const NO_HOUSEHOLD = '请从户籍名册中选择入户对象，或新登记一户'

export const createVisitSchema = v.pipe(
  v.object({
    villageId: docId('村（社区）'),
    householdId: v.optional(docId('入户对象')),
    newHousehold: v.optional(newHouseholdSchema),
    ...visitFields,
    signature: signatureSchema,
    photoFileID: v.optional(v.pipe(v.string('照片无效'), v.regex(/^cloud:\/\/[^\s]{1,300}$/, '照片无效，请重新拍摄'))),
    location: v.optional(
      v.object({
        latitude: v.pipe(v.number('位置无效'), v.minValue(-90, '位置无效'), v.maxValue(90, '位置无效')),
        longitude: v.pipe(v.number('位置无效'), v.minValue(-180, '位置无效'), v.maxValue(180, '位置无效')),
      }),
    ),
  }),
  v.forward(v.check((input) => hasOneHousehold(input), NO_HOUSEHOLD), ['householdId']),
  v.forward(v.check((input) => hasContent(input), NO_CONTENT), ['items']),
  v.forward(v.check((input) => hasPhoneOrReason(input), NO_PHONE), ['phone']),
)
export type CreateVisitInput = v.InferInput<typeof createVisitSchema>
export type CreateVisitRequest = v.InferOutput<typeof createVisitSchema>

export const correctVisitSchema = v.pipe(
  v.object({
    visitId: docId('入户记录'),
    ...visitFields,
    reason: text('更正原因', { max: 100 }),
  }),
  v.forward(v.check((input) => hasContent(input), NO_CONTENT), ['items']),
  v.forward(v.check((input) => hasPhoneOrReason(input), NO_PHONE), ['phone']),
)
export type CorrectVisitRequest = v.InferOutput<typeof correctVisitSchema>

export const voidVisitSchema = v.object({
  visitId: docId('入户记录'),
  reason: text('作废原因', { max: 100 }),
})

export const VISIT_PERIODS = ['today', 'week', 'all'] as const
export type VisitPeriod = (typeof VISIT_PERIODS)[number]

export const listVisitsSchema = v.object({
  scope: v.optional(v.picklist(['mine', 'village'], '请选择查看范围'), 'mine'),
  villageId: v.optional(docId('村（社区）')),
  period: v.optional(v.picklist(VISIT_PERIODS, '请选择时间范围'), 'all'),
  query: v.optional(text('搜索内容', { min: 0, max: 30 }), ''),
  /** Opaque cursor from the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(100))),
})

export const getVisitSchema = v.object({ visitId: docId('入户记录') })

/** The author may correct or void for this long; office at any time. */
export const AUTHOR_EDIT_WINDOW_MS = 24 * 60 * 60 * 1000

/** A visit's date: not in the future, not before the campaign started. Shown by the form, enforced by the function. */
export function visitDateProblem(day: DayString, today: DayString, campaignStart: DayString | null): string | null {
  if (!isDayString(day)) return '日期格式应为 年-月-日'
  if (daysBetween(today, day) > 0) return '入户日期不能晚于今天'
  if (campaignStart && daysBetween(campaignStart, day) < 0) return `入户日期不能早于本次活动开始日（${campaignStart}）`
  return null
}

/** What the form needs before the first visit of the day (cached for offline use). */
export interface VisitFormContext {
  village: { id: string; name: string; kind: 'village' | 'community' }
  /** The cadre's user id: the visit's files are uploaded under it (domain/files.ts), also offline. */
  uploaderId: string
  /** 单位 on the paper form; the cadre may change it. */
  defaultUnitName: string
  authorName: string
  today: DayString
  campaign: { id: string; name: string; startDay: DayString } | null
}

/** A row in a list: personal data masked. */
export interface VisitListItem {
  id: string
  villageId: string
  visitedOn: DayString
  residentName: string
  phone: string
  address: string
  items: VisitItem[]
  otherContent: string
  signatureKind: SignatureKind
  authorName: string
  status: 'active' | 'voided'
  createdAt: string
  /** Whether the viewer may still correct or void it. */
  editable: boolean
}

export interface VisitPage {
  items: VisitListItem[]
  nextCursor: string | null
}

export interface VisitDetail extends Omit<VisitListItem, 'residentName' | 'phone' | 'address'> {
  residentName: string
  phone: string
  phoneDeclinedReason: string
  address: string
  householdId: string
  unitName: string
  staff: string[]
  coworkers: string[]
  signature: { kind: SignatureKind; reason: string; proxyName: string; imageUrl: string | null }
  photoUrl: string | null
  voidReason: string
  corrections: { at: string; byName: string; reason: string; changed: string[] }[]
}

export function defaultUnitName(village: { name: string; kind: 'village' | 'community' }): string {
  return `${village.name}${village.kind === 'community' ? '居委会' : '村委会'}`
}
