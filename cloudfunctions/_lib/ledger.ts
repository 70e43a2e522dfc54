import { ledgerChange, type HouseholdTally, type VisitEffect } from '../../domain/coverage-ledger'
import type { Database } from './cloud'
import type { CoverageDoc } from './repos/coverage'
import type { HouseholdDoc } from './repos/households'

// The SDK types a transaction loosely; this is the part of it used here.
export interface Transaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>
      set(data: Record<string, unknown>): Promise<unknown>
      update(data: Record<string, unknown>): Promise<unknown>
    }
    add(data: Record<string, unknown>): Promise<unknown>
  }
}

/** Transactions that lose a write conflict are retried this many times by the SDK. */
const CONFLICT_RETRIES = 10

export interface VisitChange<T> {
  townId: string
  before: VisitEffect | null
  after: VisitEffect | null
  /** Reads and checks inside the transaction; may throw AppError to abort. Its result is returned. */
  prepare?: (tx: Transaction) => Promise<T>
  /** Writes the visit itself, in the same transaction as the counters. */
  write: (tx: Transaction, prepared: T) => Promise<void>
}

/**
 * Applies a visit's change and the counters it moves atomically. CloudBase
 * transactions take single-document operations only, so everything the
 * decision needs sits on documents reached by id: the household's tally and
 * the (campaign, village) coverage document.
 */
export async function commitVisitChange<T>(db: Database, change: VisitChange<T>): Promise<T> {
  const _ = db.command
  return db.runTransaction(async (tx: Transaction) => {
    const prepared = (change.prepare ? await change.prepare(tx) : undefined) as T

    const householdIds = new Set([change.before, change.after].filter((e): e is VisitEffect => Boolean(e?.qualifying)).map((e) => e.householdId))
    const tallies: Record<string, HouseholdTally> = {}
    for (const id of householdIds) {
      const { data } = await tx.collection('households').doc(id).get()
      const household = data as HouseholdDoc | null
      tallies[id] = { campaignVisits: household?.campaignVisits ?? {}, coveredOn: household?.coveredOn ?? {} }
    }

    const result = ledgerChange(change.before, change.after, tallies)
    const now = new Date()
    for (const [id, delta] of Object.entries(result.coverage)) {
      const ref = tx.collection('coverage').doc(id)
      const { data } = await ref.get()
      const current = data as CoverageDoc | null
      const byDay = { ...(current?.byDay ?? {}) }
      for (const [day, count] of Object.entries(delta.byDay)) {
        const was = byDay[day] ?? { visits: 0, newlyCovered: 0 }
        byDay[day] = { visits: was.visits + count.visits, newlyCovered: was.newlyCovered + count.newlyCovered }
      }
      const next: Omit<CoverageDoc, '_id'> = {
        campaignId: delta.campaignId,
        villageId: delta.villageId,
        townId: change.townId,
        covered: (current?.covered ?? 0) + delta.covered,
        visits: (current?.visits ?? 0) + delta.visits,
        byDay,
        updatedAt: now,
      }
      await ref.set(next)
    }
    for (const [id, tally] of Object.entries(result.households)) {
      await tx.collection('households').doc(id).update({ campaignVisits: _.set(tally.campaignVisits), coveredOn: _.set(tally.coveredOn) })
    }

    await change.write(tx, prepared)
    return prepared
  }, CONFLICT_RETRIES)
}
