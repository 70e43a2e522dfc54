import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { ActivityFormContext, PlaceView } from '../../../../domain/activities'
import { shanghaiDay } from '../../../../domain/dates'
import type { ReplyError } from '../../../../domain/errors'
import { activityQueue, getActivityContext, listPlaces } from '../api'

// What the form needs (the villages one logs for, their key places, the
// campaign) is kept on the phone, as the visit form's is: at a market without
// signal the activity can still be logged. The copy is replaced whenever the
// server answers, and asked for again when the network returns.

const STORAGE_KEY = 'activity-form-context-v1'

export interface ActivityContextData {
  context: ActivityFormContext
  /** Each village's places, as last read. */
  places: Record<string, PlaceView[]>
}

export interface ActivityContextState {
  data: ActivityContextData | null
  fresh: boolean
  today: string
  loading: boolean
  error: ReplyError | null
  reload: () => void
}

function readCached(): ActivityContextData | null {
  try {
    const stored: unknown = Taro.getStorageSync(STORAGE_KEY)
    return stored && typeof stored === 'object' && 'context' in stored && 'places' in stored ? (stored as ActivityContextData) : null
  } catch {
    return null
  }
}

function keep(data: ActivityContextData | null): void {
  try {
    if (data) Taro.setStorageSync(STORAGE_KEY, data)
    else Taro.removeStorageSync(STORAGE_KEY)
  } catch {
    // Storage full: the form still works in this session.
  }
}

export function useActivityContext(): ActivityContextState {
  const [data, setData] = useState<ActivityContextData | null>(readCached)
  const [fresh, setFresh] = useState(false)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ReplyError | null>(null)

  const reload = useCallback(() => {
    setLoading(true)
    setError(null)
    void getActivityContext().then(async (reply) => {
      if (!reply.ok) {
        setLoading(false)
        setError(reply.error)
        // A refusal (no longer staff here) must not leave the old villages usable.
        if (reply.error.code === 'FORBIDDEN') {
          setData(null)
          keep(null)
        }
        return
      }
      const places: Record<string, PlaceView[]> = {}
      // A village's places are listed when the network allows; the phone's copy stays otherwise.
      const replies = await Promise.all(reply.data.villages.map((village) => listPlaces(village.id)))
      reply.data.villages.forEach((village, i) => {
        const listed = replies[i]
        places[village.id] = listed.ok ? listed.data.places : (readCached()?.places[village.id] ?? [])
      })
      const next = { context: reply.data, places }
      setData(next)
      setFresh(true)
      setLoading(false)
      keep(next)
    })
  }, [])

  useEffect(reload, [reload])

  useEffect(() => {
    if (fresh) return
    const onNetwork = (status: { isConnected: boolean }) => {
      if (status.isConnected) reload()
    }
    const queue = activityQueue()
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

  return { data, fresh, today: fresh && data ? data.context.today : shanghaiDay(), loading, error, reload }
}
