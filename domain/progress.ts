import * as v from 'valibot'
import type { PlaceShare, PlacesProgress } from './activities'
import type { CampaignSummary } from './campaign'
import type { DayCount } from './coverage-ledger'
import { STATUS_ORDER, type Progress } from './coverage'
import { addDays, type DayString } from './dates'
import { docId } from './fields'

// 进度看板: coverage of each village against the campaign's milestones, from
// the per-village counters (coverage documents), never by scanning visits.
// The bulletin (bulletin.ts), the archive (archive.ts) and the recount
// (recount.ts) build on the day arithmetic here.

/** Days the dashboard's daily series covers: eight weeks, today included. */
export const DAILY_SERIES_DAYS = 56

export const dashboardSchema = v.object({
  /** Default: the campaign under way today. */
  campaignId: v.optional(docId('活动')),
})
export type DashboardRequest = v.InferOutput<typeof dashboardSchema>

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
  /** 宣传台账: the village's key places with a banner or poster this campaign. */
  places: PlaceShare
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
  /** 宣传台账: key places with a banner or poster this campaign, beside household coverage. */
  places: PlacesProgress
}

/** 区级进度: one row per town, from its own current campaign; nothing below the village. */
export interface TownProgress {
  id: string
  name: string
  campaign: { id: string; name: string } | null
  villages: number
  /** Against the town's own campaign and milestones; null before the town has a campaign. */
  progress: Progress | null
}

export interface DistrictOverview {
  districtId: string
  today: DayString
  /** Most in need of help first; towns without a campaign last. */
  towns: TownProgress[]
  /** Households registered and covered over every town with a campaign. */
  total: { registered: number; covered: number; percent: number }
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
