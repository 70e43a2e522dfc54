import type { DayString } from './dates'

// How one visit change moves the coverage counters. Create, correct and void
// are all "the visit's effect before" -> "its effect after"; the counters move
// by the difference, inside the same transaction as the visit itself.

/** What an active visit contributes to the counters. */
export interface VisitEffect {
  householdId: string
  campaignId: string
  villageId: string
  day: DayString
  qualifying: boolean
}

/** What the ledger keeps per household, reached by id inside a transaction. */
export interface HouseholdTally {
  /** Qualifying, non-voided visits per campaign. */
  campaignVisits: Record<string, number>
  /** The day each campaign first covered the household: its earliest qualifying, active visit. */
  coveredOn: Record<string, DayString>
  /**
   * Qualifying, active visits per campaign and day. With it the first day
   * stays right whatever is voided, re-dated or logged late (an offline phone
   * may send an older visit after a newer one).
   */
  campaignDays: Record<string, Record<DayString, number>>
}

export interface DayCount {
  visits: number
  newlyCovered: number
}

export interface CoverageDelta {
  campaignId: string
  villageId: string
  covered: number
  visits: number
  byDay: Record<DayString, DayCount>
}

export interface LedgerChange {
  households: Record<string, HouseholdTally>
  coverage: Record<string, CoverageDelta>
}

/** A household no visit has counted yet. */
export function emptyTally(): HouseholdTally {
  return { campaignVisits: {}, coveredOn: {}, campaignDays: {} }
}

export function coverageId(campaignId: string, villageId: string): string {
  return `${campaignId}__${villageId}`
}

export function ledgerChange(
  before: VisitEffect | null,
  after: VisitEffect | null,
  tallies: Record<string, HouseholdTally>,
): LedgerChange {
  const households: Record<string, HouseholdTally> = {}
  const coverage: Record<string, CoverageDelta> = {}

  const deltaFor = (effect: VisitEffect): CoverageDelta => {
    const id = coverageId(effect.campaignId, effect.villageId)
    coverage[id] ??= { campaignId: effect.campaignId, villageId: effect.villageId, covered: 0, visits: 0, byDay: {} }
    return coverage[id]
  }
  const dayOf = (delta: CoverageDelta, day: DayString): DayCount => {
    delta.byDay[day] ??= { visits: 0, newlyCovered: 0 }
    return delta.byDay[day]
  }
  const tallyOf = (householdId: string): HouseholdTally => {
    if (!households[householdId]) {
      const current = tallies[householdId] ?? emptyTally()
      households[householdId] = {
        campaignVisits: { ...current.campaignVisits },
        coveredOn: { ...current.coveredOn },
        campaignDays: Object.fromEntries(Object.entries(current.campaignDays).map(([id, days]) => [id, { ...days }])),
      }
    }
    return households[householdId]
  }

  const apply = (effect: VisitEffect, sign: 1 | -1) => {
    const delta = deltaFor(effect)
    delta.visits += sign
    dayOf(delta, effect.day).visits += sign
    if (!effect.qualifying) return
    const tally = tallyOf(effect.householdId)
    const days = (tally.campaignDays[effect.campaignId] ??= {})
    const wasFirst = earliestDay(days)
    const count = Math.max((days[effect.day] ?? 0) + sign, 0)
    if (count > 0) days[effect.day] = count
    else delete days[effect.day]
    const nowFirst = earliestDay(days)
    tally.campaignVisits[effect.campaignId] = Object.values(days).reduce((sum, n) => sum + n, 0)
    if (nowFirst) tally.coveredOn[effect.campaignId] = nowFirst
    else delete tally.coveredOn[effect.campaignId]
    if (wasFirst === nowFirst) return
    if (!wasFirst) delta.covered += 1
    else dayOf(delta, wasFirst).newlyCovered -= 1
    if (!nowFirst) delta.covered -= 1
    else dayOf(delta, nowFirst).newlyCovered += 1
  }

  // Add the new effect before removing the old one, so a correction that
  // keeps the household covered never passes through "uncovered".
  if (after) apply(after, 1)
  if (before) apply(before, -1)
  return { households, coverage: pruneZero(coverage) }
}

function earliestDay(days: Record<DayString, number>): DayString | null {
  let first: DayString | null = null
  for (const day of Object.keys(days)) if (first === null || day < first) first = day
  return first
}

function pruneZero(coverage: Record<string, CoverageDelta>): Record<string, CoverageDelta> {
  for (const delta of Object.values(coverage)) {
    for (const [day, count] of Object.entries(delta.byDay)) {
      if (count.visits === 0 && count.newlyCovered === 0) delete delta.byDay[day]
    }
  }
  return coverage
}
