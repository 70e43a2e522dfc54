import { useCallback, useEffect, useRef, useState } from 'react'
import type { Reply, ReplyError } from '../../domain/errors'

export interface Read<T> {
  data: T | null
  loading: boolean
  error: ReplyError | null
  reload: () => void
  /** Replace the data after a write returned the new version. */
  setData: (update: (current: T | null) => T | null) => void
}

/** Loads once on mount; `reload` asks again (the retry button). */
export function useRead<T>(load: () => Promise<Reply<T>>): Read<T> {
  const [data, setDataState] = useState<T | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ReplyError | null>(null)
  const latest = useRef(0)

  const reload = useCallback(() => {
    const call = ++latest.current
    setLoading(true)
    setError(null)
    void load().then((reply) => {
      // A slower, older request must not overwrite a newer answer.
      if (call !== latest.current) return
      setLoading(false)
      if (reply.ok) setDataState(reply.data)
      else setError(reply.error)
    })
  }, [load])

  useEffect(reload, [reload])

  const setData = useCallback((update: (current: T | null) => T | null) => setDataState(update), [])
  return { data, loading, error, reload, setData }
}
