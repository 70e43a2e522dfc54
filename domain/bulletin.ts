import * as v from 'valibot'
import type { PlaceShare, PlacesProgress } from './activities'
import type { CampaignSummary } from './campaign'
import { progressOf, STATUS_LABELS, type CoverageStatus, type Progress } from './coverage'
import { addDays, daysBetween, monthDay, type DayString } from './dates'
import { docId } from './fields'
import { fitsIn, isOrdered, periodEntries, TO_BEFORE_FROM, tooLong } from './period'
import { coveredAtEndOf, mergeByDay, sumDays, type ByDay } from './progress'

// 通报: the progress bulletin of a period, framed as progress and help, with
// its table; built from the counters' byDay.

/** A bulletin covers at most a quarter. */
export const BULLETIN_MAX_DAYS = 92

export const bulletinSchema = v.pipe(
  v.object({ campaignId: v.optional(docId('活动')), ...periodEntries }),
  v.forward(v.check((input) => isOrdered(input), TO_BEFORE_FROM), ['to']),
  v.forward(v.check((input) => fitsIn(input, BULLETIN_MAX_DAYS), tooLong(BULLETIN_MAX_DAYS)), ['to']),
)
export type BulletinRequest = v.InferOutput<typeof bulletinSchema>

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
  /** 宣传台账: key places with a banner or poster, as the counters stand now (not at the period's end). */
  places: BulletinPlaces | null
}

export interface BulletinPlaces {
  total: PlacesProgress
  /** In the villages' standing order, those with places listed. */
  villages: (PlaceShare & { villageId: string; villageName: string })[]
}

export const BULLETIN_PLACE_COLUMNS = ['村（社区）', '重点场所', '已挂横幅/贴海报', '覆盖率']

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
  places?: BulletinPlaces | null
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
    input.places ? placesParagraph(input.places) : null,
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
    places: input.places ?? null,
  }
}

/** 宣传台账: the town's key places with a banner or poster, by kind, and what was done besides visits. */
function placesParagraph(places: BulletinPlaces): string | null {
  const { total } = places
  if (total.total === 0 && total.activities === 0) return null
  const kinds = total.byKind.map((row) => `${row.label}${row.covered}/${row.total}处`).join('，')
  const target = total.targetPercent !== null && total.statusLabel ? `（目标${total.targetPercent}%，${total.statusLabel}）` : ''
  const share = total.total > 0 ? `全镇登记重点场所${total.total}处，已悬挂横幅或张贴海报${total.covered}处，覆盖率${percentText(total.percent)}${target}${kinds ? `，其中${kinds}` : ''}。` : '各村（社区）还没有登记重点场所。'
  const work = total.activities > 0 ? `本次活动以来共登记五进、宣讲、横幅海报等宣传活动${total.activities}场（次）。` : ''
  const missing = places.villages.filter((row) => row.total > 0 && row.covered === 0).map((row) => row.villageName)
  const ask = missing.length > 0 ? `${missing.slice(0, NAMED_IN_PARAGRAPH).join('、')}${missing.length > NAMED_IN_PARAGRAPH ? `等${missing.length}个村（社区）` : ''}的重点场所还没有横幅或海报，请尽快补上。` : ''
  return `宣传阵地方面：${share}${work}${ask}`
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
