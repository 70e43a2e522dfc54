import { useCallback, useRef, useState } from 'react'
import type { Reply, ReplyError } from '../../domain/errors'
import { newRequestId } from '../services/cloud'

export interface Write<P, T> {
  run: (payload: P) => Promise<Reply<T>>
  pending: boolean
  error: ReplyError | null
  clearError: () => void
}

/**
 * One write with progress and error state. A write whose reply never arrived
 * (NETWORK) may still have happened, so sending the same payload again reuses
 * its requestId and the function answers the first attempt's result instead of
 * doing it twice. Any reply, or a changed payload, starts a fresh id.
 */
export function useWrite<P, T>(send: (payload: P, requestId: string) => Promise<Reply<T>>): Write<P, T> {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)
  const attempt = useRef<{ key: string; requestId: string } | null>(null)

  const run = useCallback(
    async (payload: P) => {
      const key = JSON.stringify(payload)
      if (!attempt.current || attempt.current.key !== key) attempt.current = { key, requestId: newRequestId() }
      setPending(true)
      setError(null)
      const reply = await send(payload, attempt.current.requestId)
      if (reply.ok || reply.error.code !== 'NETWORK') attempt.current = null
      setPending(false)
      if (!reply.ok) setError(reply.error)
      return reply
    },
    [send],
  )

  const clearError = useCallback(() => setError(null), [])
  return { run, pending, error, clearError }
}
