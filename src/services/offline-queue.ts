import type { Reply, ReplyError } from '../../domain/errors'

// Writes made without signal wait here, with their requestId, until they get
// through. A retry reuses the requestId, so the function runs each write once
// however many times it is sent. A write the server refuses stays, with the
// reason, until the user fixes and resends it or discards it: never dropped.

/**
 * The one kind of write a queue carries: the call it makes, and where the ids
 * of its uploaded files go in the payload (`S` names the write's file slots).
 */
export interface QueuedCall<P, S extends string> {
  fn: string
  action: string
  /** The payload as the function takes it, with each uploaded file's id in its place. */
  withFiles(payload: P, fileIDs: Partial<Record<S, string>>): unknown
}

export interface PendingFile<S extends string> {
  slot: S
  /** A saved file path (weapp) or data URL (h5) that outlives the app. */
  localPath: string
  /** Derived from the requestId: a retried upload overwrites instead of adding a file. */
  cloudPath: string
  fileID?: string
}

export interface QueuedWrite<P, S extends string> {
  requestId: string
  payload: P
  files: PendingFile<S>[]
  /** What the user recognises in the list, e.g. 王大爷 · 3组12号. */
  label: string
  createdAt: number
  state: 'waiting' | 'rejected'
  attempts: number
  nextAttemptAt: number
  error: ReplyError | null
}

export interface QueueTransport {
  call(fn: string, action: string, payload: unknown, requestId: string): Promise<Reply<unknown>>
  upload(localPath: string, cloudPath: string): Promise<Reply<{ fileID: string }>>
  /** Frees a kept local file once its write got through or was discarded. */
  release?(localPath: string): Promise<void>
}

export interface QueueStorage<P, S extends string> {
  load(): QueuedWrite<P, S>[]
  save(items: QueuedWrite<P, S>[]): void
}

export interface SyncResult {
  sent: number
  rejected: number
  /** Attempts that failed for a reason worth retrying (no signal, server busy). */
  failed: number
}

export interface EnqueueInput<P, S extends string> {
  requestId: string
  payload: P
  files?: Omit<PendingFile<S>, 'fileID'>[]
  label: string
}

/** Codes that say "try again later" rather than "this is wrong". */
const RETRYABLE = new Set(['NETWORK', 'INTERNAL', 'RATE_LIMITED', 'UNAUTHENTICATED'])
const FIRST_DELAY_MS = 2000
const MAX_DELAY_MS = 5 * 60 * 1000

export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_DELAY_MS * 2 ** Math.max(attempts - 1, 0), MAX_DELAY_MS)
  // Jitter spreads a village's phones out when the signal comes back.
  return Math.round(base * (0.5 + random() / 2))
}

export class OfflineQueue<P, S extends string> {
  private queue: QueuedWrite<P, S>[]
  private readonly listeners = new Set<() => void>()
  private running: Promise<SyncResult> | null = null
  private sentCount = 0

  constructor(
    private readonly call: QueuedCall<P, S>,
    private readonly storage: QueueStorage<P, S>,
    private readonly transport: QueueTransport,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.queue = storage.load()
  }

  items(): QueuedWrite<P, S>[] {
    return this.queue.map((item) => ({ ...item, files: item.files.map((file) => ({ ...file })) }))
  }

  counts(): { waiting: number; rejected: number } {
    const rejected = this.queue.filter((item) => item.state === 'rejected').length
    return { waiting: this.queue.length - rejected, rejected }
  }

  /** A sync is sending now. */
  syncing(): boolean {
    return this.running !== null
  }

  /** How many writes got through since the app started: a rise means the network works. */
  sent(): number {
    return this.sentCount
  }

  /** The earliest time a waiting write is due, or null when none waits. */
  nextDueAt(): number | null {
    const due = this.queue.filter((item) => item.state === 'waiting').map((item) => item.nextAttemptAt)
    return due.length ? Math.min(...due) : null
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  enqueue(input: EnqueueInput<P, S>): QueuedWrite<P, S> {
    const existing = this.queue.find((item) => item.requestId === input.requestId)
    if (existing) return existing
    const item: QueuedWrite<P, S> = {
      requestId: input.requestId,
      payload: input.payload,
      files: (input.files ?? []).map((file) => ({ ...file })),
      label: input.label,
      createdAt: this.now(),
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: this.now(),
      error: null,
    }
    this.queue.push(item)
    this.changed()
    return item
  }

  /** A refused write, fixed by the user, goes again under the same requestId; its files upload again. */
  resend(requestId: string, payload: P): void {
    const item = this.find(requestId)
    item.payload = payload
    item.files = item.files.map(({ fileID: _uploaded, ...file }) => file)
    item.state = 'waiting'
    item.attempts = 0
    item.nextAttemptAt = this.now()
    item.error = null
    this.changed()
  }

  /** Drops a write the user gave up on, and frees its kept files. */
  discard(requestId: string): void {
    const item = this.queue.find((candidate) => candidate.requestId === requestId)
    this.queue = this.queue.filter((candidate) => candidate.requestId !== requestId)
    this.changed()
    for (const file of item?.files ?? []) void this.release(file.localPath)
  }

  /**
   * Sends every due write, oldest first. `force` ignores backoff (the user
   * tapped 立即上传). One sync runs at a time; a second call joins it.
   */
  sync({ force = false }: { force?: boolean } = {}): Promise<SyncResult> {
    if (!this.running) {
      this.running = this.run(force).finally(() => {
        this.running = null
        this.notify()
      })
      this.notify()
    }
    return this.running
  }

  private async run(force: boolean): Promise<SyncResult> {
    const result: SyncResult = { sent: 0, rejected: 0, failed: 0 }
    const attempted = new Set<string>()
    for (;;) {
      const item = this.queue.find(
        (candidate) => candidate.state === 'waiting' && !attempted.has(candidate.requestId) && (force || candidate.nextAttemptAt <= this.now()),
      )
      if (!item) return result
      attempted.add(item.requestId)
      const outcome = await this.send(item)
      result[outcome] += 1
      // No signal: the rest would fail the same way; they keep their schedule.
      if (outcome === 'failed' && item.error?.code === 'NETWORK') return result
    }
  }

  private async send(item: QueuedWrite<P, S>): Promise<keyof SyncResult> {
    const fileIDs: Partial<Record<S, string>> = {}
    for (const file of item.files) {
      if (!file.fileID) {
        const uploaded = await this.transport.upload(file.localPath, file.cloudPath)
        if (!uploaded.ok) return this.settle(item, uploaded.error)
        file.fileID = uploaded.data.fileID
        this.changed()
      }
      fileIDs[file.slot] = file.fileID
    }
    const reply = await this.transport.call(this.call.fn, this.call.action, this.call.withFiles(item.payload, fileIDs), item.requestId)
    if (reply.ok) {
      this.queue = this.queue.filter((candidate) => candidate.requestId !== item.requestId)
      this.sentCount += 1
      this.changed()
      for (const file of item.files) await this.release(file.localPath)
      return 'sent'
    }
    return this.settle(item, reply.error)
  }

  private settle(item: QueuedWrite<P, S>, error: ReplyError): 'failed' | 'rejected' {
    item.error = error
    if (RETRYABLE.has(error.code)) {
      item.attempts += 1
      item.nextAttemptAt = this.now() + retryDelay(item.attempts, this.random)
      this.changed()
      return 'failed'
    }
    item.state = 'rejected'
    this.changed()
    return 'rejected'
  }

  private find(requestId: string): QueuedWrite<P, S> {
    const item = this.queue.find((candidate) => candidate.requestId === requestId)
    if (!item) throw new Error(`no queued write ${requestId}`)
    return item
  }

  /** A file that cannot be freed only takes space; the write is done either way. */
  private async release(localPath: string): Promise<void> {
    await this.transport.release?.(localPath).catch(() => undefined)
  }

  private changed(): void {
    this.storage.save(this.queue)
    this.notify()
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }
}
