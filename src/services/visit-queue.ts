import Taro from '@tarojs/taro'
import { callFunction } from './cloud'
import { OfflineQueue, type QueuedWrite } from './offline-queue'
import { releaseFile, uploadFile } from './upload'

// The app's one queue of offline writes (visits and what goes with them),
// kept in local storage so it survives closing the app, and synced on
// reconnect, on app show, on a timer for backoff, and on demand.

const STORAGE_KEY = 'offline-queue-v1'

let instance: OfflineQueue | null = null
let timer: ReturnType<typeof setTimeout> | null = null

export function visitQueue(): OfflineQueue {
  if (instance) return instance
  const queue = new OfflineQueue(
    {
      load: () => {
        try {
          const stored: unknown = Taro.getStorageSync(STORAGE_KEY)
          return Array.isArray(stored) ? (stored as QueuedWrite[]) : []
        } catch {
          return []
        }
      },
      save: (items) => Taro.setStorageSync(STORAGE_KEY, items),
    },
    {
      call: (fn, action, payload, requestId) => callFunction(fn, action, payload, { requestId }),
      upload: uploadFile,
      release: releaseFile,
    },
  )
  instance = queue
  queue.subscribe(() => schedule(queue))
  Taro.onNetworkStatusChange?.((status) => {
    if (status.isConnected) void queue.sync({ force: true })
  })
  Taro.onAppShow?.(() => void queue.sync())
  schedule(queue)
  void queue.sync()
  return queue
}

/** Wakes up when the earliest waiting write is due again. */
function schedule(queue: OfflineQueue): void {
  if (timer) clearTimeout(timer)
  timer = null
  const due = queue.nextDueAt()
  if (due === null) return
  timer = setTimeout(() => void queue.sync(), Math.max(due - Date.now(), 0) + 50)
}

