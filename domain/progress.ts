import * as v from 'valibot'
import type { CampaignSummary } from './campaign'
import type { DayCount } from './coverage-ledger'
import { progressOf, STATUS_LABELS, STATUS_ORDER, type CoverageStatus, type Progress } from './coverage'
import { addDays, daysBetween, type DayString } from './dates'
import { day, docId } from './fields'
import { VISIT_ITEM_LABELS, VISIT_ITEMS, type SignatureKind, type VisitItem } from './visits'

// 进度与通报: coverage of each village against the campaign's milestones, the
// weekly bulletin (通报) and the archive of visit records for the police
// (入户工作记录表). Everything here is computed from the per-village counters
// (coverage documents), never by scanning visits.

// ---------------------------------------------------------------- inputs

/** Days the dashboard's daily series covers: eight weeks, today included. */
export const DAILY_SERIES_DAYS = 56
/** A bulletin covers at most a quarter. */
export const BULLETIN_MAX_DAYS = 92
/** An archive export covers at most a year: a whole campaign. */
export const ARCHIVE_MAX_DAYS = 366

// A period is from..to, both days included; its problems are reported on `to`.
const period = { from: day('开始日期'), to: day('结束日期') }
const TO_BEFORE_FROM = '结束日期不能早于开始日期'
const isOrdered = (input: { from: string; to: string }) => daysBetween(input.from, input.to) >= 0
const fitsIn = (input: { from: string; to: string }, maxDays: number) => daysBetween(input.from, input.to) < maxDays
const tooLong = (maxDays: number) => `时间范围最长${maxDays}天，请缩短后重试`

export const dashboardSchema = v.object({
  /** Default: the campaign under way today. */
  campaignId: v.optional(docId('活动')),
})
export type DashboardRequest = v.InferOutput<typeof dashboardSchema>

export const bulletinSchema = v.pipe(
  v.object({ campaignId: v.optional(docId('活动')), ...period }),
  v.forward(v.check((input) => isOrdered(input), TO_BEFORE_FROM), ['to']),
  v.forward(v.check((input) => fitsIn(input, BULLETIN_MAX_DAYS), tooLong(BULLETIN_MAX_DAYS)), ['to']),
)
export type BulletinRequest = v.InferOutput<typeof bulletinSchema>

export const exportArchiveSchema = v.pipe(
  v.object({ villageId: docId('村（社区）'), ...period }),
  v.forward(v.check((input) => isOrdered(input), TO_BEFORE_FROM), ['to']),
  v.forward(v.check((input) => fitsIn(input, ARCHIVE_MAX_DAYS), tooLong(ARCHIVE_MAX_DAYS)), ['to']),
)
export type ExportArchiveRequest = v.InferOutput<typeof exportArchiveSchema>

export const recountSchema = v.object({
  /** Default: every village of the caller's town. */
  villageId: v.optional(docId('村（社区）')),
  /** Default: the campaign under way today. */
  campaignId: v.optional(docId('活动')),
})
export type RecountRequest = v.InferOutput<typeof recountSchema>

// ---------------------------------------------------------------- replies

/** Whose figures a dashboard shows: office and police the town, a unit head their unit, a cadre their village. */
export type ProgressScope = 'town' | 'unit' | 'village'

export interface DayVisits {
  day: DayString
  visits: number
  newlyCovered: number
}

/** Monday to today, in Asia/Shanghai. */
export interface WeekFigures {
  from: DayString
  to: DayString
  visits: number
  newlyCovered: number
  coveredAtWeekStart: number
  coveredNow: number
}

export interface UnitProgress {
  id: string
  name: string
  villages: number
  progress: Progress
}

export interface VillageProgress {
  id: string
  name: string
  unitId: string | null
  unitName: string
  progress: Progress
  /** Active visits in the campaign so far. */
  visits: number
  visitsThisWeek: number
  newlyCoveredThisWeek: number
}

export interface Dashboard {
  campaign: CampaignSummary
  today: DayString
  scope: ProgressScope
  /** 贾嗣镇, the unit's name, or the village's name. */
  scopeName: string
  total: Progress
  /** Town scope only; in the units' standing order. */
  units: UnitProgress[]
  /** Most in need of help first (see compareByNeed). */
  villages: VillageProgress[]
  /** The last DAILY_SERIES_DAYS days, oldest first, today last. */
  daily: DayVisits[]
  thisWeek: WeekFigures
}

export interface BulletinRow {
  villageId: string
  villageName: string
  /** 实有户数 */
  registered: number
  covered: number
  percent: number
  periodVisits: number
  periodNewlyCovered: number
  status: CoverageStatus
  statusLabel: string
  /** Households still to cover for the milestone in view. */
  householdsToGo: number
  neededPerDay: number
}

export interface Bulletin {
  title: string
  townName: string
  campaign: CampaignSummary
  /** asOf: the day the figures stand at (to, or today while the period runs). */
  period: { from: DayString; to: DayString; asOf: DayString }
  paragraphs: string[]
  /** Villages in their standing order: a progress table, not a ranking. */
  table: { columns: string[]; rows: BulletinRow[]; total: BulletinRow }
}

export interface ExportedFile {
  fileID: string
  /** A temporary download URL (2 hours). */
  url: string
  fileName: string
}

export interface ArchiveExport extends ExportedFile {
  /** Active visits in the file. */
  visits: number
  /** One form per staff member and day. */
  forms: number
  /** Printed pages: a long form continues on a page with its own header. */
  pages: number
  /** One worksheet per staff member. */
  staff: number
  /** Signatures whose image could not be read from storage (marked in the file). */
  missingSignatures: number
}

export interface CounterFigures {
  covered: number
  visits: number
}

export interface VillageRecount {
  villageId: string
  villageName: string
  before: CounterFigures
  after: CounterFigures
  /** Households whose tally for the campaign was wrong and was rewritten. */
  householdsFixed: number
  /** Days whose visits or newly covered count was wrong. */
  daysFixed: number
  drifted: boolean
}

export interface RecountReport {
  campaignId: string
  /** In the villages' standing order. */
  villages: VillageRecount[]
  /** How many villages had drifted. */
  drifted: number
  /** Villages not reached within one call (only in very large towns): recount each with its villageId. */
  pending: string[]
}

// ---------------------------------------------------------------- weeks and days

/** The Monday of the week `day` falls in (weeks start on Monday, as on a Chinese calendar). */
export function weekStartOf(day: DayString): DayString {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return addDays(day, -((weekday + 6) % 7))
}

export type ByDay = Record<DayString, DayCount>

/** Visits and newly covered households over from..to, both included. */
export function sumDays(byDay: ByDay, from: DayString, to: DayString): DayCount {
  let visits = 0
  let newlyCovered = 0
  for (const [day, count] of Object.entries(byDay)) {
    if (day >= from && day <= to) {
      visits += count.visits
      newlyCovered += count.newlyCovered
    }
  }
  return { visits, newlyCovered }
}

/**
 * Households covered by the end of `day`, as the counters know it now: those
 * covered today less those first covered after `day`.
 */
export function coveredAtEndOf(covered: number, byDay: ByDay, day: DayString): number {
  let later = 0
  for (const [d, count] of Object.entries(byDay)) if (d > day) later += count.newlyCovered
  return covered - later
}


/** Adds several villages' byDay together. */
export function mergeByDay(all: readonly ByDay[]): ByDay {
  const merged: ByDay = {}
  for (const byDay of all) {
    for (const [day, count] of Object.entries(byDay)) {
      const was = merged[day] ?? { visits: 0, newlyCovered: 0 }
      merged[day] = { visits: was.visits + count.visits, newlyCovered: was.newlyCovered + count.newlyCovered }
    }
  }
  return merged
}

export function dailySeries(byDay: ByDay, today: DayString, days = DAILY_SERIES_DAYS): DayVisits[] {
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(today, i - days + 1)
    return { day, visits: byDay[day]?.visits ?? 0, newlyCovered: byDay[day]?.newlyCovered ?? 0 }
  })
}

export function weekFigures(byDay: ByDay, covered: number, today: DayString): WeekFigures {
  const from = weekStartOf(today)
  const week = sumDays(byDay, from, today)
  return { from, to: today, visits: week.visits, newlyCovered: week.newlyCovered, coveredAtWeekStart: covered - week.newlyCovered, coveredNow: covered }
}

/** Most in need first: by status (严重落后 first), then the lower share covered, then the standing order. */
export function compareByNeed(a: { progress: Progress; order?: number }, b: { progress: Progress; order?: number }): number {
  return (
    STATUS_ORDER[a.progress.status] - STATUS_ORDER[b.progress.status] ||
    a.progress.percent - b.progress.percent ||
    (a.order ?? 0) - (b.order ?? 0)
  )
}

// ---------------------------------------------------------------- bulletin (通报)

export interface BulletinVillage {
  id: string
  name: string
  /** 实有户数 */
  registered: number
  /** Covered now. */
  covered: number
  /** At least every day from the period's start to today. */
  byDay: ByDay
}

export interface BulletinInput {
  townName: string
  campaign: CampaignSummary
  from: DayString
  to: DayString
  today: DayString
  /** In their standing order. */
  villages: readonly BulletinVillage[]
}

export const BULLETIN_COLUMNS = ['村（社区）', '实有户数', '已覆盖户数', '覆盖率', '本期入户次数', '本期新覆盖户数', '进度', '每天需覆盖户数']

/** How many villages a paragraph names before it says "等". */
const NAMED_IN_PARAGRAPH = 5

/**
 * A bulletin framed as progress and help: where the town stands, the next
 * milestone and the pace it needs, which villages need support and by how
 * much, and which did well. Figures stand at the end of the period (or today
 * while it runs), from the counters' byDay.
 */
export function buildBulletin(input: BulletinInput): Bulletin {
  const asOf = daysBetween(input.today, input.to) > 0 ? input.today : input.to
  const dayBeforeStart = addDays(input.from, -1)
  const row = (id: string, name: string, registered: number, coveredNow: number, byDay: ByDay): BulletinRow & { coveredAtStart: number } => {
    const covered = coveredAtEndOf(coveredNow, byDay, asOf)
    const period = sumDays(byDay, input.from, asOf)
    const progress = progressOf(registered, covered, input.campaign, asOf)
    return {
      villageId: id,
      villageName: name,
      registered,
      covered,
      percent: progress.percent,
      periodVisits: period.visits,
      periodNewlyCovered: period.newlyCovered,
      status: progress.status,
      statusLabel: STATUS_LABELS[progress.status],
      householdsToGo: progress.milestone ? Math.max(progress.milestone.targetHouseholds - covered, 0) : 0,
      neededPerDay: progress.neededPerDay,
      coveredAtStart: coveredAtEndOf(coveredNow, byDay, dayBeforeStart),
    }
  }
  const rows = input.villages.map((village) => row(village.id, village.name, village.registered, village.covered, village.byDay))
  const townRegistered = input.villages.reduce((sum, village) => sum + village.registered, 0)
  const townCovered = input.villages.reduce((sum, village) => sum + village.covered, 0)
  const total = row('', '全镇合计', townRegistered, townCovered, mergeByDay(input.villages.map((village) => village.byDay)))
  const totalProgress = progressOf(townRegistered, total.covered, input.campaign, asOf)

  const paragraphs = [
    townParagraph(input, asOf, total, input.villages.length),
    milestoneParagraph(totalProgress, total, input, asOf),
    supportParagraph(rows),
    wellDoneParagraph(rows),
    '请各村（社区）对照阶段目标安排好入户计划，入户时认真填写入户工作记录，并及时交社区民警存档备查；工作中遇到困难，请及时与镇反诈办联系，共同想办法解决。',
  ].filter((text): text is string => Boolean(text))

  const strip = ({ coveredAtStart: _ignored, ...rest }: BulletinRow & { coveredAtStart: number }): BulletinRow => rest
  return {
    title: `${input.townName}全民反诈入户宣传工作进度通报`,
    townName: input.townName,
    campaign: input.campaign,
    period: { from: input.from, to: input.to, asOf },
    paragraphs,
    table: { columns: BULLETIN_COLUMNS, rows: rows.map(strip), total: strip(total) },
  }
}

/** 2月28日 (with the year when it is not the year of `reference`). */
export function monthDay(day: DayString, reference?: DayString): string {
  const [year, month, date] = day.split('-').map(Number)
  const prefix = reference && reference.slice(0, 4) !== day.slice(0, 4) ? `${year}年` : ''
  return `${prefix}${month}月${date}日`
}

/** 2021年2月3日 */
export function chineseDate(day: DayString): string {
  const [year, month, date] = day.split('-').map(Number)
  return `${year}年${month}月${date}日`
}

const percentText = (value: number) => `${value.toFixed(1)}%`
const pointsText = (value: number) => `${(Math.round(value * 10) / 10).toFixed(1)}个百分点`
const share = (covered: number, registered: number) => (registered > 0 ? Math.round((covered / registered) * 1000) / 10 : 0)

function townParagraph(input: BulletinInput, asOf: DayString, total: BulletinRow & { coveredAtStart: number }, villages: number): string {
  const startPercent = share(total.coveredAtStart, total.registered)
  const period = `本期（${monthDay(input.from, asOf)}至${monthDay(input.to, asOf)}）`
  const change =
    total.periodNewlyCovered > 0
      ? `${period}共入户${total.periodVisits}次，新覆盖${total.periodNewlyCovered}户，覆盖率由期初的${percentText(startPercent)}提高到${percentText(total.percent)}，提高${pointsText(total.percent - startPercent)}。`
      : `${period}共入户${total.periodVisits}次，暂无新覆盖的户。`
  return `截至${monthDay(asOf)}，全镇${villages}个村（社区）实有${total.registered}户，已入户宣传覆盖${total.covered}户，覆盖率${percentText(total.percent)}。${change}`
}

function milestoneParagraph(progress: Progress, total: BulletinRow & { coveredAtStart: number }, input: BulletinInput, asOf: DayString): string | null {
  const milestone = progress.milestone
  if (!milestone) return null
  const goal = `${monthDay(milestone.day, asOf)}前覆盖实有户数的${milestone.targetPercent}%（${milestone.targetHouseholds}户）`
  if (progress.status === 'met') {
    const next = input.campaign.milestones.filter((m) => daysBetween(milestone.day, m.day) > 0).sort((a, b) => daysBetween(b.day, a.day))[0]
    const nextText = next ? `下一阶段目标是${monthDay(next.day, asOf)}前覆盖${next.targetPercent}%，请保持节奏。` : '请继续做好查漏补缺。'
    return `全镇已完成“${goal}”的阶段目标。${nextText}`
  }
  const toGo = Math.max(milestone.targetHouseholds - total.covered, 0)
  if (milestone.passed) return `活动目标期限（${monthDay(milestone.day, asOf)}）已过，全镇距“${goal}”还差${toGo}户，请抓紧补齐。`
  const periodDays = daysBetween(input.from, asOf) + 1
  const pace = Math.round((total.periodNewlyCovered / periodDays) * 10) / 10
  return `下一阶段目标是${goal}，还需覆盖${toGo}户；距目标还有${milestone.daysLeft}天（含当天），平均每天需新覆盖${progress.neededPerDay}户，本期平均每天新覆盖${pace}户。`
}

function supportParagraph(rows: readonly BulletinRow[]): string {
  const describe = (status: CoverageStatus) =>
    rows
      .filter((row) => row.status === status)
      .sort((a, b) => b.householdsToGo - a.householdsToGo)
      .map((row) => `${row.villageName}（已覆盖${percentText(row.percent)}，距阶段目标还差${row.householdsToGo}户，每天需覆盖约${row.neededPerDay}户）`)
      .join('；')
  const far = describe('far_behind')
  const behind = describe('behind')
  if (!far && !behind) return '各村（社区）进度均正常或已达到阶段目标。'
  const parts = [far && `需要重点帮扶的有：${far}。`, behind && `进度稍慢、需要加把劲的有：${behind}。`].filter(Boolean)
  return `${parts.join('')}请包村单位和社区民警协助梳理未入户名单、调配人手，帮助赶上进度。`
}

function wellDoneParagraph(rows: readonly BulletinRow[]): string | null {
  const moved = rows
    .filter((row) => row.periodNewlyCovered > 0)
    .sort((a, b) => b.periodNewlyCovered / Math.max(b.registered, 1) - a.periodNewlyCovered / Math.max(a.registered, 1))
    .slice(0, 3)
  const met = rows.filter((row) => row.status === 'met')
  const parts: string[] = []
  if (moved.length > 0) {
    parts.push(`本期进展较快的有：${moved.map((row) => `${row.villageName}（新覆盖${row.periodNewlyCovered}户）`).join('、')}。`)
  }
  if (met.length > 0) {
    const names = met.slice(0, NAMED_IN_PARAGRAPH).map((row) => row.villageName).join('、')
    parts.push(`${names}${met.length > NAMED_IN_PARAGRAPH ? `等${met.length}个村（社区）` : ''}已完成阶段目标。`)
  }
  return parts.length > 0 ? `${parts.join('')}欢迎交流好的做法。` : null
}

// ---------------------------------------------------------------- archive (入户工作记录表)

export const ARCHIVE_TITLE = '入户工作记录表'
export const ARCHIVE_COLUMNS = ['序号', '入户内容', '入户对象姓名', '入户对象联系电话', '入户标准地址', '入户对象签字确认', '签字日期'] as const

/** As ticked on the paper form: 反诈宣传 always printed, other items when ticked, then 其他. */
export function archiveContentText(items: readonly VisitItem[], otherContent: string): string {
  const ticked = new Set(items)
  const parts = VISIT_ITEMS.filter((item) => item === 'propaganda' || ticked.has(item)).map(
    (item) => `${ticked.has(item) ? '☑' : '☐'}${VISIT_ITEM_LABELS[item]}`,
  )
  parts.push(otherContent ? `☑其他：${otherContent}` : '☐其他')
  return parts.join(' ')
}

/** What the signature cell says besides the image: nothing for 本人签字. */
export function archiveSignatureText(signature: { kind: SignatureKind; reason: string; proxyName: string }): string {
  if (signature.kind === 'refused') return `拒签：${signature.reason}`
  if (signature.kind === 'proxy') return `代签：${signature.proxyName}，${signature.reason}`
  return ''
}

export function archivePhoneText(phone: string, declinedReason: string): string {
  return phone || (declinedReason ? `未留（${declinedReason}）` : '未留')
}

// ---------------------------------------------------------------- recount

/** What recounting needs of a visit. */
export interface RecountVisit {
  householdId: string
  visitedOn: DayString
  qualifying: boolean
}

export interface HouseholdCount {
  visits: number
  /** The earliest day of a qualifying, active visit. */
  coveredOn: DayString
  /** Qualifying, active visits per day (the ledger's campaignDays). */
  days: Record<DayString, number>
}

/** Counters of one (campaign, village) rebuilt from its active visits; memory grows with households and days, not visits. */
export class VillageRecounter {
  visits = 0
  readonly byDay: ByDay = {}
  readonly households = new Map<string, HouseholdCount>()

  add(visit: RecountVisit): void {
    this.visits += 1
    this.dayOf(visit.visitedOn).visits += 1
    if (!visit.qualifying) return
    const was = this.households.get(visit.householdId)
    if (!was) this.households.set(visit.householdId, { visits: 1, coveredOn: visit.visitedOn, days: { [visit.visitedOn]: 1 } })
    else {
      was.visits += 1
      was.days[visit.visitedOn] = (was.days[visit.visitedOn] ?? 0) + 1
      if (visit.visitedOn < was.coveredOn) was.coveredOn = visit.visitedOn
    }
  }

  /** Covered households and byDay with newlyCovered on each household's first day. */
  result(): { covered: number; visits: number; byDay: ByDay } {
    const byDay: ByDay = {}
    for (const [day, count] of Object.entries(this.byDay)) byDay[day] = { ...count }
    for (const household of this.households.values()) {
      byDay[household.coveredOn] ??= { visits: 0, newlyCovered: 0 }
      byDay[household.coveredOn].newlyCovered += 1
    }
    return { covered: this.households.size, visits: this.visits, byDay }
  }

  private dayOf(day: DayString): DayCount {
    this.byDay[day] ??= { visits: 0, newlyCovered: 0 }
    return this.byDay[day]
  }
}

/** Days on which two byDay maps disagree (a missing day counts as zero). */
export function daysDiffering(a: ByDay, b: ByDay): DayString[] {
  const days = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...days].filter((day) => (a[day]?.visits ?? 0) !== (b[day]?.visits ?? 0) || (a[day]?.newlyCovered ?? 0) !== (b[day]?.newlyCovered ?? 0)).sort()
}

/** byDay without all-zero days, as the ledger keeps it. */
export function compactByDay(byDay: ByDay): ByDay {
  const out: ByDay = {}
  for (const day of Object.keys(byDay).sort()) {
    const count = byDay[day]
    if (count.visits !== 0 || count.newlyCovered !== 0) out[day] = { visits: count.visits, newlyCovered: count.newlyCovered }
  }
  return out
}
