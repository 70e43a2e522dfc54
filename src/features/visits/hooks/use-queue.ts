import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { visitQueue } from '../api'
import type { QueuedVisit, QueuedVisitWrite } from '../queued-visit'

/** What the queue holds and does now: nothing remembered from an earlier sync. */
export interface QueueSnapshot {
  items: QueuedVisitWrite[]
  waiting: number
  rejected: number
  /** Records are being sent now (on the user's tap or by themselves). */
  syncing: boolean
}

export interface QueueState extends QueueSnapshot {
  syncNow: () => void
  resend: (requestId: string, visit: QueuedVisit) => void
  discard: (requestId: string) => void
}

type VisitQueue = ReturnType<typeof visitQueue>

/**
 * items() copies the queue on every call, so the snapshot is taken once per
 * change: useSyncExternalStore needs the same object until something changed.
 */
function snapshotStore(queue: VisitQueue) {
  let snapshot: QueueSnapshot | null = null
  const read = (): QueueSnapshot => ({ items: queue.items(), ...queue.counts(), syncing: queue.syncing() })
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

  const syncNow = useCallback(() => void queue.sync({ force: true }), [queue])

  const resend = useCallback(
    (requestId: string, visit: QueuedVisit) => {
      queue.resend(requestId, visit)
      void queue.sync({ force: true })
    },
    [queue],
  )

  const discard = useCallback((requestId: string) => queue.discard(requestId), [queue])

  return { ...snapshot, syncNow, resend, discard }
}
