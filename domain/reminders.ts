import * as v from 'valibot'
import { compareByNeed } from './progress'
import type { Progress } from './coverage'
import { chineseDate, daysBetween, inShanghai, monthDay, type DayString } from './dates'
import { docId, integer } from './fields'
import { pageCursorField } from './inbox'
import { fitField, fitFields, type MessageFields } from './messages'

// 督导提醒: which unit heads (and, if the town wants, cadres) are reminded
// about which villages, when, and with what words. The reminders function
// runs this rule on its timer and on office's 立即提醒; the text is built and
// fitted to WeChat's field rules here, once. A reminder helps: where the
// village stands, what is left, by when, and a link to its progress.

// ---------------------------------------------------------------- settings

/** 免打扰: no reminder goes out from `from` (included) to `to` (excluded), Asia/Shanghai, HH:mm. */
export interface QuietHours {
  from: string
  to: string
}

/** Per town (stored on the town document as `reminderSettings`). */
export interface TownReminderSettings {
  /** 定时提醒: the weekday timer reminds by itself; when off, only office's 立即提醒 (and retries of failures) send. */
  scheduled: boolean
  quietHours: QuietHours | null
  /** Also remind the cadres of a lagging village about it. */
  includeCadres: boolean
}

export const DEFAULT_TOWN_REMINDER_SETTINGS: TownReminderSettings = {
  scheduled: true,
  quietHours: { from: '21:00', to: '08:00' },
  includeCadres: false,
}

/** Per campaign (stored on the campaign document as `reminderLeadDays`): remind this many days before a milestone whose target is not met. */
export const DEFAULT_LEAD_DAYS = 7
export const MAX_LEAD_DAYS = 60

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/

/** What a town document holds, made whole: missing or malformed parts take the defaults. */
export function townReminderSettings(stored: Partial<TownReminderSettings> | null | undefined): TownReminderSettings {
  const quiet = stored?.quietHours
  const validQuiet = quiet === null || (quiet && CLOCK.test(quiet.from) && CLOCK.test(quiet.to) && quiet.from !== quiet.to)
  return {
    scheduled: typeof stored?.scheduled === 'boolean' ? stored.scheduled : DEFAULT_TOWN_REMINDER_SETTINGS.scheduled,
    quietHours: validQuiet ? (quiet ?? null) : DEFAULT_TOWN_REMINDER_SETTINGS.quietHours,
    includeCadres: typeof stored?.includeCadres === 'boolean' ? stored.includeCadres : DEFAULT_TOWN_REMINDER_SETTINGS.includeCadres,
  }
}

export function leadDaysOf(campaign: { reminderLeadDays?: unknown }): number {
  const days = campaign.reminderLeadDays
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_LEAD_DAYS ? days : DEFAULT_LEAD_DAYS
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

/** Whether `now` falls in the quiet hours (which may span midnight: 21:00-08:00). */
export function inQuietHours(now: Date, quiet: QuietHours | null): boolean {
  if (!quiet) return false
  const shanghai = inShanghai(now)
  const minute = shanghai.hour() * 60 + shanghai.minute()
  const from = minutesOf(quiet.from)
  const to = minutesOf(quiet.to)
  if (from === to) return false
  return from < to ? minute >= from && minute < to : minute >= from || minute < to
}

// ---------------------------------------------------------------- the rule

export const REMINDER_REASONS = ['overdue', 'far_behind', 'behind', 'due_soon'] as const
export type ReminderReason = (typeof REMINDER_REASONS)[number]

/**
 * Why a village needs a reminder today, or null. Never once its milestone's
 * target is reached (exactly on target included); otherwise when the
 * milestone's day has passed, when it is 严重落后 or 落后, or when the
 * milestone is at most `leadDays` days away (its own day counts as 0).
 */
export function reminderReason(progress: Progress, leadDays: number): ReminderReason | null {
  const milestone = progress.milestone
  if (!milestone || progress.covered >= milestone.targetHouseholds) return null
  if (milestone.passed) return 'overdue'
  if (progress.status === 'far_behind' || progress.status === 'behind') return progress.status
  // daysLeft counts today: 1 on the milestone's own day.
  return milestone.daysLeft - 1 <= leadDays ? 'due_soon' : null
}

export interface ReminderVillage {
  id: string
  name: string
  unitId: string | null
  order: number
  progress: Progress
}

export interface VillageToRemind {
  id: string
  name: string
  reason: ReminderReason
  progress: Progress
}

/** The villages that need a reminder, most in need first. */
export function villagesToRemind(villages: readonly ReminderVillage[], leadDays: number): VillageToRemind[] {
  return villages
    .flatMap((village) => {
      const reason = reminderReason(village.progress, leadDays)
      return reason ? [{ village, reason }] : []
    })
    .sort((a, b) => compareByNeed(a.village, b.village))
    .map(({ village, reason }) => ({ id: village.id, name: village.name, reason, progress: village.progress }))
}

export type RecipientRole = 'unit_head' | 'cadre'

export interface Recipient {
  userId: string
  openid: string
  name: string
  role: RecipientRole
  /** A head's unit, a cadre's village. */
  unitId: string | null
  villageId: string | null
}

export interface PlannedReminder {
  recipient: Recipient
  /** The head's unit or the cadre's village, as the message names it. */
  scopeName: string
  villages: VillageToRemind[]
  content: ReminderContent
}

export interface ReminderPlan {
  /** Will be reminded now. */
  due: PlannedReminder[]
  /** Would be, but already were today: at most one reminder per person per day. */
  remindedToday: PlannedReminder[]
  /** Units with villages to remind about but no head account to remind. */
  unreachable: { unitId: string; unitName: string; villages: VillageToRemind[] }[]
  /** Units whose villages are all on track: nothing to send them. */
  unitsOnTrack: number
}

export interface PlanInput {
  today: DayString
  settings: TownReminderSettings
  leadDays: number
  villages: readonly ReminderVillage[]
  units: readonly { id: string; name: string }[]
  /** Heads (role unit_head with a unit) and, when the town includes them, cadres (with a village). */
  recipients: readonly Recipient[]
  /** User ids with a reminder attempt today. */
  remindedToday: ReadonlySet<string>
  /** Only this unit (立即提醒 of one unit). */
  unitId?: string
  /** Only these users (a run that only retries failures). */
  onlyUsers?: ReadonlySet<string>
}

/** Who is reminded about which villages: the rule, for one town on one day. */
export function planReminders(input: PlanInput): ReminderPlan {
  const { leadDays, today } = input
  const plan: ReminderPlan = { due: [], remindedToday: [], unreachable: [], unitsOnTrack: 0 }
  const toRemind = villagesToRemind(input.villages, leadDays)
  const unitOf = new Map(input.villages.map((village) => [village.id, village.unitId]))
  /** One reminder a person a day: someone both head and cadre gets the head's, which names every village. */
  const placed = new Set<string>()
  const place = (recipient: Recipient, scopeName: string, villages: VillageToRemind[]) => {
    if (placed.has(recipient.userId) || (input.onlyUsers && !input.onlyUsers.has(recipient.userId))) return
    placed.add(recipient.userId)
    const planned = { recipient, scopeName, villages, content: reminderContent(recipient.role, scopeName, villages, today) }
    if (input.remindedToday.has(recipient.userId)) plan.remindedToday.push(planned)
    else plan.due.push(planned)
  }

  for (const unit of input.units) {
    if (input.unitId && unit.id !== input.unitId) continue
    const villages = toRemind.filter((village) => unitOf.get(village.id) === unit.id)
    if (villages.length === 0) {
      plan.unitsOnTrack += 1
      continue
    }
    const unitHeads = input.recipients.filter((recipient) => recipient.role === 'unit_head' && recipient.unitId === unit.id)
    if (unitHeads.length === 0) plan.unreachable.push({ unitId: unit.id, unitName: unit.name, villages })
    for (const head of unitHeads) place(head, unit.name, villages)
  }
  if (!input.unitId) {
    const unitIds = new Set(input.units.map((unit) => unit.id))
    const orphans = toRemind.filter((village) => {
      const unitId = unitOf.get(village.id)
      return !unitId || !unitIds.has(unitId)
    })
    if (orphans.length > 0) plan.unreachable.push({ unitId: '', unitName: '未分配包联单位', villages: orphans })
  }

  if (input.settings.includeCadres) {
    for (const village of toRemind) {
      if (input.unitId && unitOf.get(village.id) !== input.unitId) continue
      for (const cadre of input.recipients) {
        if (cadre.role !== 'cadre' || cadre.villageId !== village.id) continue
        place(cadre, village.name, [village])
      }
    }
  }
  return plan
}

// ---------------------------------------------------------------- the words

/** The progress page, opened at one village (the subscribe message's and the inbox's link). */
export function progressPage(villageId: string): string {
  return `pages/staff/progress/index?villageId=${encodeURIComponent(villageId)}`
}

/** A line of the in-app message (an InboxLine of domain/inbox.ts). */
export interface ReminderLine {
  text: string
  /** A page of the app this line opens (no leading slash). */
  page?: string
  /** What the button to that page says. */
  action?: string
}

export interface ReminderContent {
  /** The subscribe message's fields, already within WeChat's rules. */
  fields: MessageFields<'reminder'>
  /** The page the subscribe message opens: the village most in need. */
  page: string
  /** The in-app message (消息). */
  title: string
  lines: ReminderLine[]
}

export const REMINDER_TITLE = '入户进度督导提醒'

const toGoOf = (progress: Progress) => Math.max((progress.milestone?.targetHouseholds ?? 0) - progress.covered, 0)

/** The first text that fits a `thing` field whole; else the last one, shortened. */
function firstThatFits(candidates: string[]): string {
  const fits = candidates.find((text) => [...text].length <= 20)
  return fits ?? fitField('thing', candidates[candidates.length - 1])
}

/** 石梁村, or 石梁村等3个村社: the name shortened, never the count. */
function villageField(villages: readonly VillageToRemind[]): string {
  const first = villages[0].name
  if (villages.length === 1) return fitField('thing', first)
  const suffix = `等${villages.length}个村社`
  const room = 20 - [...suffix].length
  const name = [...first].length <= room ? first : `${[...first].slice(0, room - 1).join('')}…`
  return `${name}${suffix}`
}

function adviceField(village: VillageToRemind): string {
  const toGo = toGoOf(village.progress)
  if (village.reason === 'overdue') return firstThatFits([`期限已过，还差${toGo}户，请尽快补上`, `期限已过，还差${toGo}户`, `还差${toGo}户`])
  const perDay = village.progress.neededPerDay
  return firstThatFits([`还差${toGo}户，每天约${perDay}户可按期完成`, `还差${toGo}户，每天约${perDay}户`, `还差${toGo}户`])
}

function standing(village: VillageToRemind): string {
  const milestone = village.progress.milestone
  switch (village.reason) {
    case 'overdue':
      return '阶段目标期限已过'
    case 'far_behind':
      return '进度严重落后'
    case 'behind':
      return '进度落后'
    case 'due_soon':
      return milestone && milestone.daysLeft <= 1 ? '今天是阶段目标的最后一天' : `离阶段目标还有 ${(milestone?.daysLeft ?? 1) - 1} 天`
  }
}

/** One village's line in the inbox: where it stands, what is left, by when. */
export function villageLine(village: VillageToRemind, today: DayString): string {
  const { progress } = village
  const milestone = progress.milestone
  const head = `${village.name}：已覆盖 ${progress.covered}/${progress.registered} 户（${progress.percent}%），${standing(village)}。`
  if (!milestone) return head
  const toGo = toGoOf(progress)
  const by = `${monthDay(milestone.day, today)}前`
  if (village.reason === 'overdue') return `${head}${by}应达到 ${milestone.targetPercent}%，还差 ${toGo} 户，请尽快补上。`
  return `${head}${by}要达到 ${milestone.targetPercent}%，还差 ${toGo} 户，剩 ${milestone.daysLeft} 天，每天约 ${progress.neededPerDay} 户就能按期完成。`
}

/** What one person receives: the subscribe message and the inbox message, about `villages` (most in need first). */
export function reminderContent(role: RecipientRole, scopeName: string, villages: readonly VillageToRemind[], today: DayString): ReminderContent {
  const first = villages[0]
  const milestone = first.progress.milestone
  const fields = fitFields('reminder', {
    village: villageField(villages),
    progress: `已覆盖${first.progress.percent}%，目标${milestone?.targetPercent ?? 0}%`,
    deadline: chineseDate(milestone?.day ?? today),
    advice: adviceField(first),
  }) as MessageFields<'reminder'>
  const intro =
    role === 'unit_head'
      ? `${scopeName}包联的村（社区）中，有 ${villages.length} 个需要加把劲：`
      : `${scopeName}的入户宣传需要加把劲：`
  return {
    fields,
    page: progressPage(first.id),
    title: REMINDER_TITLE,
    lines: [
      { text: intro },
      ...villages.map((village) => ({ text: villageLine(village, today), page: progressPage(village.id), action: `查看${village.name}的进度` })),
      { text: '点上面的按钮，可以看各村（社区）每天入户的进度。需要协调人手，请联系镇反诈办。' },
    ],
  }
}

// ---------------------------------------------------------------- records

export const REMINDER_OUTCOMES = ['sending', 'sent', 'no_grant', 'refused', 'failed', 'interrupted'] as const
export type ReminderOutcome = (typeof REMINDER_OUTCOMES)[number]

export const OUTCOME_LABELS: Record<ReminderOutcome, string> = {
  sending: '正在发送',
  sent: '微信已送达',
  no_grant: '未订阅微信提醒，已放入「消息」',
  refused: '对方拒收微信提醒，已放入「消息」',
  failed: '微信发送失败，已放入「消息」，下次定时提醒时重试',
  interrupted: '发送中断，已放入「消息」，下次定时提醒时重试',
}

/** Failures a later day's run tries again (once a day at most: the next run is another day). */
export function isRetriable(outcome: ReminderOutcome): boolean {
  return outcome === 'failed' || outcome === 'interrupted'
}

export type ReminderTrigger = 'timer' | 'manual'

/** The idempotency key of one person's reminder on one day: a run that dies and runs again sends no second one. */
export function reminderKey(day: DayString, userId: string): string {
  return `rm_${day.replace(/-/g, '')}_${userId}`
}

/** Failures older than this are not retried: a week-old reminder would say nothing true. */
export const RETRY_WITHIN_DAYS = 7

export function retryStillWanted(failedOn: DayString, today: DayString): boolean {
  const age = daysBetween(failedOn, today)
  return age > 0 && age <= RETRY_WITHIN_DAYS
}

// ---------------------------------------------------------------- what office sees

export interface ReminderVillageView {
  id: string
  name: string
  reason: ReminderReason
  percent: number
  targetPercent: number
  deadline: DayString | null
  toGo: number
}

export function villageView(village: VillageToRemind): ReminderVillageView {
  return {
    id: village.id,
    name: village.name,
    reason: village.reason,
    percent: village.progress.percent,
    targetPercent: village.progress.milestone?.targetPercent ?? 0,
    deadline: village.progress.milestone?.day ?? null,
    toGo: toGoOf(village.progress),
  }
}

export const REASON_LABELS: Record<ReminderReason, string> = {
  overdue: '期限已过未达标',
  far_behind: '严重落后',
  behind: '落后',
  due_soon: '阶段目标临近',
}

export const RECIPIENT_ROLE_LABELS: Record<RecipientRole, string> = { unit_head: '单位负责人', cadre: '村社干部' }

export interface PreviewRecipient {
  userId: string
  name: string
  role: RecipientRole
  scopeName: string
  villages: ReminderVillageView[]
  /** Exactly what WeChat would show (already fitted). */
  message: MessageFields<'reminder'>
  page: string
  title: string
  lines: ReminderLine[]
  /** Subscribe-message grants left: 0 means the reminder reaches only the in-app 消息. */
  grants: number
  remindedToday: boolean
}

export interface ReminderPreview {
  today: DayString
  campaign: { id: string; name: string } | null
  settings: TownReminderSettings
  leadDays: number
  /** Now is within quiet hours: 立即提醒 will wait. */
  quietNow: boolean
  recipients: PreviewRecipient[]
  unreachable: { unitId: string; unitName: string; villages: ReminderVillageView[] }[]
  unitsOnTrack: number
}

export interface ReminderRunReport {
  day: DayString
  /** Why nothing was sent, when nothing was. */
  skipped: 'quiet_hours' | 'no_campaign' | null
  sent: number
  noGrant: number
  refused: number
  failed: number
  /** Already reminded today (or being reminded by another run). */
  alreadyToday: number
  unreachableUnits: number
  retried: number
}

export interface ReminderAttemptView {
  id: string
  day: DayString
  at: string
  name: string
  role: RecipientRole
  scopeName: string
  trigger: ReminderTrigger
  villages: ReminderVillageView[]
  outcome: ReminderOutcome
  /** The platform's error code, for failures. */
  code: string | null
  /** Will be tried again on the next run. */
  retryPending: boolean
  /** This attempt retried an earlier failure. */
  isRetry: boolean
}

export interface ReminderSettingsView {
  settings: TownReminderSettings
  campaign: { id: string; name: string; leadDays: number } | null
}

// ---------------------------------------------------------------- inputs

export const previewRemindersSchema = v.object({
  /** One unit; all lagging units when left out. */
  unitId: v.optional(docId('单位')),
})

export const sendRemindersSchema = previewRemindersSchema

export const reminderAttemptsSchema = v.object({ before: pageCursorField })

const clock = (label: string) => v.pipe(v.string(`请选择${label}`), v.regex(CLOCK, `${label}格式应为 时:分，例如 21:00`))

export const updateReminderSettingsSchema = v.pipe(
  v.object({
    scheduled: v.boolean('请选择是否定时提醒'),
    quietHoursOn: v.boolean('请选择是否免打扰'),
    quietFrom: clock('免打扰开始时间'),
    quietTo: clock('免打扰结束时间'),
    includeCadres: v.boolean('请选择是否提醒村社干部'),
    leadDays: integer('提前提醒天数', { min: 0, max: MAX_LEAD_DAYS }),
    /** Default: the campaign under way. */
    campaignId: v.optional(docId('活动')),
  }),
  v.forward(
    v.check((input) => !input.quietHoursOn || input.quietFrom !== input.quietTo, '免打扰的开始和结束时间不能相同'),
    ['quietTo'],
  ),
)
export type UpdateReminderSettingsInput = v.InferInput<typeof updateReminderSettingsSchema>
