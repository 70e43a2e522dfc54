import Taro from '@tarojs/taro'
import { hasLocalIdentity } from './cloud'

// How the app was opened. An article shared to Moments opens in WeChat's
// single-page mode (scene 1154): no login, no tab bar, no navigation; the
// page must render from its query and say how to open the full app. Locally
// the stand-in is a browser where nobody picked a demo user opening an
// article's link (a poster's code scanned by a phone).

/** WeChat's scene for a page opened from Moments. */
export const SINGLE_PAGE_SCENE = 1154

const ARTICLE_ROUTE = 'pages/article/index'

function launchScene(): number | null {
  try {
    const options = typeof Taro.getEnterOptionsSync === 'function' ? Taro.getEnterOptionsSync() : Taro.getLaunchOptionsSync()
    return typeof options?.scene === 'number' ? options.scene : null
  } catch {
    return null
  }
}

/** This run reads without a WeChat identity: nothing may sign in or navigate. */
export function readsWithoutIdentity(): boolean {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window === 'undefined' || hasLocalIdentity()) return false
    return window.location.hash.replace(/^#\/?/, '').startsWith(ARTICLE_ROUTE)
  }
  return launchScene() === SINGLE_PAGE_SCENE
}
