import * as v from 'valibot'
import { addDays, daysBetween, type DayString } from './dates'
import { day, docId, integer, optionalText, phoneNumber, text } from './fields'
import { identifiersSchema, type IdentifierKind, type SuspectIdentifier } from './tip-identifiers'

// 线索举报: a resident's tip about a fraud, to the town's police. The plan
// (先处置后受案, 首接首办): money that has just left can still be stopped, so
// a tip about a recent transfer is urgent and the app tells the tipster to
// call first. A tip may be anonymous; then nothing stored ties it to its
// sender (README, 线索举报 threat model).

/** 诈骗类型: data, in the order the form offers them. */
export const TIP_KINDS = [
  { key: 'authority', label: '冒充公检法' },
  { key: 'brushing', label: '刷单返利' },
  { key: 'investment', label: '虚假投资理财' },
  { key: 'loan', label: '虚假贷款' },
  { key: 'service', label: '冒充客服' },
  { key: 'acquaintance', label: '冒充熟人或领导' },
  { key: 'game', label: '网络游戏交易' },
  { key: 'romance', label: '婚恋交友' },
  { key: 'other', label: '其他' },
] as const

export type TipKind = (typeof TIP_KINDS)[number]['key']
export const TIP_KIND_KEYS = TIP_KINDS.map((kind) => kind.key) as [TipKind, ...TipKind[]]
export const TIP_KIND_LABELS = Object.fromEntries(TIP_KINDS.map((kind) => [kind.key, kind.label])) as Record<TipKind, string>

/** 是否已经转账: `recent` is within the last 24 hours, when a payment can still be stopped. */
export const TRANSFER_STATES = ['none', 'recent', 'earlier'] as const
export type TransferState = (typeof TRANSFER_STATES)[number]
export const TRANSFER_LABELS: Record<TransferState, string> = {
  none: '没有转账',
  recent: '已转账（24小时内）',
  earlier: '已转账（超过24小时）',
}

/** Money that left within a day can still be stopped (止付): such a tip goes first. */
export function isUrgent(transfer: TransferState): boolean {
  return transfer === 'recent'
}

/** The national emergency number, the same everywhere; the town's own numbers are data. */
export const EMERGENCY_NUMBER = { label: '报警电话', number: '110' }

// ---------------------------------------------------------------- status

export const TIP_STATUSES = ['submitted', 'accepted', 'forwarded', 'filed', 'rejected', 'closed'] as const
export type TipStatus = (typeof TIP_STATUSES)[number]

export const TIP_STATUS_LABELS: Record<TipStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  forwarded: '已转96110',
  filed: '已立案',
  rejected: '不予受理',
  closed: '已办结',
}

/** The status as a subscribe message's `phrase` field takes it: at most 5 Chinese characters, no digits. */
export const TIP_STATUS_PHRASES: Record<TipStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  forwarded: '已转交',
  filed: '已立案',
  rejected: '不予受理',
  closed: '已办结',
}

/**
 * The moves police may make: 已提交 → 已受理 → 已转96110 / 已立案 / 不予受理
 * → 已办结. A tip may be refused at once, a forwarded one still filed, and one
 * handled on the spot closed straight from 已受理. Nothing leaves 已办结.
 */
export const TIP_TRANSITIONS: Record<TipStatus, readonly TipStatus[]> = {
  submitted: ['accepted', 'rejected'],
  accepted: ['forwarded', 'filed', 'rejected', 'closed'],
  forwarded: ['filed', 'closed'],
  filed: ['closed'],
  rejected: ['closed'],
  closed: [],
}

export function canMove(from: TipStatus, to: TipStatus): boolean {
  return TIP_TRANSITIONS[from].includes(to)
}

/** Why a move is refused, in words for the officer; null when it is allowed. */
export function moveProblem(from: TipStatus, to: TipStatus): string | null {
  if (canMove(from, to)) return null
  if (from === to) return `这条举报已经是「${TIP_STATUS_LABELS[to]}」`
  if (from === 'closed') return '这条举报已办结，不能再改状态；可以继续添加处理说明'
  const allowed = TIP_TRANSITIONS[from].map((status) => `「${TIP_STATUS_LABELS[status]}」`).join('、')
  return `这条举报现在是「${TIP_STATUS_LABELS[from]}」，只能改为${allowed}`
}

// ---------------------------------------------------------------- rewards

/** 举报奖励: 拟奖励 (proposed), then 已发放 (paid). */
export const REWARD_STATES = ['proposed', 'paid'] as const
export type RewardState = (typeof REWARD_STATES)[number]
export const REWARD_LABELS: Record<RewardState, string> = { proposed: '拟奖励', paid: '已发放' }
export const REWARD_PHRASES: Record<RewardState, string> = { proposed: '拟奖励', paid: '奖励已发放' }

/** A reward is for a tip the police took up; once paid it is final (a proposed one may still change). */
export function rewardProblem(status: TipStatus, current: RewardState | null): string | null {
  if (status === 'submitted' || status === 'rejected') return '只有已受理的举报可以登记奖励'
  if (current === 'paid') return '这条举报的奖励已发放，不能再修改'
  return null
}

// ---------------------------------------------------------------- numbers and codes

/** 举报编号: JB-20261130-0042, the town's n-th tip of that day. */
export function tipReference(submittedOn: DayString, sequence: number): string {
  return `JB-${submittedOn.replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`
}

/** 回执码 alphabet: no look-alikes (0/O, 1/I/L), so it can be read out and typed. */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const RECEIPT_LENGTH = 16

/** What people type: any case, with or without the dashes. */
export function normaliseReceipt(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '')
}

/** ABCD-EFGH-JKMN-PQRS */
export function formatReceipt(receipt: string): string {
  return normaliseReceipt(receipt).replace(/(.{4})(?=.)/g, '$1-')
}

export const receiptSchema = v.pipe(
  v.string('请输入回执码'),
  v.maxLength(40, `回执码是${RECEIPT_LENGTH}位字母和数字`),
  v.transform(normaliseReceipt),
  v.length(RECEIPT_LENGTH, `回执码是${RECEIPT_LENGTH}位字母和数字`),
  v.regex(new RegExp(`^[${RECEIPT_ALPHABET}]{${RECEIPT_LENGTH}}$`), '回执码有误，请核对后重新输入'),
)

/** The Monday of `day`'s week: tips are counted by week. */
export function weekOf(day: DayString): DayString {
  const [year, month, date] = day.split('-').map(Number)
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay()
  return addDays(day, -((weekday + 6) % 7))
}

// ---------------------------------------------------------------- limits

/** Per person: a double tap is one tip (requestId); these stop a flood. */
export const TIP_LIMITS = { perHour: 5, perDay: 20 } as const
export const TIP_LIMIT_MESSAGE = `举报太频繁了：每人每小时最多${TIP_LIMITS.perHour}条、每天最多${TIP_LIMITS.perDay}条。情况紧急请直接拨打96110或110。`

export const MAX_EVIDENCE = 9
/** One compressed image per call, inside the function's 1 MB event. */
export const MAX_EVIDENCE_BYTES = 700 * 1024
/** Base64 of MAX_EVIDENCE_BYTES. */
export const MAX_EVIDENCE_BASE64 = Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4
/** Evidence may follow its tip for this long (the phone may be offline meanwhile). */
export const EVIDENCE_WINDOW_DAYS = 7

export const MAX_STORY = 2000
export const MAX_AMOUNT = 99_999_999

// ---------------------------------------------------------------- input

const contactSchema = v.variant(
  'mode',
  [
    v.object({ mode: v.literal('anonymous') }),
    v.object({
      mode: v.literal('named'),
      name: text('联系人姓名', { max: 20 }),
      phone: v.pipe(phoneNumber('联系电话'), v.minLength(1, '请填写联系电话，或选择匿名举报')),
    }),
  ],
  '请选择匿名举报或留下联系方式',
)
export type TipContactInput = v.InferOutput<typeof contactSchema>

export const submitTipSchema = v.object({
  transfer: v.picklist(TRANSFER_STATES, '请先回答：钱已经转出去了吗？'),
  kind: v.picklist(TIP_KIND_KEYS, '请选择诈骗类型'),
  story: v.pipe(text('事情经过', { max: MAX_STORY }), v.minLength(5, '事情经过请至少写5个字：对方怎么联系您、让您做什么')),
  happenedOn: day('发生日期'),
  identifiers: identifiersSchema,
  amountLost: v.optional(integer('损失金额', { min: 0, max: MAX_AMOUNT }), 0),
  evidenceCount: v.optional(integer('证据图片数', { min: 0, max: MAX_EVIDENCE }), 0),
  villageId: v.optional(docId('所在村（社区）')),
  contact: contactSchema,
})
export type SubmitTipInput = v.InferInput<typeof submitTipSchema>
export type SubmitTipRequest = v.InferOutput<typeof submitTipSchema>

/** The day a fraud happened: not in the future, and not before anyone keeps records of it. */
export function happenedOnProblem(happenedOn: DayString, today: DayString): string | null {
  if (happenedOn > today) return '发生日期不能晚于今天'
  if (daysBetween(happenedOn, today) > 3660) return '发生日期太早了，请核对（十年以前的事请到派出所反映）'
  return null
}

export const addEvidenceSchema = v.object({
  receipt: receiptSchema,
  index: integer('图片序号', { min: 0, max: MAX_EVIDENCE - 1 }),
  image: v.pipe(
    v.string('图片格式不正确，请重新选择'),
    v.minLength(16, '图片内容是空的，请重新选择'),
    v.maxLength(MAX_EVIDENCE_BASE64, '图片太大，请重新选择（会自动压缩）'),
    v.regex(/^[A-Za-z0-9+/]+={0,2}$/, '图片格式不正确，请重新选择'),
  ),
})

export const myTipsSchema = v.object({
  receipts: v.optional(v.pipe(v.array(receiptSchema, '回执码格式不正确'), v.maxLength(50, '一次最多查50个回执码')), []),
})

const optionalDay = (label: string) => v.optional(day(label))

export const tipQueueSchema = v.object({
  status: v.optional(v.picklist(TIP_STATUSES, '状态无效')),
  kind: v.optional(v.picklist(TIP_KIND_KEYS, '诈骗类型无效')),
  urgent: v.optional(v.boolean('紧急筛选无效')),
  transferred: v.optional(v.boolean('转账筛选无效')),
  minAmount: v.optional(integer('最低损失金额', { min: 0, max: MAX_AMOUNT })),
  from: optionalDay('开始日期'),
  to: optionalDay('结束日期'),
  offset: v.optional(integer('翻页位置', { min: 0, max: 10_000 }), 0),
})
export type TipQueueQuery = v.InferOutput<typeof tipQueueSchema>

export const tipIdSchema = v.object({ tipId: docId('举报') })

export const revealTipSchema = v.object({
  tipId: docId('举报'),
  what: v.picklist(['contact', 'evidence'], '请选择查看举报人联系方式还是证据图片'),
})

export const NEEDS_STATUS_OR_NOTE = '请选择新的状态，或填写处理说明'
export const REJECT_NEEDS_NOTE = '不予受理请写明原因（会告诉举报人）'

export const updateTipSchema = v.pipe(
  v.object({
    tipId: docId('举报'),
    status: v.optional(v.picklist(TIP_STATUSES, '状态无效')),
    note: optionalText('处理说明', 300),
    /** Shown to the tipster (and sent to them); an internal note only to police. */
    notePublic: v.optional(v.boolean('请选择处理说明是否告诉举报人'), true),
  }),
  v.forward(v.check((input) => Boolean(input.status) || input.note !== '', NEEDS_STATUS_OR_NOTE), ['note']),
  v.forward(v.check((input) => input.status !== 'rejected' || (input.note !== '' && input.notePublic), REJECT_NEEDS_NOTE), ['note']),
)
export type UpdateTipRequest = v.InferOutput<typeof updateTipSchema>

export const rewardTipSchema = v.object({
  tipId: docId('举报'),
  state: v.picklist(REWARD_STATES, '请选择拟奖励或已发放'),
  amount: integer('奖励金额（元）', { min: 1, max: 1_000_000 }),
  note: optionalText('奖励说明', 200),
  notePublic: v.optional(v.boolean('请选择奖励说明是否告诉举报人'), true),
})
export type RewardTipRequest = v.InferOutput<typeof rewardTipSchema>

export const MAX_EXPORT_DAYS = 366
export const MAX_EXPORT_TIPS = 5000

export const exportTipsSchema = v.pipe(
  v.object({
    from: day('开始日期'),
    to: day('结束日期'),
    status: v.optional(v.picklist(TIP_STATUSES, '状态无效')),
    kind: v.optional(v.picklist(TIP_KIND_KEYS, '诈骗类型无效')),
    urgent: v.optional(v.boolean('紧急筛选无效')),
  }),
  v.forward(v.check((input) => input.from <= input.to, '开始日期不能晚于结束日期'), ['to']),
  v.forward(v.check((input) => daysBetween(input.from, input.to) < MAX_EXPORT_DAYS, `一次最多导出${MAX_EXPORT_DAYS}天，请缩短时间范围`), ['to']),
)
export type ExportTipsRequest = v.InferOutput<typeof exportTipsSchema>

export const MAX_STATS_DAYS = 371

export const tipStatsSchema = v.pipe(
  v.object({ from: day('开始日期'), to: day('结束日期') }),
  v.forward(v.check((input) => input.from <= input.to, '开始日期不能晚于结束日期'), ['to']),
  v.forward(v.check((input) => daysBetween(input.from, input.to) < MAX_STATS_DAYS, '一次最多统计一年，请缩短时间范围'), ['to']),
)
export type TipStatsRequest = v.InferOutput<typeof tipStatsSchema>

// ---------------------------------------------------------------- what replies carry

export interface TipReward {
  state: RewardState
  amount: number
}

/** One step of a tip's handling. The tipster sees only public steps, without who took them. */
export interface TipEventView {
  at: string
  kind: 'submitted' | 'status' | 'note' | 'reward'
  status: TipStatus | null
  note: string
  reward: TipReward | null
  /** Police only: whether the tipster sees it, and the officer. */
  public?: boolean
  by?: string
}

/** What `tips.submit` answers: the receipt code is shown once, to copy. */
export interface SubmittedTip {
  reference: string
  receipt: string
  status: TipStatus
  createdAt: string
  anonymous: boolean
  urgent: boolean
  evidenceExpected: number
}

export interface EvidenceProgress {
  expected: number
  received: number
}

/** A tip as its sender sees it in 我的举报. */
export interface MyTip {
  reference: string
  kind: TipKind
  status: TipStatus
  anonymous: boolean
  /** Which of the receipts sent found it (null: found as the signed-in tipster's own). */
  receipt: string | null
  createdAt: string
  updatedAt: string
  happenedOn: DayString
  story: string
  identifiers: SuspectIdentifier[]
  amountLost: number
  evidence: EvidenceProgress
  reward: TipReward | null
  timeline: TipEventView[]
}

export interface MyTips {
  tips: MyTip[]
  /** Receipts sent that found no tip (mistyped, or the tip was removed). */
  unknownReceipts: string[]
}

/** A row of the police queue: no identity, no contact. */
export interface TipRow {
  id: string
  reference: string
  kind: TipKind
  status: TipStatus
  urgent: boolean
  transfer: TransferState
  amountLost: number
  createdAt: string
  villageName: string | null
  anonymous: boolean
  evidence: EvidenceProgress
  excerpt: string
}

export interface TipPage {
  tips: TipRow[]
  /** The offset of the next page, or null at the end. */
  nextOffset: number | null
}

/** The police detail; contact and evidence only through `reveal`, which is audited. */
export interface TipDetail extends TipRow {
  story: string
  happenedOn: DayString
  identifiers: SuspectIdentifier[]
  reward: TipReward | null
  timeline: TipEventView[]
  /** The statuses it may move to now. */
  next: TipStatus[]
  hasContact: boolean
}

export type RevealedTip =
  | { what: 'contact'; contact: { name: string; phone: string } }
  | { what: 'evidence'; images: { index: number; url: string | null }[] }

/** Counts only: never who, never what they wrote. */
export interface TipStats {
  from: DayString
  to: DayString
  total: number
  urgent: number
  byKind: { key: TipKind; label: string; count: number }[]
  byStatus: { key: TipStatus; label: string; count: number }[]
  byVillage: { id: string | null; name: string; count: number }[]
  byWeek: { week: DayString; total: number; urgent: number }[]
}

export interface TipFormContext {
  villages: { id: string; name: string }[]
}

export type { IdentifierKind, SuspectIdentifier }
