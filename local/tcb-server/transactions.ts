// Transactions span several HTTP requests, while SQLite's write lock must never
// be held across them (the single Node thread would wait on itself). So a
// transaction keeps its writes in memory and nothing is visible to others until
// commit. Each operation inside it runs as a trial: BEGIN, replay the
// transaction's writes so far, run the operation (which hits the same
// constraints as a real write), ROLLBACK.
//
// As in CloudBase, whose transactions are MongoDB's (snapshot isolation):
// - reads see the snapshot taken at the transaction's first operation, plus its
//   own writes: a document others changed since then reads as it was;
// - a write to a document that another transaction has written and not yet
//   committed, or that someone changed since the snapshot, is refused at that
//   write with DATABASE_TRANSACTION_CONFLICT (on which the SDK's runTransaction
//   retries), and the transaction is aborted;
// - a transaction that no longer exists (committed, aborted, aborted by a
//   conflict, or older than its lifetime) is DATABASE_TRANSACTION_FAIL.
// Knowingly stricter than CloudBase (README, "Transactions and isolation"):
// - a commit with writes also fails with DATABASE_TRANSACTION_CONFLICT when a
//   document the transaction read was changed since its snapshot: committed
//   transactions are serializable (CloudBase would commit and allow write skew);
// - a write outside any transaction to a document a transaction has written
//   goes through at once (CloudBase makes it wait until the transaction ends),
//   and the transaction then fails with a conflict at its next operation.
import { ErrorCode, TcbServerError } from './errors'
import { newDocId } from './ids'
import { formatId, type DocId, type PhysicalWrite, type Store, type StoreObserver } from './store'

/** CloudBase: "transaction must be commit or abort in 30 seconds". */
export const TRANSACTION_LIFETIME_MS = 30_000

interface Transaction {
  id: string
  started: number
  /** Taken at the first operation; from then on, others' committed writes keep their previous text in `before`. */
  snapshot: boolean
  /** Documents changed by others since the snapshot, as they were at the snapshot (undefined: absent). */
  before: Map<string, string | undefined>
  reads: Set<string>
  writes: PhysicalWrite[]
  /** Documents this transaction wrote: it holds their write locks until it ends. */
  written: Set<string>
  /** Why it cannot commit any more: a request outside it wrote a document it holds. */
  doomed: string | null
}

/** Collection names never hold '/'; JSON keeps the string '1' apart from the number 1. */
const docKey = (collection: string, id: DocId): string => `${collection}/${formatId(id)}`

export class TransactionManager implements StoreObserver {
  private readonly transactions = new Map<string, Transaction>()
  /** The transactions that took their snapshot: committed writes record the previous text for them. */
  private readonly snapshots = new Set<Transaction>()
  /** The transaction whose uncommitted write holds each document. */
  private readonly locks = new Map<string, Transaction>()
  /** The transaction whose trial is running, and the writes that trial made. */
  private trial: { tx: Transaction; writes: PhysicalWrite[]; replaying: boolean } | null = null
  private committing: Transaction | null = null
  /** A committed write's previous text, from beforeWrite until write. */
  private pending: { key: string; text: string | undefined } | null = null

  constructor(
    private readonly store: Store,
    private readonly lifetimeMs = TRANSACTION_LIFETIME_MS,
  ) {
    store.observer = this
  }

  start(): string {
    this.expire()
    const tx: Transaction = {
      id: newDocId(),
      started: Date.now(),
      snapshot: false,
      before: new Map(),
      reads: new Set(),
      writes: [],
      written: new Set(),
      doomed: null,
    }
    this.transactions.set(tx.id, tx)
    return tx.id
  }

  /** Runs one operation of transaction `id` as a trial (see above). */
  run<T>(id: string, operation: () => T): T {
    const tx = this.get(id)
    this.throwIfDoomed(tx)
    if (!tx.snapshot) {
      tx.snapshot = true
      this.snapshots.add(tx)
    }
    const db = this.store.db
    db.exec('BEGIN')
    this.trial = { tx, writes: [], replaying: true }
    try {
      for (const w of tx.writes) this.store.apply(w)
      this.trial.replaying = false
      const result = operation()
      for (const w of this.trial.writes) {
        const key = docKey(w.collection, w.id)
        tx.written.add(key)
        this.locks.set(key, tx)
      }
      tx.writes.push(...this.trial.writes)
      return result
    } finally {
      this.trial = null
      db.exec('ROLLBACK')
    }
  }

  commit(id: string): void {
    const tx = this.get(id)
    try {
      if (tx.writes.length === 0) return // read-only: it read one consistent snapshot
      this.throwIfDoomed(tx)
      for (const key of tx.reads) {
        if (tx.before.has(key)) {
          throw this.conflict(`document ${key}, which this transaction read, was changed by another request before it committed (the local server keeps transactions serializable)`)
        }
      }
      this.committing = tx
      this.store.db.transaction(() => {
        for (const w of tx.writes) this.store.apply(w)
      })()
    } finally {
      this.committing = null
      this.discard(tx)
    }
  }

  /** As in CloudBase, aborting a transaction that no longer exists (e.g. aborted by a conflict) fails. */
  abort(id: string): void {
    this.discard(this.get(id))
  }

  read(collection: string, id: DocId): { text: string | undefined } | undefined {
    const trial = this.trial
    if (!trial || trial.replaying) return undefined
    const key = docKey(collection, id)
    const { tx } = trial
    tx.reads.add(key)
    if (tx.written.has(key) || !tx.before.has(key)) return undefined
    return { text: tx.before.get(key) }
  }

  beforeWrite(w: PhysicalWrite, current: () => string | undefined): void {
    const trial = this.trial
    this.pending = null
    if (!trial && this.transactions.size === 0) return // the common case: nobody to tell
    const key = docKey(w.collection, w.id)
    if (trial) {
      if (trial.replaying) return
      const { tx } = trial
      if (tx.before.has(key)) {
        this.discard(tx)
        throw this.conflict(`document ${key} was changed by another request after this transaction began`)
      }
      const holder = this.locks.get(key)
      if (holder && holder !== tx) {
        this.discard(tx)
        throw this.conflict(`document ${key} is being written by another transaction`)
      }
      return
    }
    this.expire()
    for (const tx of this.snapshots) {
      if (tx !== this.committing && !tx.before.has(key)) {
        this.pending = { key, text: current() }
        break
      }
    }
  }

  write(w: PhysicalWrite): void {
    const trial = this.trial
    if (trial) {
      if (!trial.replaying) trial.writes.push(w)
      return
    }
    if (this.snapshots.size === 0 && this.locks.size === 0) return
    const key = docKey(w.collection, w.id)
    const previous = this.pending?.key === key ? this.pending : null
    this.pending = null
    if (previous) {
      for (const tx of this.snapshots) {
        if (tx !== this.committing && !tx.before.has(key)) tx.before.set(key, previous.text)
      }
    }
    const holder = this.locks.get(key)
    if (holder && holder !== this.committing) holder.doomed ??= `document ${key}, which it wrote, was changed by a request outside it`
  }

  private get(id: string): Transaction {
    this.expire()
    const tx = this.transactions.get(id)
    if (!tx) {
      throw new TcbServerError(
        ErrorCode.TRANSACTION_FAIL,
        `transaction ${id} does not exist: it was committed or aborted (a conflict aborts it), or is older than ${this.lifetimeMs / 1000} s (a transaction must be committed or aborted within ${this.lifetimeMs / 1000} s)`,
      )
    }
    return tx
  }

  private conflict(reason: string): TcbServerError {
    return new TcbServerError(ErrorCode.TRANSACTION_CONFLICT, `database transaction conflict: ${reason}`)
  }

  private throwIfDoomed(tx: Transaction): void {
    if (tx.doomed === null) return
    const reason = tx.doomed
    this.discard(tx)
    throw this.conflict(reason)
  }

  private discard(tx: Transaction): void {
    this.transactions.delete(tx.id)
    this.snapshots.delete(tx)
    for (const key of tx.written) if (this.locks.get(key) === tx) this.locks.delete(key)
  }

  private expire(): void {
    if (this.transactions.size === 0) return
    const cutoff = Date.now() - this.lifetimeMs
    for (const tx of this.transactions.values()) {
      if (tx.started < cutoff && tx !== this.committing && tx !== this.trial?.tx) this.discard(tx)
    }
  }
}
