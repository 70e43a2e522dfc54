import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { activityQueue } from '../api'
import type { QueuedActivityWrite } from '../queued-activity'

export interface ActivityQueueState {
  items: QueuedActivityWrite[]
  waiting: number
  rejected: number
  syncing: boolean
  syncNow: () => void
  discard: (requestId: string) => void
}

/** The activity queue for a screen: what waits, what was refused, and the buttons' actions. */
export function useActivityQueue(): ActivityQueueState {
  const queue = activityQueue()
  const store = useMemo(() => {
    let snapshot: Omit<ActivityQueueState, 'syncNow' | 'discard'> | null = null
    return {
      subscribe: (listener: () => void) =>
        queue.subscribe(() => {
          snapshot = null
          listener()
        }),
      get: () => (snapshot ??= { items: queue.items(), ...queue.counts(), syncing: queue.syncing() }),
    }
  }, [queue])
  const snapshot = useSyncExternalStore(store.subscribe, store.get, store.get)
  const syncNow = useCallback(() => void queue.sync({ force: true }), [queue])
  const discard = useCallback((requestId: string) => queue.discard(requestId), [queue])
  return { ...snapshot, syncNow, discard }
}
