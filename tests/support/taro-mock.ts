// What `@tarojs/taro` is in the jsdom app tests (jest moduleNameMapper): the
// APIs the app calls, as jest mocks, so tests fake the platform at its edge
// (wx.cloud, HTTP, phone, clipboard, storage, canvas, files) and let the app's
// own code run.
import { useEffect } from 'react'

type AsyncMock = jest.Mock<Promise<unknown>, [Record<string, unknown>?]>

function resolved(value: unknown = { errMsg: 'ok' }): AsyncMock {
  return jest.fn(() => Promise.resolve(value))
}

/** Local storage as the platform keeps it: values are copied in and out, like JSON. */
export const storage = new Map<string, unknown>()

/** One call made on the fake canvas's 2D context, e.g. ['lineTo', 30, 40]. */
export type PenCall = [string, ...unknown[]]

export interface FakeCanvas {
  width: number
  height: number
  calls: PenCall[]
  getContext: jest.Mock
  toDataURL: jest.Mock
  getBoundingClientRect: () => { left: number; top: number; width: number; height: number }
}

/**
 * A canvas node like the one the selector query returns: its 2D context
 * records every drawing call, so a test can see what was painted.
 */
export function fakeCanvas(cssWidth = 300, cssHeight = 200): FakeCanvas {
  const calls: PenCall[] = []
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push([name, ...args])
  const pen = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    fillRect: record('fillRect'),
    beginPath: record('beginPath'),
    moveTo: record('moveTo'),
    lineTo: record('lineTo'),
    arc: record('arc'),
    stroke: record('stroke'),
    fill: record('fill'),
    scale: record('scale'),
    setTransform: record('setTransform'),
  }
  return {
    width: cssWidth,
    height: cssHeight,
    calls,
    getContext: jest.fn(() => pen),
    toDataURL: jest.fn(() => 'data:image/png;base64,c2lnbmF0dXJl'),
    getBoundingClientRect: () => ({ left: 0, top: 0, width: cssWidth, height: cssHeight }),
  }
}

function selectorQuery() {
  return jest.fn(() => {
    let selector = ''
    const query = {
      select(found: string) {
        selector = found
        return query
      },
      fields() {
        return query
      },
      exec(callback?: (results: unknown[]) => void) {
        const canvas = selector === '#signature-canvas' ? taroMock.canvas : null
        callback?.([canvas ? { node: canvas, width: canvas.getBoundingClientRect().width, height: canvas.getBoundingClientRect().height } : null])
      },
    }
    return query
  })
}

function fileSystemManager() {
  return {
    saveFile: jest.fn((options: { tempFilePath: string; success?: (r: unknown) => void }) => {
      options.success?.({ savedFilePath: `saved://${options.tempFilePath}` })
    }),
    removeSavedFile: jest.fn((options: { complete?: () => void }) => options.complete?.()),
  }
}

function fresh() {
  return {
    cloud: {
      init: jest.fn(),
      callFunction: resolved(),
      uploadFile: jest.fn(async (options?: Record<string, unknown>) => ({ fileID: `cloud://env.bucket/${String(options?.cloudPath)}`, statusCode: 200 })),
    },
    request: resolved(),
    uploadFile: resolved(),
    getStorageSync: jest.fn((key: string): unknown => (storage.has(key) ? JSON.parse(JSON.stringify(storage.get(key))) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => {
      storage.set(key, JSON.parse(JSON.stringify(value)))
    }),
    removeStorageSync: jest.fn((key: string) => {
      storage.delete(key)
    }),
    makePhoneCall: resolved(),
    setClipboardData: resolved(),
    showToast: resolved(),
    showModal: resolved({ confirm: true, cancel: false }),
    requestSubscribeMessage: resolved({ errMsg: 'requestSubscribeMessage:ok' }),
    redirectTo: resolved(),
    navigateTo: resolved(),
    hideHomeButton: resolved(),
    pageScrollTo: resolved(),
    nextTick: jest.fn((callback: () => void) => {
      setTimeout(callback, 0)
    }),
    getWindowInfo: jest.fn(() => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667 })),
    getSystemInfoSync: jest.fn(() => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667 })),
    createSelectorQuery: selectorQuery(),
    canvas: fakeCanvas(),
    canvasToTempFilePath: resolved({ tempFilePath: 'wxfile://tmp/signature.png', errMsg: 'canvasToTempFilePath:ok' }),
    getFileSystemManager: jest.fn(fileSystemManager),
    chooseMedia: resolved({ tempFiles: [{ tempFilePath: 'wxfile://tmp/photo.jpg', size: 1000 }] }),
    chooseImage: resolved({ tempFilePaths: ['blob:photo'], tempFiles: [] }),
    chooseMessageFile: resolved({ tempFiles: [{ path: 'wxfile://tmp/roster.xlsx', name: '名册.xlsx', size: 1000 }] }),
    getLocation: resolved({ latitude: 29.123456, longitude: 106.654321 }),
    downloadFile: resolved({ tempFilePath: 'wxfile://tmp/export.xlsx', statusCode: 200 }),
    openDocument: resolved(),
    /** What useRouter() answers: a test sets the page's query here. */
    routerParams: {} as Record<string, string>,
    shareHandler: null as null | (() => unknown),
    timelineHandler: null as null | (() => unknown),
  }
}

export const taroMock = fresh()

/** Fresh mocks with the default answers; the app setup calls it before each test. */
export function resetTaroMock(): void {
  storage.clear()
  Object.assign(taroMock, fresh())
}

// Page lifecycle hooks: in a test the page is shown once, when it mounts.
function onMount(callback: () => void): void {
  useEffect(() => callback(), [])
}

export const useLaunch = onMount
export const useLoad = onMount
export const useDidShow = onMount
export const useReady = onMount

/** Records the share handler, as the page registers it. */
export function useShareAppMessage(handler: () => unknown): void {
  taroMock.shareHandler = handler
}

/** Records the Moments share handler, as the page registers it. */
export function useShareTimeline(handler: () => unknown): void {
  taroMock.timelineHandler = handler
}

export function useRouter(): { params: Record<string, string>; path: string } {
  return { params: taroMock.routerParams, path: '' }
}

export default taroMock
