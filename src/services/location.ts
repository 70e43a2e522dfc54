import Taro from '@tarojs/taro'

// The phone's position, asked for once, only after the user tapped a button
// (入户登记, 宣传台账): never in the background.

export interface Position {
  latitude: number
  longitude: number
}

export type Located = { ok: true; position: Position } | { ok: false; message: string }

const DENIED = '没有得到位置权限，本次不记录位置；不影响保存。'
const FAILED = '没有获取到位置（可能信号弱），可以不记录位置，直接保存。'

// About 1 m: enough to show the cadre was at the door, no more precise than that.
const round = (value: number) => Math.round(value * 1e5) / 1e5

/**
 * Asks for the position only now, after the user tapped: on weapp first
 * through WeChat's privacy agreement (requirePrivacyAuthorize, where the base
 * library has it), then getLocation; on H5 the browser's own prompt.
 */
export async function locate(): Promise<Located> {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return { ok: false, message: '这个浏览器不能获取位置；不影响保存。' }
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (found) => resolve({ ok: true, position: { latitude: round(found.coords.latitude), longitude: round(found.coords.longitude) } }),
        (problem) => resolve({ ok: false, message: problem.code === 1 ? DENIED : FAILED }),
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      )
    })
  }
  if (typeof Taro.requirePrivacyAuthorize === 'function') {
    const agreed = await new Promise<boolean>((resolve) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
    })
    if (!agreed) return { ok: false, message: '您没有同意隐私保护指引，本次不记录位置；不影响保存。' }
  }
  try {
    const found = await Taro.getLocation({ type: 'gcj02' })
    return { ok: true, position: { latitude: round(found.latitude), longitude: round(found.longitude) } }
  } catch (problem) {
    const message = problem && typeof problem === 'object' && 'errMsg' in problem ? String(problem.errMsg) : ''
    return { ok: false, message: /auth|deny|denied|privacy/i.test(message) ? DENIED : FAILED }
  }
}

