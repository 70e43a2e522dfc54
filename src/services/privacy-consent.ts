import Taro from '@tarojs/taro'

// WeChat's privacy authorization (用户隐私保护指引): before a privacy API
// (location, camera, album, saving to the album) first runs, WeChat holds
// the call and asks the mini-program to show its consent sheet. The call
// goes on when the user taps the sheet's 同意 button (a button with
// open-type agreePrivacyAuthorization), and fails if they decline. The
// sheet (components/privacy-consent-sheet.tsx) sits on every page that
// calls such an API and follows this state.

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

/** The id of the sheet's 同意 button: WeChat checks that this very button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

let pending: Resolve | null = null
const listeners = new Set<(asking: boolean) => void>()

function notify(): void {
  for (const listener of listeners) listener(pending !== null)
}

/** Called once at launch; only the weapp build has the event (H5 asks through the browser). */
export function watchPrivacyConsent(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    // A second held call while the sheet is up: the first one is declined, the sheet stays for the new one.
    pending?.({ event: 'disagree' })
    pending = resolve as Resolve
    notify()
  })
}

/** Follows whether the sheet should show; returns the unsubscribe. */
export function followPrivacyConsent(listener: (asking: boolean) => void): () => void {
  listeners.add(listener)
  listener(pending !== null)
  return () => listeners.delete(listener)
}

/** The sheet is on screen: WeChat is told it was shown. */
export function consentShown(): void {
  pending?.({ event: 'exposureAuthorization' })
}

export function answerConsent(agree: boolean): void {
  const resolve = pending
  pending = null
  resolve?.(agree ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
  notify()
}
