import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { shanghaiDay } from '../../../../domain/dates'
import type { ReplyError } from '../../../../domain/errors'
import type { VisitFormContext } from '../../../../domain/visits'
import { getFormContext, visitQueue } from '../api'

// What the form needs (village, default unit, campaign) is kept on the phone:
// a cadre at the door with no signal can still log the visit. The copy is
// replaced whenever the server answers, and asked for again when the network
// returns.

const STORAGE_KEY = 'visit-form-context-v1'

export interface FormContextState {
  context: VisitFormContext | null
  /** True once the server answered in this session; false while the phone's copy is used. */
  fresh: boolean
  /** Today in Asia/Shanghai: the server's when fresh, else the phone's clock. */
  today: string
  loading: boolean
  error: ReplyError | null
  reload: () => void
}

function readCached(): VisitFormContext | null {
  try {
    const stored: unknown = Taro.getStorageSync(STORAGE_KEY)
    return stored && typeof stored === 'object' && 'village' in stored ? (stored as VisitFormContext) : null
  } catch {
    return null
  }
}

export function useFormContext(): FormContextState {
  const [context, setContext] = useState<VisitFormContext | null>(readCached)
  const [fresh, setFresh] = useState(false)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ReplyError | null>(null)

  const reload = useCallback(() => {
    setLoading(true)
    setError(null)
    void getFormContext().then((reply) => {
      setLoading(false)
      if (reply.ok) {
        setContext(reply.data)
        setFresh(true)
        try {
          Taro.setStorageSync(STORAGE_KEY, reply.data)
        } catch {
          // Storage full: the form still works in this session.
        }
        return
      }
      setError(reply.error)
      // No signal or a busy server: the phone's copy serves. A refusal (no
      // longer a cadre here) must not leave the old village usable.
      if (reply.error.code === 'FORBIDDEN') {
        setContext(null)
        try {
          Taro.removeStorageSync(STORAGE_KEY)
        } catch {
          // Nothing to remove.
        }
      }
    })
  }, [])

  useEffect(reload, [reload])

  // Back online (the network says so, or the queue got a record through):
  // the server's context replaces the phone's copy, and with it the notice.
  useEffect(() => {
    if (fresh) return
    const onNetwork = (status: { isConnected: boolean }) => {
      if (status.isConnected) reload()
    }
    const queue = visitQueue()
    let sent = queue.sent()
    const unsubscribe = queue.subscribe(() => {
      if (queue.sent() === sent) return
      sent = queue.sent()
      reload()
    })
    Taro.onNetworkStatusChange?.(onNetwork)
    return () => {
      unsubscribe()
      Taro.offNetworkStatusChange?.(onNetwork)
    }
  }, [fresh, reload])

  return { context, fresh, today: fresh && context ? context.today : shanghaiDay(), loading, error, reload }
}
