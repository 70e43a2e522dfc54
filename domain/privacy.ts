import * as v from 'valibot'
import type { Hotline } from './account'
import { addDays, daysBetween, type DayString } from './dates'
import { docId, integer, optionalText, phoneNumber, text } from './fields'
import { receiptSchema } from './tips'
import type { SignatureKind, VisitItem } from './visits'

// 个人信息保护 (PIPL): how long each kind of personal data is kept (a town's
// settings), the notice residents read, and their requests to see or delete
// what is held about them, which the town's office handles and records.

// ---------------------------------------------------------------- retention

/** Shown where an erased record's resident was. */
export const ERASED_LABEL = '（个人信息已删除）'

export interface RetentionSettings {
  /** A visit's personal data (name, phone, address, signature, photo, location, 其他内容) is kept this many years after its campaign's last milestone. */
  visitYears: number
  /** A tip's evidence images and its tipster's contact are kept this many years after it came in. */
  tipYears: number
  /** Exported files (通报, 档案, 线索表) and the copies of data sent to residents are kept this many days. */
  exportDays: number
}

export const RETENTION_DEFAULTS: RetentionSettings = { visitYears: 3, tipYears: 2, exportDays: 30 }

export const retentionSchema = v.object({
  visitYears: integer('入户记录保存年限', { min: 1, max: 10 }),
  tipYears: integer('举报证据保存年限', { min: 1, max: 10 }),
  exportDays: integer('导出文件保存天数', { min: 7, max: 365 }),
})

/** A town's settings with the defaults for whatever it has not set. */
export function retentionOf(saved: Partial<RetentionSettings> | null | undefined): RetentionSettings {
  const settings = { ...RETENTION_DEFAULTS }
  for (const key of Object.keys(settings) as (keyof RetentionSettings)[]) {
    const value = saved?.[key]
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) settings[key] = value
  }
  return settings
}

/** The same day `years` later (29 February becomes 28 February). */
export function addYears(day: DayString, years: number): DayString {
  const [year, month, date] = day.split('-').map(Number)
  const target = year + years
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0
  const lastDay = month === 2 && !leap ? Math.min(date, 28) : date
  return `${target}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`
}

/** The day a campaign ends: its last milestone (or its start, before it has any). */
export function campaignEndDay(campaign: { startDay: DayString; milestones: { day: DayString }[] }): DayString {
  return campaign.milestones.reduce((last, milestone) => (milestone.day > last ? milestone.day : last), campaign.startDay)
}

/** The first day a campaign's visits are no longer kept: `visitYears` after its end, the day after. */
export function visitsDueFrom(campaign: { startDay: DayString; milestones: { day: DayString }[] }, settings: RetentionSettings): DayString {
  return addDays(addYears(campaignEndDay(campaign), settings.visitYears), 1)
}

/** Tips that came in before this day have their evidence and contact removed on `today`. */
export function tipsDueBefore(today: DayString, settings: RetentionSettings): DayString {
  return addYears(today, -settings.tipYears)
}

/** Exports made before this instant are removed at `now`. */
export function exportsDueBefore(now: Date, settings: RetentionSettings): Date {
  return new Date(now.getTime() - settings.exportDays * 24 * 60 * 60 * 1000)
}

/** What one run of the purge removed (the maintenance timer's reply, and the office page's last report). */
export interface PurgeReport {
  at: string
  towns: number
  visits: number
  households: number
  tips: number
  /** 宣传台账 records whose photos and location were removed. */
  activities: number
  exports: number
  answers: number
  files: number
  /** More was due than one run may take: the next run goes on. */
  unfinished: boolean
}

// ---------------------------------------------------------------- the notice

export interface PrivacyNotice {
  town: { name: string; region: string } | null
  hotlines: Hotline[]
  retention: RetentionSettings
}

export interface NoticeSection {
  title: string
  paragraphs: string[]
}

/** The privacy notice in plain Chinese, with the town's own retention periods. */
export function privacyNoticeSections(notice: PrivacyNotice): NoticeSection[] {
  const { retention } = notice
  const office = notice.town ? `${notice.town.name}反诈办` : '镇（街道）反诈办'
  return [
    {
      title: '我们收集哪些信息',
      paragraphs: [
        '入户宣传时，村（社区）干部会登记：户主姓名、联系电话（您可以不留）、门牌地址、宣传内容、您的签字；经您同意，还可能拍一张现场照片、记录所在位置。',
        '网上举报时：您填写的举报内容、骗子的电话或账号、您上传的截图；只有您选择实名时才有您的姓名和电话。',
        '使用小程序时：微信给我们的一个匿名编号（不是微信号），以及您在「我的」里填写的姓名和所在村（社区）。',
      ],
    },
    {
      title: '为什么收集',
      paragraphs: [
        '入户登记是为了证明每一户都收到了防诈骗宣传，统计各村（社区）的覆盖进度，并按要求交社区民警存档。',
        '举报信息只用于公安机关核查线索、打击诈骗，以及必要时联系您。',
      ],
    },
    {
      title: '谁能看到',
      paragraphs: [
        '入户记录：登记的干部本人、本村（社区）干部、本镇反诈办和派出所能看到完整信息；单位负责人只看到打码后的姓名和电话。',
        '举报：只有本镇派出所民警能看到举报人的身份和证据；镇反诈办只看到数量统计。匿名举报不记录您是谁。',
        '区反诈办只看到各镇的统计数字，看不到任何一户的信息。我们不会把您的信息提供给其他单位或用于商业用途。',
      ],
    },
    {
      title: '保存多久',
      paragraphs: [
        `入户记录中的姓名、电话、地址、签字、照片和位置，以及宣传活动记录的照片和位置：在该次宣传活动结束后保存 ${retention.visitYears} 年，到期自动删除，只保留不含个人信息的统计数字。`,
        `举报的证据图片和举报人联系方式：自举报之日起保存 ${retention.tipYears} 年，到期自动删除。`,
        `导出的表格文件和发给您的信息副本：保存 ${retention.exportDays} 天。`,
      ],
    },
    {
      title: '您的权利',
      paragraphs: [
        '您可以在「我的 → 个人信息与隐私」申请查看或删除我们保存的您的信息，也可以直接联系' + office + '。',
        '收到申请后，工作人员会先电话核实是您本人，再办理；办理结果会显示在申请记录里。',
        '删除后，您家的门牌仍作为一户留在村（社区）的户数统计中，但不再有姓名、电话、签字、照片和位置。',
      ],
    },
  ]
}

// ---------------------------------------------------------------- requests to see or delete

export const DATA_REQUEST_KINDS = ['see', 'erase'] as const
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number]
export const DATA_REQUEST_KIND_LABELS: Record<DataRequestKind, string> = { see: '查看我的信息', erase: '删除我的信息' }

export const DATA_SUBJECTS = ['household', 'tipster'] as const
export type DataSubject = (typeof DATA_SUBJECTS)[number]
export const DATA_SUBJECT_LABELS: Record<DataSubject, string> = { household: '入户登记的信息', tipster: '我的举报' }

export const DATA_REQUEST_STATUSES = ['pending', 'answered', 'erased', 'refused'] as const
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number]
export const DATA_REQUEST_STATUS_LABELS: Record<DataRequestStatus, string> = { pending: '待办理', answered: '已答复', erased: '已删除', refused: '未能办理' }

const kindField = v.picklist(DATA_REQUEST_KINDS, '请选择要查看还是删除')

export const submitDataRequestSchema = v.variant(
  'subject',
  [
    v.object({
      subject: v.literal('household'),
      kind: kindField,
      villageId: docId('所在村（社区）'),
      name: text('户主姓名', { max: 20 }),
      phone: phoneNumber('联系电话', '请填写联系电话，工作人员会打这个电话核实'),
      door: optionalText('门牌号', 40),
      note: optionalText('补充说明', 200),
    }),
    v.object({
      subject: v.literal('tipster'),
      kind: kindField,
      /** Receipts of anonymous tips; named tips are found by the account itself. */
      receipts: v.optional(v.pipe(v.array(receiptSchema, '回执码格式不正确'), v.maxLength(20, '一次最多填20个回执码')), []),
      note: optionalText('补充说明', 200),
    }),
  ],
  '请选择是入户登记的信息还是举报',
)
export type SubmitDataRequest = v.InferOutput<typeof submitDataRequestSchema>
export type SubmitDataRequestInput = v.InferInput<typeof submitDataRequestSchema>

export const DATA_DECISIONS = ['answer', 'erase', 'refuse'] as const
export type DataDecision = (typeof DATA_DECISIONS)[number]

export const handleDataRequestSchema = v.pipe(
  v.object({
    dataRequestId: docId('申请'),
    decision: v.picklist(DATA_DECISIONS, '请选择办理结果'),
    /** The households office confirmed are the requester's (after calling them). */
    householdIds: v.optional(v.pipe(v.array(docId('住户'), '住户格式不正确'), v.maxLength(20, '一次最多选20户')), []),
    /** What the requester reads with the result. */
    reply: optionalText('给申请人的说明', 200),
  }),
  v.forward(
    v.check((input) => input.decision !== 'refuse' || input.reply.length > 0, '未能办理时请写明原因，申请人会看到'),
    ['reply'],
  ),
)
export type HandleDataRequest = v.InferOutput<typeof handleDataRequestSchema>

export const dataRequestQuerySchema = v.object({
  status: v.optional(v.picklist(DATA_REQUEST_STATUSES, '请选择办理状态')),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(64))),
})

export const dataRequestIdSchema = v.object({ dataRequestId: docId('申请') })

/** What is held about a household, as its own members may see it. */
export interface HeldHousehold {
  villageName: string
  address: string
  headName: string
  phone: string
  visits: {
    visitedOn: DayString
    unitName: string
    staff: string[]
    items: VisitItem[]
    otherContent: string
    residentName: string
    phone: string
    signatureKind: SignatureKind
    hasSignatureImage: boolean
    hasPhoto: boolean
    hasLocation: boolean
  }[]
}

/** What is held about a tipster's own tips (they wrote it; nobody else's is included). */
export interface HeldTip {
  reference: string
  submittedOn: DayString
  kindLabel: string
  story: string
  contact: { name: string; phone: string } | null
  evidenceImages: number
  statusLabel: string
}

export interface HeldData {
  households: HeldHousehold[]
  tips: HeldTip[]
  /** Until when the copy is kept (exportDays after the answer). */
  keptUntil: DayString
}

/** A request as its requester sees it. */
export interface MyDataRequest {
  id: string
  subject: DataSubject
  kind: DataRequestKind
  status: DataRequestStatus
  createdAt: string
  handledAt: string | null
  reply: string
  /** What office did: how many records were erased (erase). */
  erased: { households: number; visits: number; tips: number } | null
  /** The copy of what is held (see), until exportDays after the answer. */
  answer: HeldData | null
}

/** A household that may be the requester's: office confirms by calling them. */
export interface CandidateHousehold {
  id: string
  villageName: string
  address: string
  headName: string
  phone: string
  visits: number
  lastVisitedOn: DayString | null
  /** Why it is listed: the phone matches, the name matches in the village, or both. */
  matches: ('phone' | 'name')[]
  erased: boolean
}

/** A request as office handles it. */
export interface DataRequestView {
  id: string
  subject: DataSubject
  kind: DataRequestKind
  status: DataRequestStatus
  createdAt: string
  requester: { name: string; villageName: string | null; phone: string; door: string }
  note: string
  /** How many of the requester's own tips were found (office never sees their content). */
  tips: number
  handledAt: string | null
  handledByName: string | null
  reply: string
  erased: { households: number; visits: number; tips: number } | null
}

export interface DataRequestDetail extends DataRequestView {
  /** Households the requester may be (household requests only). */
  candidates: CandidateHousehold[]
}

export interface DataRequestPage {
  requests: DataRequestView[]
  nextCursor: string | null
}

/** Days a request may wait before the office is told it is late (PIPL: 15 working days; kept well inside). */
export const DATA_REQUEST_DUE_DAYS = 15

export function isOverdue(createdOn: DayString, today: DayString): boolean {
  return daysBetween(createdOn, today) > DATA_REQUEST_DUE_DAYS
}
