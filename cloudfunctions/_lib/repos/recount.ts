import type { DayString } from '../../../domain/dates'
import type { ByDay } from '../../../domain/progress'
import type { Database } from '../cloud'
import type { Transaction } from '../ledger'
import type { CoverageDoc } from './coverage'

// Writing recounted counters without losing a visit logged meanwhile. Every
// visit change of the (campaign, village) removes the recount token from its
// coverage document (cloudfunctions/_lib/ledger.ts), so a token placed there
// before counting survives only if no visit changed there since. Every write of a recount
// checks the token inside a transaction and writes the document itself, so a
// concurrent visit change conflicts with it (write-write) instead of slipping
// between the check and the write.

/** A visit changed the village while it was being recounted: count again. */
export class RecountInterrupted extends Error {
  constructor() {
    super('the village changed while it was being recounted')
    this.name = 'RecountInterrupted'
  }
}

export interface CoverageKey {
  id: string
  campaignId: string
  villageId: string
  townId: string
}

/** A household's tally for one campaign as it should be; visits 0 means not covered. */
export interface TallyFix {
  householdId: string
  visits: number
  coveredOn: DayString | null
  days: Record<DayString, number>
}

/** Puts the token on the coverage document (creating an empty one if none) and returns the document as it was. */
export async function claimForRecount(db: Database, key: CoverageKey, token: string): Promise<CoverageDoc | null> {
  return db.runTransaction(async (tx: Transaction) => {
    const ref = tx.collection('coverage').doc(key.id)
    const { data } = await ref.get()
    const current = (data as CoverageDoc | null) ?? null
    if (current) await ref.update({ recountToken: token })
    else await ref.set({ ...emptyCoverage(key), recountToken: token })
    return current
  })
}

/** Rewrites some households' tallies, if the village is still as counted. */
export async function writeTallyFixes(db: Database, key: CoverageKey, token: string, campaignId: string, fixes: readonly TallyFix[]): Promise<void> {
  const _ = db.command
  await db.runTransaction(async (tx: Transaction) => {
    await holdToken(tx, key, token)
    for (const fix of fixes) {
      await tx.collection('households').doc(fix.householdId).update({
        campaignVisits: { [campaignId]: fix.visits },
        coveredOn: { [campaignId]: fix.coveredOn ?? _.remove() },
        campaignDays: { [campaignId]: _.set(fix.days) },
      })
    }
  })
}

/** Replaces the coverage document with the recounted figures (dropping the token), if the village is still as counted. */
export async function writeRecountedCoverage(
  db: Database,
  key: CoverageKey,
  token: string,
  figures: { covered: number; visits: number; byDay: ByDay },
): Promise<void> {
  await db.runTransaction(async (tx: Transaction) => {
    await holdToken(tx, key, token)
    const next: Omit<CoverageDoc, '_id'> = { ...emptyCoverage(key), ...figures, updatedAt: new Date() }
    await tx.collection('coverage').doc(key.id).set(next)
  })
}

async function holdToken(tx: Transaction, key: CoverageKey, token: string): Promise<void> {
  const ref = tx.collection('coverage').doc(key.id)
  const { data } = await ref.get()
  if ((data as { recountToken?: string } | null)?.recountToken !== token) throw new RecountInterrupted()
  // Written (with a value that changes), not only read: under snapshot
  // isolation only a write conflicts with the ledger's.
  await ref.update({ recountHeldAt: new Date() })
}

function emptyCoverage(key: CoverageKey): Omit<CoverageDoc, '_id'> {
  return { campaignId: key.campaignId, villageId: key.villageId, townId: key.townId, covered: 0, visits: 0, byDay: {}, updatedAt: new Date() }
}
