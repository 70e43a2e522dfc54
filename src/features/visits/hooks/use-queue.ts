import { useCallback, useMemo, useState, useSyncExternalStore } from 'react'
import type { OfflineQueue, QueuedWrite, SyncResult } from '../../../services/offline-queue'
import { releaseFile } from '../../../services/upload'
import { visitQueue } from '../../../services/visit-queue'

export interface QueueSnapshot {
  items: QueuedWrite[]
  waiting: number
  rejected: number
}

export interface QueueState extends QueueSnapshot {
  /** 立即上传 is running. */
  syncing: boolean
  /** What the last 立即上传 achieved, for the message under the button. */
  lastSync: SyncResult | null
  syncNow: () => Promise<SyncResult>
  resend: (requestId: string, payload: Record<string, unknown>) => void
  discard: (requestId: string) => void
  queue: OfflineQueue
}

/**
 * items() copies the queue on every call, so the snapshot is taken once per
 * change: useSyncExternalStore needs the same object until something changed.
 */
function snapshotStore(queue: OfflineQueue) {
  let snapshot: QueueSnapshot | null = null
  const read = (): QueueSnapshot => {
    const counts = queue.counts()
    return { items: queue.items(), waiting: counts.waiting, rejected: counts.rejected }
  }
  return {
    subscribe(listener: () => void) {
      return queue.subscribe(() => {
        snapshot = null
        listener()
      })
    },
    get(): QueueSnapshot {
      snapshot = snapshot ?? read()
      return snapshot
    },
  }
}

/** The visit queue for a screen: what waits, what was refused, and the buttons' actions. */
export function useQueue(): QueueState {
  const queue = visitQueue()
  const store = useMemo(() => snapshotStore(queue), [queue])
  const snapshot = useSyncExternalStore(store.subscribe, store.get, store.get)
  const [syncing, setSyncing] = useState(false)
  const [lastSync, setLastSync] = useState<SyncResult | null>(null)

  const syncNow = useCallback(async () => {
    setSyncing(true)
    try {
      const result = await queue.sync({ force: true })
      setLastSync(result)
      return result
    } finally {
      setSyncing(false)
    }
  }, [queue])

  const resend = useCallback(
    (requestId: string, payload: Record<string, unknown>) => {
      queue.resend(requestId, payload)
      void queue.sync({ force: true })
    },
    [queue],
  )

  const discard = useCallback(
    (requestId: string) => {
      const item = queue.items().find((candidate) => candidate.requestId === requestId)
      queue.discard(requestId)
      // The kept signature and photo are of no use any more; free the space.
      for (const file of item?.files ?? []) void releaseFile(file.localPath).catch(() => undefined)
    },
    [queue],
  )

  return { ...snapshot, syncing, lastSync, syncNow, resend, discard, queue }
}
