import { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { ensureSignedIn } from './features/account/me-store'
import { initCloud } from './services/cloud'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
    // Signing in creates the resident account on first use; pages read the
    // result through useMe().
    void ensureSignedIn()
  })
  return children
}

export default App
