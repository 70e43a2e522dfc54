// Transactions span several HTTP requests, while SQLite's write lock must never
// be held across them (the single Node thread would wait on itself). So a
// transaction keeps its writes in memory and nothing is visible to others until
// commit. Each operation inside it runs as a trial: BEGIN, replay the
// transaction's writes so far, run the operation (which sees committed data plus
// its own writes, and hits the same constraints as a real write), ROLLBACK.
//
// Conflicts are optimistic: every document a transaction reads or writes is
// watched; when anyone else commits a write to it, the transaction is doomed
// and its next operation or its commit fails with DATABASE_TRANSACTION_CONFLICT,
// on which the SDK's runTransaction retries. Since transactions may only touch
// documents by id, this gives serializable transactions.
import { ErrorCode, TcbServerError } from './errors'
import { newDocId } from './ids'
import type { DocId, PhysicalWrite, Store, StoreObserver } from './store'

interface Transaction {
  id: string
  writes: PhysicalWrite[]
  watched: Set<string>
  conflict: string | null
  lastUsed: number
}

const docKey = (collection: string, id: DocId): string => `${collection}\u0000${typeof id}:${id}`

export class TransactionManager implements StoreObserver {
  private readonly transactions = new Map<string, Transaction>()
  private readonly watchers = new Map<string, Set<Transaction>>()
  /** The transaction whose trial is running, and the writes that trial made. */
  private trial: { tx: Transaction; writes: PhysicalWrite[]; replaying: boolean } | null = null
  private committing: Transaction | null = null

  constructor(
    private readonly store: Store,
    private readonly idleTimeoutMs = 60_000,
  ) {
    store.observer = this
  }

  start(): string {
    this.expireIdle()
    const tx: Transaction = { id: newDocId(), writes: [], watched: new Set(), conflict: null, lastUsed: Date.now() }
    this.transactions.set(tx.id, tx)
    return tx.id
  }

  /** Runs one operation of transaction `id` as a trial (see above). */
  run<T>(id: string, operation: () => T): T {
    const tx = this.get(id)
    this.throwIfConflicted(tx)
    const db = this.store.db
    db.exec('BEGIN')
    this.trial = { tx, writes: [], replaying: true }
    try {
      for (const w of tx.writes) this.store.apply(w)
      this.trial.replaying = false
      const result = operation()
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
      if (tx.writes.length === 0) return // read-only: nothing to validate or apply
      this.throwIfConflicted(tx)
      this.committing = tx
      this.store.db.transaction(() => {
        for (const w of tx.writes) this.store.apply(w)
      })()
    } finally {
      this.committing = null
      this.discard(tx)
    }
  }

  /** Idempotent: the SDK aborts after failures that may already have ended the transaction. */
  abort(id: string): void {
    const tx = this.transactions.get(id)
    if (tx) this.discard(tx)
  }

  read(collection: string, id: DocId): void {
    if (this.trial) this.watch(this.trial.tx, docKey(collection, id))
  }

  write(w: PhysicalWrite): void {
    if (this.trial) {
      if (this.trial.replaying) return
      this.trial.writes.push(w)
      this.watch(this.trial.tx, docKey(w.collection, w.id))
      return
    }
    const watching = this.watchers.get(docKey(w.collection, w.id))
    if (!watching) return
    for (const tx of watching) {
      if (tx !== this.committing) tx.conflict ??= `document ${w.collection}/${String(w.id)} was changed by another request`
    }
  }

  private watch(tx: Transaction, key: string): void {
    if (tx.watched.has(key)) return
    tx.watched.add(key)
    let set = this.watchers.get(key)
    if (!set) this.watchers.set(key, (set = new Set()))
    set.add(tx)
  }

  private get(id: string): Transaction {
    this.expireIdle()
    const tx = this.transactions.get(id)
    if (!tx) {
      throw new TcbServerError(ErrorCode.INVALID_OPERATION, `transaction ${id} does not exist (committed, aborted, or idle for more than ${this.idleTimeoutMs / 1000}s)`)
    }
    tx.lastUsed = Date.now()
    return tx
  }

  private throwIfConflicted(tx: Transaction): void {
    if (tx.conflict === null) return
    const reason = tx.conflict
    this.discard(tx)
    throw new TcbServerError(ErrorCode.TRANSACTION_CONFLICT, `database transaction conflict: ${reason}`)
  }

  private discard(tx: Transaction): void {
    this.transactions.delete(tx.id)
    for (const key of tx.watched) {
      const set = this.watchers.get(key)
      set?.delete(tx)
      if (set?.size === 0) this.watchers.delete(key)
    }
  }

  private expireIdle(): void {
    const cutoff = Date.now() - this.idleTimeoutMs
    for (const tx of this.transactions.values()) if (tx.lastUsed < cutoff) this.discard(tx)
  }
}
