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
  /** The day each campaign first covered the household. */
  coveredOn: Record<string, DayString>
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
      const current = tallies[householdId] ?? { campaignVisits: {}, coveredOn: {} }
      households[householdId] = { campaignVisits: { ...current.campaignVisits }, coveredOn: { ...current.coveredOn } }
    }
    return households[householdId]
  }

  const apply = (effect: VisitEffect, sign: 1 | -1) => {
    const delta = deltaFor(effect)
    delta.visits += sign
    dayOf(delta, effect.day).visits += sign
    if (!effect.qualifying) return
    const tally = tallyOf(effect.householdId)
    const was = tally.campaignVisits[effect.campaignId] ?? 0
    const now = Math.max(was + sign, 0)
    tally.campaignVisits[effect.campaignId] = now
    if (was === 0 && now > 0) {
      delta.covered += 1
      dayOf(delta, effect.day).newlyCovered += 1
      tally.coveredOn[effect.campaignId] = effect.day
    } else if (was > 0 && now === 0) {
      delta.covered -= 1
      const coveredOn = tally.coveredOn[effect.campaignId] ?? effect.day
      dayOf(delta, coveredOn).newlyCovered -= 1
      delete tally.coveredOn[effect.campaignId]
    }
  }

  // Add the new effect before removing the old one, so a correction that
  // keeps the household covered never passes through "uncovered".
  if (after) apply(after, 1)
  if (before) apply(before, -1)
  return { households, coverage: pruneZero(coverage) }
}

function pruneZero(coverage: Record<string, CoverageDelta>): Record<string, CoverageDelta> {
  for (const delta of Object.values(coverage)) {
    for (const [day, count] of Object.entries(delta.byDay)) {
      if (count.visits === 0 && count.newlyCovered === 0) delete delta.byDay[day]
    }
  }
  return coverage
}
