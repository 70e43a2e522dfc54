// What `@tarojs/taro` is in the jsdom app tests (jest moduleNameMapper): the
// APIs the app calls, as jest mocks, so tests fake the platform at its edge
// (wx.cloud, HTTP, phone, clipboard) and let the app's own code run.
import { useEffect } from 'react'

type AsyncMock = jest.Mock<Promise<unknown>, [Record<string, unknown>?]>

function resolved(value: unknown = { errMsg: 'ok' }): AsyncMock {
  return jest.fn(() => Promise.resolve(value))
}

export const taroMock = {
  cloud: {
    init: jest.fn(),
    callFunction: resolved(),
  },
  request: resolved(),
  getStorageSync: jest.fn((_key: string): unknown => ''),
  makePhoneCall: resolved(),
  setClipboardData: resolved(),
  showToast: resolved(),
  showModal: resolved({ confirm: true, cancel: false }),
  redirectTo: resolved(),
  navigateTo: resolved(),
  hideHomeButton: resolved(),
}

/** Fresh mocks with the default answers; the app setup calls it before each test. */
export function resetTaroMock(): void {
  taroMock.cloud.init = jest.fn()
  taroMock.cloud.callFunction = resolved()
  taroMock.request = resolved()
  taroMock.getStorageSync = jest.fn((_key: string): unknown => '')
  taroMock.makePhoneCall = resolved()
  taroMock.setClipboardData = resolved()
  taroMock.showToast = resolved()
  taroMock.showModal = resolved({ confirm: true, cancel: false })
  taroMock.redirectTo = resolved()
  taroMock.navigateTo = resolved()
  taroMock.hideHomeButton = resolved()
}

// Page lifecycle hooks: in a test the page is shown once, when it mounts.
function onMount(callback: () => void): void {
  useEffect(() => callback(), [])
}

export const useLaunch = onMount
export const useLoad = onMount
export const useDidShow = onMount
export const useReady = onMount

export default taroMock
