import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { ensureSignedIn } from './features/account/me-store'
import { initCloud } from './services/cloud'
import { watchPrivacyConsent } from './services/privacy-consent'
import { readsWithoutIdentity } from './services/launch'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
    watchPrivacyConsent()
    // Signing in creates the resident account on first use; pages read the
    // result through useMe(). An article opened from Moments (single-page
    // mode) has no login to sign in with: it reads without one.
    if (!readsWithoutIdentity()) void ensureSignedIn()
  })
  return children
}

export default App
