import { useEffect, useSyncExternalStore } from 'react'
import { ensureSignedIn, getMeState, reloadMe, setMe, subscribeMe, type MeState } from '../me-store'

export interface Account extends MeState {
  retry: () => Promise<void>
  setMe: typeof setMe
}

/** The signed-in user, shared across pages; signs in on first use. */
export function useMe(): Account {
  const state = useSyncExternalStore(subscribeMe, getMeState, getMeState)
  useEffect(() => {
    void ensureSignedIn()
  }, [])
  return { ...state, retry: reloadMe, setMe }
}
