import * as v from 'valibot'
import type { DayCount } from './coverage-ledger'
import type { DayString } from './dates'
import { docId } from './fields'
import type { ByDay } from './progress'

// 重新统计: a village's counters rebuilt from its visits, to check (and mend)
// what the ledger kept.

export const recountSchema = v.object({
  /** Default: every village of the caller's town. */
  villageId: v.optional(docId('村（社区）')),
  /** Default: the campaign under way today. */
  campaignId: v.optional(docId('活动')),
})
export type RecountRequest = v.InferOutput<typeof recountSchema>

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
