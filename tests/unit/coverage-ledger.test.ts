import { ledgerChange, type HouseholdTally, type VisitEffect } from '../../domain/coverage-ledger'

const visit = (day: string, qualifying = true, householdId = 'h1'): VisitEffect => ({ householdId, campaignId: 'c', villageId: 'v', day, qualifying })

/** Applies changes one after another, as the function does, and returns the running counters. */
function run(steps: [VisitEffect | null, VisitEffect | null][]) {
  let tallies: Record<string, HouseholdTally> = {}
  let covered = 0
  const newly: Record<string, number> = {}
  for (const [before, after] of steps) {
    const change = ledgerChange(before, after, tallies)
    tallies = { ...tallies, ...change.households }
    for (const delta of Object.values(change.coverage)) {
      covered += delta.covered
      for (const [day, count] of Object.entries(delta.byDay)) newly[day] = (newly[day] ?? 0) + count.newlyCovered
    }
  }
  return { covered, newly: Object.fromEntries(Object.entries(newly).filter(([, n]) => n !== 0)), tally: tallies.h1 }
}

describe('coverage ledger', () => {
  it('counts a household once however often it is visited', () => {
    expect(run([[null, visit('2026-11-01')], [null, visit('2026-11-05')]])).toMatchObject({ covered: 1, newly: { '2026-11-01': 1 } })
  })

  it('credits the earliest visit when an older one arrives late from an offline phone', () => {
    expect(run([[null, visit('2026-11-05')], [null, visit('2026-11-01')]])).toMatchObject({ covered: 1, newly: { '2026-11-01': 1 } })
  })

  it('moves the newly-covered day when the covering visit is re-dated or voided', () => {
    expect(run([[null, visit('2026-11-05')], [visit('2026-11-05'), visit('2026-11-02')]])).toMatchObject({ covered: 1, newly: { '2026-11-02': 1 } })
    expect(run([[null, visit('2026-11-01')], [null, visit('2026-11-05')], [visit('2026-11-01'), null]])).toMatchObject({ covered: 1, newly: { '2026-11-05': 1 } })
  })

  it('uncovers the household when its last qualifying visit is voided or loses its anti-fraud content', () => {
    expect(run([[null, visit('2026-11-01')], [visit('2026-11-01'), null]])).toMatchObject({ covered: 0, newly: {} })
    expect(run([[null, visit('2026-11-01')], [visit('2026-11-01'), visit('2026-11-01', false)]])).toMatchObject({ covered: 0, newly: {} })
  })
})
