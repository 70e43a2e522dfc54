import { useCallback, useEffect, useRef, useState } from 'react'
import type { ReplyError } from '../../../../domain/errors'
import type { HouseholdView } from '../../../../domain/roster'
import { downloadRegister, readCachedRegister } from '../register-cache'

/** A copy older than this is refreshed in the background when the page opens. */
const STALE_MS = 12 * 60 * 60 * 1000

export interface Register {
  households: HouseholdView[]
  /** When the copy on the phone was downloaded; null when there is none. */
  savedAt: number | null
  refreshing: boolean
  /** Households downloaded so far during a refresh. */
  progress: number
  error: ReplyError | null
  refresh: () => Promise<void>
}

/** The village register from the phone, refreshed from the server when old or missing. */
export function useRegister(villageId: string): Register {
  const [cached, setCached] = useState(() => readCachedRegister(villageId))
  const [refreshing, setRefreshing] = useState(false)
  const [progress, setProgress] = useState(0)
  const [error, setError] = useState<ReplyError | null>(null)
  const running = useRef<Promise<void> | null>(null)

  const refresh = useCallback(() => {
    if (running.current) return running.current
    setRefreshing(true)
    setProgress(0)
    setError(null)
    running.current = downloadRegister(villageId, setProgress).then((reply) => {
      running.current = null
      setRefreshing(false)
      if (reply.ok) setCached(reply.data)
      else setError(reply.error)
    })
    return running.current
  }, [villageId])

  useEffect(() => {
    const copy = readCachedRegister(villageId)
    setCached(copy)
    if (!copy || Date.now() - copy.savedAt > STALE_MS) void refresh()
  }, [villageId, refresh])

  return { households: cached?.households ?? [], savedAt: cached?.savedAt ?? null, refreshing, progress, error, refresh }
}
