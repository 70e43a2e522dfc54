import { useEffect, useSyncExternalStore } from 'react'
import { ensureSignedIn, getMeState, reloadMe, setMe, subscribeMe, type MeState } from '../me-store'

export interface Account extends MeState {
  retry: () => Promise<void>
  setMe: typeof setMe
}

/**
 * The signed-in user, shared across pages; signs in on first use. A page that
 * may be read without identity (an article opened from Moments) passes
 * `signIn: false` then.
 */
export function useMe({ signIn = true }: { signIn?: boolean } = {}): Account {
  const state = useSyncExternalStore(subscribeMe, getMeState, getMeState)
  useEffect(() => {
    if (signIn) void ensureSignedIn()
  }, [signIn])
  return { ...state, retry: reloadMe, setMe }
}
