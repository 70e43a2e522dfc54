import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'

// Article text follows WeChat's own font-size setting (设置 → 通用 → 字体大小,
// reported as fontSizeSetting in px; 17 is the standard size), and an in-app
// 大字 switch on top of it, kept on the phone.

const LARGE_KEY = 'article-large-font'
/** The body text at WeChat's standard size, in CSS px. */
export const BASE_TEXT_PX = 18
const STANDARD_SETTING = 17
export const LARGE_FACTOR = 1.3

function wechatFactor(): number {
  try {
    const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as { fontSizeSetting?: number }
    const setting = Number(info?.fontSizeSetting)
    if (!Number.isFinite(setting) || setting <= 0) return 1
    return Math.min(Math.max(setting / STANDARD_SETTING, 0.9), 1.6)
  } catch {
    return 1
  }
}

function readLarge(): boolean {
  try {
    return Taro.getStorageSync(LARGE_KEY) === true
  } catch {
    return false
  }
}

export function useFontScale(): { size: number; large: boolean; toggle: () => void } {
  const [large, setLarge] = useState(readLarge)
  const [factor] = useState(wechatFactor)
  const toggle = useCallback(() => {
    setLarge((current) => {
      try {
        Taro.setStorageSync(LARGE_KEY, !current)
      } catch {
        // The switch still works for this visit.
      }
      return !current
    })
  }, [])
  return { size: BASE_TEXT_PX * factor * (large ? LARGE_FACTOR : 1), large, toggle }
}
