import { AppError } from '../../domain/errors'
import { emptyTally, ledgerChange, type CoverageDelta, type HouseholdTally, type VisitEffect } from '../../domain/coverage-ledger'
import type { Database } from './cloud'
import type { CoverageDoc } from './repos/coverage'
import type { HouseholdDoc } from './repos/households'

// The SDK types a transaction loosely; this is the part of it used here.
export interface Transaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>
      set(data: Record<string, unknown>): Promise<unknown>
      /** `updated`: how many documents the update changed (0 when there is none with this id). */
      update(data: Record<string, unknown>): Promise<{ updated?: number } | undefined>
    }
    add(data: Record<string, unknown>): Promise<unknown>
  }
}

/**
 * A transaction's view of documents by id: each is read at most once per
 * attempt, and a document the attempt creates is written once, with its
 * counters, at the end.
 */
export class TxDocs {
  private readonly reads = new Map<string, Promise<unknown>>()
  readonly created = new Map<string, Record<string, unknown>>()

  constructor(readonly tx: Transaction) {}

  get<T>(collection: string, id: string): Promise<T | null> {
    const key = `${collection}/${id}`
    const staged = this.created.get(key)
    if (staged) return Promise.resolve(staged as T)
    if (!this.reads.has(key)) this.reads.set(key, this.tx.collection(collection).doc(id).get().then(({ data }) => data ?? null))
    return this.reads.get(key) as Promise<T | null>
  }

  /** Stages a new document; it is written by `commitVisitChange` after the counters are added to it. */
  create(collection: string, id: string, doc: Record<string, unknown>): void {
    this.created.set(`${collection}/${id}`, doc)
  }
}

/** A transaction that loses a write conflict is tried again, after a growing random pause, this many times. */
const CONFLICT_RETRIES = 12

export interface VisitChange<T> {
  townId: string
  before: VisitEffect | null
  /** Known up front, or worked out by `prepare` (e.g. once the household is known). */
  after: VisitEffect | null | ((prepared: T) => VisitEffect | null)
  /** Reads and checks inside the transaction; may throw AppError to abort. Its result is returned. */
  prepare?: (docs: TxDocs) => Promise<T>
  /** Writes the visit itself, in the same transaction as the counters and before them. */
  write: (tx: Transaction, prepared: T) => Promise<void>
}

/**
 * Applies a visit's change and the counters it moves atomically. CloudBase
 * transactions take single-document operations only, so everything the
 * decision needs sits on a document reached by id, the household's tally;
 * the (campaign, village) coverage document is moved by increments, unread.
 */
export async function commitVisitChange<T>(db: Database, change: VisitChange<T>): Promise<T> {
  // Several cadres of one village write its coverage document at once: the
  // SDK's own retries come back at once and collide again, so conflicts are
  // retried here, spread out by a random pause.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await attemptVisitChange(db, change)
    } catch (error) {
      if (!isTransactionConflict(error)) throw error
      // Still colliding: nothing was written; the phone's queue sends it again later.
      if (attempt >= CONFLICT_RETRIES) throw new AppError('RATE_LIMITED', '同时提交的人较多，请稍后重试')
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(10 * 2 ** attempt, 300)))
    }
  }
}

function isTransactionConflict(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && (error as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT')
}

async function attemptVisitChange<T>(db: Database, change: VisitChange<T>): Promise<T> {
  const _ = db.command
  return db.runTransaction(async (tx: Transaction) => {
    const docs = new TxDocs(tx)
    const prepared = (change.prepare ? await change.prepare(docs) : undefined) as T
    const after = typeof change.after === 'function' ? change.after(prepared) : change.after

    // The visit first: a retried create collides on its id here, before any
    // counter is sent, so a retry costs as little as it can.
    await change.write(tx, prepared)
    // A correction that moves nothing the counters count (a phone, a name) leaves them alone.
    if (sameEffect(change.before, after)) return prepared

    const qualifying = [change.before, after].filter((effect): effect is VisitEffect => Boolean(effect?.qualifying))
    const tallies: Record<string, HouseholdTally> = {}
    for (const { householdId } of qualifying) {
      const household = await docs.get<HouseholdDoc>('households', householdId)
      tallies[householdId] = household ? { campaignVisits: household.campaignVisits, coveredOn: household.coveredOn, campaignDays: household.campaignDays } : emptyTally()
    }

    const result = ledgerChange(change.before, after, tallies)
    const now = new Date()
    for (const [id, delta] of Object.entries(result.coverage)) {
      if (isZero(delta)) continue
      await addToCoverage(tx, _, id, { ...delta, townId: change.townId }, now)
    }

    for (const [key, doc] of docs.created) {
      const [collection, id] = key.split('/')
      const tally = collection === 'households' ? result.households[id] : undefined
      await tx.collection(collection).doc(id).set(tally ? { ...doc, ...tally } : doc)
    }
    for (const [id, tally] of Object.entries(result.households)) {
      if (docs.created.has(`households/${id}`)) continue
      await tx
        .collection('households')
        .doc(id)
        .update({ campaignVisits: _.set(tally.campaignVisits), coveredOn: _.set(tally.coveredOn), campaignDays: _.set(tally.campaignDays) })
    }
    return prepared
  }, 0)
}

/**
 * Moves a (campaign, village)'s counters by `delta` without reading them: no
 * decision needs their value. (Two visits of one village still conflict on the
 * document, as writes in transactions do, and the loser is retried.) It also
 * drops a recount's token (repos/recount.ts), as any ledger write must.
 * The SDK's doc().update() never upserts (and set() takes no operators), so
 * the village's first counted visit of a campaign finds no document to
 * update: it creates it, in this same transaction. Two such first visits at
 * once conflict on the document, and the loser is retried into an update.
 */
async function addToCoverage(tx: Transaction, _: Database['command'], id: string, delta: CoverageDelta & { townId: string }, now: Date): Promise<void> {
  const byDay = Object.entries(delta.byDay)
  const reply = await tx.collection('coverage').doc(id).update({
    covered: _.inc(delta.covered),
    visits: _.inc(delta.visits),
    ...(byDay.length > 0 && { byDay: Object.fromEntries(byDay.map(([day, count]) => [day, { visits: _.inc(count.visits), newlyCovered: _.inc(count.newlyCovered) }])) }),
    updatedAt: now,
    recountToken: _.remove(),
  })
  // A non-zero inc changes any document it matches, so 0 means there is none.
  // Were the count ever missing from a reply, the document is looked up, not guessed.
  const updated = reply?.updated
  const exists = typeof updated === 'number' ? updated > 0 : Boolean((await tx.collection('coverage').doc(id).get()).data)
  if (exists) return
  const fresh: Omit<CoverageDoc, '_id'> = {
    campaignId: delta.campaignId,
    villageId: delta.villageId,
    townId: delta.townId,
    covered: delta.covered,
    visits: delta.visits,
    byDay: Object.fromEntries(byDay.map(([day, count]) => [day, { ...count }])),
    updatedAt: now,
  }
  await tx.collection('coverage').doc(id).set(fresh)
}

function isZero(delta: CoverageDelta): boolean {
  return delta.covered === 0 && delta.visits === 0 && Object.keys(delta.byDay).length === 0
}

function sameEffect(a: VisitEffect | null, b: VisitEffect | null): boolean {
  if (!a || !b) return false
  return a.householdId === b.householdId && a.campaignId === b.campaignId && a.villageId === b.villageId && a.day === b.day && a.qualifying === b.qualifying
}
