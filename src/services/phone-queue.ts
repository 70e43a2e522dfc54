import Taro from '@tarojs/taro'
import { callFunction } from './cloud'
import { OfflineQueue, type QueuedCall, type QueuedWrite, type QueueStorage, type QueueTransport } from './offline-queue'
import { releaseFile, uploadFile } from './upload'

// Offline queues on the phone (today one: the visits waiting to be sent; the
// activity log will be another). Each is kept in local storage so it survives
// closing the app, sends through cloud.ts and upload.ts, and syncs on
// reconnect, on app show, on a timer for backoff, and on demand.

const transport: QueueTransport = {
  call: (fn, action, payload, requestId) => callFunction(fn, action, payload, { requestId }),
  upload: uploadFile,
  release: releaseFile,
}

function storageAt<P, S extends string>(key: string): QueueStorage<P, S> {
  return {
    load: () => {
      try {
        const stored: unknown = Taro.getStorageSync(key)
        // What this queue saved under its own key.
        return Array.isArray(stored) ? (stored as QueuedWrite<P, S>[]) : []
      } catch {
        return []
      }
    },
    save: (items) => Taro.setStorageSync(key, items),
  }
}

/**
 * The queue of `call` writes kept under `storageKey`, as a function that gives
 * it: the queue is loaded, and starts syncing, the first time it is asked for.
 */
export function phoneQueue<P, S extends string>(storageKey: string, call: QueuedCall<P, S>): () => OfflineQueue<P, S> {
  let queue: OfflineQueue<P, S> | null = null
  return () => {
    if (!queue) queue = keepSyncing(new OfflineQueue(call, storageAt<P, S>(storageKey), transport))
    return queue
  }
}

function keepSyncing<P, S extends string>(queue: OfflineQueue<P, S>): OfflineQueue<P, S> {
  let timer: ReturnType<typeof setTimeout> | null = null
  // Wakes up when the earliest waiting write is due again.
  const schedule = () => {
    if (timer) clearTimeout(timer)
    timer = null
    const due = queue.nextDueAt()
    if (due !== null) timer = setTimeout(() => void queue.sync(), Math.max(due - Date.now(), 0) + 50)
  }
  queue.subscribe(schedule)
  Taro.onNetworkStatusChange?.((status) => {
    if (status.isConnected) void queue.sync({ force: true })
  })
  Taro.onAppShow?.(() => void queue.sync())
  schedule()
  void queue.sync()
  return queue
}
