import type { Database } from '../../cloudfunctions/_lib/cloud'
import { commitVisitChange, type Transaction, type TxDocs } from '../../cloudfunctions/_lib/ledger'
import { emptyTally, type VisitEffect } from '../../domain/coverage-ledger'
import { addDays, daysBetween, type DayString } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { isQualifying, type VisitItem } from '../../domain/visits'
import { seededRandom } from '../../local/seed/random'

// The ledger's own code path (cloudfunctions/_lib/ledger.ts commitVisitChange)
// run against an in-memory transactional store, so that tens of thousands of
// visit changes take a second instead of minutes over HTTP. The store behaves
// like the local server: a transaction reads committed data plus its own
// writes, writes are buffered until commit, and a commit fails with a
// conflict when anything it read or wrote was committed by someone else
// meanwhile (the ledger then retries). Every read yields to the event loop,
// so concurrent transactions really interleave. Stored documents are never
// changed in place (a write stores a new object), so reads need no copy.

type Doc = Record<string, unknown>

/** What `db.command.set(value)` stands for in an update: replace the field. */
class Replace {
  constructor(readonly value: unknown) {}
}

/** `db.command.inc(n)`: add to the field (a missing one counts as 0). */
class Increment {
  constructor(readonly by: number) {}
}

/** `db.command.remove()`: drop the field. */
class Remove {}

class Conflict extends Error {
  readonly code = 'DATABASE_TRANSACTION_CONFLICT'
}

export class MemoryStore {
  readonly collections = new Map<string, Map<string, Doc>>()
  private readonly versions = new Map<string, number>()
  conflicts = 0

  docs(name: string): Map<string, Doc> {
    let docs = this.collections.get(name)
    if (!docs) this.collections.set(name, (docs = new Map()))
    return docs
  }

  version(key: string): number {
    return this.versions.get(key) ?? 0
  }

  commit(reads: Map<string, number>, writes: Map<string, Doc | null>): void {
    for (const [key, seen] of reads) if (this.version(key) !== seen) throw new Conflict('transaction conflict')
    for (const [key, doc] of writes) {
      const [name, id] = key.split('/')
      if (doc) this.docs(name).set(id, doc)
      else this.docs(name).delete(id)
      this.versions.set(key, this.version(key) + 1)
    }
  }

  /** Just enough of a Database for commitVisitChange: `command.set`, `inc`, `remove` and `runTransaction`. */
  database(): Database {
    const runTransaction = async <T>(callback: (tx: Transaction) => Promise<T>, retries = 3): Promise<T> => {
      for (let attempt = 0; ; attempt += 1) {
        const tx = new MemoryTransaction(this)
        try {
          const result = await callback(tx)
          await tick()
          this.commit(tx.reads, tx.writes)
          return result
        } catch (error) {
          if (error instanceof Conflict) this.conflicts += 1
          if (!(error instanceof Conflict) || attempt >= retries) throw error
        }
      }
    }
    const command = { set: (value: unknown) => new Replace(value), inc: (by: number) => new Increment(by), remove: () => new Remove() }
    return { command, runTransaction } as unknown as Database
  }
}

class MemoryTransaction implements Transaction {
  readonly reads = new Map<string, number>()
  readonly writes = new Map<string, Doc | null>()

  constructor(private readonly store: MemoryStore) {}

  private current(key: string): Doc | null {
    if (this.writes.has(key)) return this.writes.get(key) ?? null
    if (!this.reads.has(key)) this.reads.set(key, this.store.version(key))
    const [name, id] = key.split('/')
    return this.store.docs(name).get(id) ?? null
  }

  collection(name: string) {
    return {
      doc: (id: string) => {
        const key = `${name}/${id}`
        return {
          get: async () => {
            await tick()
            const doc = this.current(key)
            // A conflicting commit dooms the transaction at its next operation, as on the local server.
            if (this.reads.has(key) && this.store.version(key) !== this.reads.get(key)) throw new Conflict('transaction conflict')
            return { data: doc }
          },
          set: async (data: Doc) => {
            this.current(key)
            this.writes.set(key, { ...data, _id: id })
          },
          update: async (data: Doc) => {
            const was = this.current(key)
            if (!was) return { updated: 0 }
            this.writes.set(key, mergeInto(was, data) as Doc)
            return { updated: 1 }
          },
        }
      },
      add: async () => {
        throw new Error('not used by the ledger')
      },
    }
  }
}

function mergeInto(was: unknown, value: unknown): unknown {
  if (value instanceof Replace) return value.value
  if (value instanceof Increment) return (typeof was === 'number' ? was : 0) + value.by
  if (!isObject(value)) return value
  const out: Doc = isObject(was) ? { ...was } : {}
  for (const [key, inner] of Object.entries(value)) {
    if (inner instanceof Remove) delete out[key]
    else out[key] = mergeInto(out[key], inner)
  }
  return out
}

const isObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Replace) && !(value instanceof Increment) && !(value instanceof Remove)
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

// ------------------------------------------------------------ random visit changes

export interface LedgerVisit {
  _id: string
  townId: string
  campaignId: string
  villageId: string
  householdId: string
  visitedOn: DayString
  items: VisitItem[]
  otherContent: string
  status: 'active' | 'voided'
  rev: number
}

/** The households visits go to, registered before any visit (as by a roster import). */
export function seedHouseholds(store: MemoryStore, townId: string, villages: readonly string[], perVillage: number): void {
  for (const villageId of villages) {
    for (let n = 0; n < perVillage; n += 1) {
      const id = `${villageId}-h${n}`
      store.docs('households').set(id, {
        _id: id,
        townId,
        villageId,
        group: 1,
        addressKey: `1组${n + 1}号`,
        address: `1组${n + 1}号`,
        headName: `户主${n + 1}`,
        phone: '',
        source: 'import',
        createdBy: 'test',
        createdAt: new Date(),
        ...emptyTally(),
      })
    }
  }
}

export interface RandomRun {
  creates: number
  voids: number
  corrections: number
  refused: number
  /** Changes whose transaction lost the conflict on every retry: nothing was written (the client would send them again). */
  gaveUp: number
}


export function effectOf(visit: Pick<LedgerVisit, 'householdId' | 'campaignId' | 'villageId' | 'visitedOn' | 'items'>): VisitEffect {
  return { householdId: visit.householdId, campaignId: visit.campaignId, villageId: visit.villageId, day: visit.visitedOn, qualifying: isQualifying(visit.items) }
}

/**
 * Creates (many to households visited before), voids and corrections (new
 * day, anti-fraud content removed or restored) of visits, `operations` in
 * all, `concurrency` at a time, each through commitVisitChange exactly as
 * the visits function calls it.
 */
export async function runRandomOperations(
  store: MemoryStore,
  options: { operations: number; concurrency: number; seed: number; townId: string; campaignId: string; villages: string[]; householdsPerVillage: number; firstDay: DayString; lastDay: DayString },
): Promise<RandomRun> {
  const db = store.database()
  const random = seededRandom(options.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const span = daysBetween(options.firstDay, options.lastDay)
  const someDay = () => addDays(options.firstDay, Math.floor(random() * (span + 1)))
  const someItems = (): VisitItem[] => (random() < 0.85 ? (random() < 0.5 ? ['propaganda'] : ['propaganda', 'warningSigned']) : [])
  const active: string[] = []
  const run: RandomRun = { creates: 0, voids: 0, corrections: 0, refused: 0, gaveUp: 0 }
  let next = 0
  let created = 0

  const visitOf = (id: string) => store.docs('visits').get(id) as unknown as LedgerVisit

  /** Re-read inside the transaction: a concurrent void or correction wins, this one is refused. */
  const unchanged = async (docs: TxDocs, seen: LedgerVisit) => {
    const now = await docs.get<LedgerVisit>('visits', seen._id)
    if (!now || now.status !== 'active' || now.rev !== seen.rev) throw new AppError('CONFLICT')
  }

  const operation = async () => {
    try {
      await change()
    } catch (error) {
      if (error instanceof AppError) run.refused += 1
      else if (error instanceof Conflict) run.gaveUp += 1
      else throw error
    }
  }

  const change = async () => {
    const roll = random()
    if (roll < 0.6 || active.length < 20) {
      created += 1
      const villageId = pick(options.villages)
      const visit: LedgerVisit = {
        _id: `rv${options.seed}-${created}`,
        townId: options.townId,
        campaignId: options.campaignId,
        villageId,
        householdId: `${villageId}-h${Math.floor(random() * options.householdsPerVillage)}`,
        visitedOn: someDay(),
        items: someItems(),
        otherContent: '',
        status: 'active',
        rev: 1,
      }
      if (visit.items.length === 0) visit.otherContent = '人口普查'
      await commitVisitChange(db, {
        townId: visit.townId,
        before: null,
        after: effectOf(visit),
        write: async (tx) => {
          await tx.collection('visits').doc(visit._id).set(visit as unknown as Doc)
        },
      })
      active.push(visit._id)
      run.creates += 1
      return
    }
    const id = pick(active)
    const seen = visitOf(id)
    // Voided by another worker since it was picked: the edit screen would refuse it.
    if (seen.status !== 'active') throw new AppError('CONFLICT')
    if (roll < 0.75) {
      await commitVisitChange(db, {
        townId: seen.townId,
        before: effectOf(seen),
        after: null,
        prepare: (docs) => unchanged(docs, seen),
        write: async (tx) => {
          await tx.collection('visits').doc(id).update({ status: 'voided', rev: seen.rev + 1 })
        },
      })
      if (active.includes(id)) active.splice(active.indexOf(id), 1)
      run.voids += 1
    } else {
      const changed = { visitedOn: random() < 0.6 ? someDay() : seen.visitedOn, items: random() < 0.5 ? someItems() : seen.items }
      await commitVisitChange(db, {
        townId: seen.townId,
        before: effectOf(seen),
        after: effectOf({ ...seen, ...changed }),
        prepare: (docs) => unchanged(docs, seen),
        write: async (tx) => {
          await tx.collection('visits').doc(id).update({ ...changed, otherContent: changed.items.length === 0 ? '人口普查' : '', rev: seen.rev + 1 })
        },
      })
      run.corrections += 1
    }
  }

  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.operations) {
        next += 1
        await operation()
      }
    }),
  )
  return run
}
