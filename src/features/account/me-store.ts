import type { Me } from '../../../domain/account'
import type { ReplyError } from '../../../domain/errors'
import { setTabBadge } from '../../services/badges'
import { newRequestId } from '../../services/cloud'
import { getMe, signIn } from './api'

// Who is signed in, shared by every page. Tab pages mount and unmount as the
// user moves between them (see components/tab-bar.tsx), so the user lives in a
// module-level store read with useSyncExternalStore: no state library needed.

export interface MeState {
  me: Me | null
  /** A sign-in is on its way. */
  loading: boolean
  /** Why the last sign-in failed; cleared by the next attempt. */
  error: ReplyError | null
}

const INITIAL: MeState = { me: null, loading: false, error: null }

let state: MeState = INITIAL
const listeners = new Set<() => void>()
let inflight: Promise<void> | null = null
// Kept while a signIn's reply is missing, so the retry is the same write.
let signInRequestId: string | null = null

function update(next: Partial<MeState>): void {
  state = { ...state, ...next }
  // Unread 消息 shows on 我的 in the tab bar.
  setTabBadge('me', state.me?.unreadMessages ?? 0)
  listeners.forEach((listener) => listener())
}

export function subscribeMe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function getMeState(): MeState {
  return state
}

/** Signs in unless already signed in or signing in: call it at launch and from any page. */
export function ensureSignedIn(): Promise<void> {
  if (inflight) return inflight
  if (state.me) return Promise.resolve()
  return runSignIn()
}

/** Signs in again (the retry button of a failed launch, or after a role change). */
export function reloadMe(): Promise<void> {
  return inflight ?? runSignIn()
}

function runSignIn(): Promise<void> {
  signInRequestId = signInRequestId ?? newRequestId()
  update({ loading: true, error: null })
  inflight = signIn(signInRequestId).then((reply) => {
    inflight = null
    if (reply.ok) {
      signInRequestId = null
      update({ me: reply.data, loading: false, error: null })
      return
    }
    if (reply.error.code !== 'NETWORK') signInRequestId = null
    update({ loading: false, error: reply.error })
  })
  return inflight
}

/**
 * Reads the user again (a read, not a sign-in) when a page shows, so the
 * unread count on 我的 follows messages that arrived meanwhile. Does nothing
 * before the first sign-in has answered.
 */
export async function refreshMe(): Promise<void> {
  if (!state.me || inflight) return
  const reply = await getMe()
  if (reply.ok && !inflight) update({ me: reply.data })
}

/** A write that returns the user (updateProfile, redeemInvite) hands the new `Me` here. */
export function setMe(me: Me): void {
  update({ me, error: null })
}

/** Tests start each case signed out. */
export function resetMeStore(): void {
  state = INITIAL
  inflight = null
  signInRequestId = null
  setTabBadge('me', 0)
  listeners.forEach((listener) => listener())
}
