import path from 'node:path'

// Runs the compiled mini-program (dist/) under miniprogram-simulate: the real
// WeChat component framework (exparser) and templates, with `wx` mocked. Taro
// registers the app with App() and each page with Page(), which the simulator
// lacks: App() is captured and launched by hand, and a Page becomes a
// Component whose `attached` runs the page's onLoad/onShow/onReady. Taps then
// travel through Taro's own event handler into React and back via setData.

export const DIST = path.resolve(__dirname, '..', '..', '..', 'dist')

type Simulate = typeof import('miniprogram-simulate')
type PageOptions = Record<string, unknown> & {
  onLoad?: (query: Record<string, string>) => void
  onShow?: () => void
  onReady?: () => void
}

export interface WxMocks {
  callFunction: jest.Mock
  cloudInit: jest.Mock
  makePhoneCall: jest.Mock
  redirectTo: jest.Mock
  navigateTo: jest.Mock
  /** wx.cloud.uploadFile: answers with a cloud:// fileID for the cloudPath. */
  uploadFile: jest.Mock
  /** The FileSystemManager's saveFile: keeps a temp file, answers `saved://<temp path>`. */
  saveFile: jest.Mock
  canvasToTempFilePath: jest.Mock
  showToast: jest.Mock
  /** The signature canvas the page's selector query finds: its 2D context records each call. */
  canvas: FakeCanvasNode
  /** wx storage (the simulator's own keeps nothing). */
  storage: Map<string, unknown>
}

/** One drawing call on the fake 2D context, e.g. ['lineTo', 30, 40]. */
export type PenCall = [string, ...unknown[]]

export interface FakeCanvasNode {
  width: number
  height: number
  calls: PenCall[]
  getContext: jest.Mock
}

/**
 * The simulator's selector query has no `node`: this stands for a weapp
 * <canvas type="2d"> node (300 x 200 CSS px) and its 2D context.
 */
export function fakeCanvasNode(): FakeCanvasNode {
  const calls: PenCall[] = []
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args])
    }
  const pen = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    ...Object.fromEntries(['fillRect', 'beginPath', 'moveTo', 'lineTo', 'arc', 'stroke', 'fill', 'scale', 'setTransform'].map((name) => [name, record(name)])),
  }
  return { width: 300, height: 150, calls, getContext: jest.fn(() => pen) }
}

/** wx.createSelectorQuery answering `#signature-canvas` with the fake canvas node. */
function selectorQuery(canvas: FakeCanvasNode): jest.Mock {
  return jest.fn(() => {
    let selector = ''
    const query = {
      in: () => query,
      select(found: string) {
        selector = found
        return query
      },
      fields() {
        return query
      },
      exec(callback?: (results: unknown[]) => void) {
        const found = selector === '#signature-canvas' ? { node: canvas, width: 300, height: 200 } : null
        setTimeout(() => callback?.([found]), 0)
        return query
      },
    }
    return query
  })
}

export interface Weapp {
  simulate: Simulate
  wx: WxMocks
  /** Renders a page of dist/ (e.g. 'pages/home/index') attached to a parent. */
  /** `query`: what the page is opened with (its onLoad options, useRouter().params). */
  renderPage: (route: string, query?: Record<string, string>) => ReturnType<Simulate['render']>
}

/** A promise-style wx API that also honours success/complete callbacks. */
function wxAsync(result: Record<string, unknown> = { errMsg: 'ok' }): jest.Mock {
  return jest.fn((options: { success?: (r: unknown) => void; complete?: (r: unknown) => void } = {}) => {
    options.success?.(result)
    options.complete?.(result)
    return Promise.resolve(result)
  })
}

/**
 * Loads dist/app.js once per test file (jest gives each file fresh modules and
 * globals). `callFunction` answers wx.cloud.callFunction; `moreWx` adds or
 * replaces wx APIs before the app loads (Taro reads which exist then).
 */
export function loadWeapp(callFunction: (options: { name: string; data: Record<string, unknown> }) => unknown, moreWx: Record<string, unknown> = {}): Weapp {
  // Requiring the simulator installs its wx API mocks and Component().
  const simulate = jest.requireActual('miniprogram-simulate') as Simulate
  const g = globalThis as unknown as Record<string, unknown>
  const wx = g.wx as Record<string, unknown>

  const mocks: WxMocks = {
    cloudInit: jest.fn(),
    callFunction: jest.fn(async (options: { name: string; data: Record<string, unknown>; success?: (r: unknown) => void }) => {
      const response = { errMsg: 'cloud.callFunction:ok', result: await callFunction(options) }
      options.success?.(response)
      return response
    }),
    makePhoneCall: wxAsync({ errMsg: 'makePhoneCall:ok' }),
    redirectTo: wxAsync({ errMsg: 'redirectTo:ok' }),
    navigateTo: wxAsync({ errMsg: 'navigateTo:ok' }),
    uploadFile: jest.fn(async (options: { cloudPath: string; success?: (r: unknown) => void }) => {
      const response = { errMsg: 'cloud.uploadFile:ok', fileID: `cloud://env.bucket/${options.cloudPath}`, statusCode: 200 }
      options.success?.(response)
      return response
    }),
    saveFile: jest.fn((options: { tempFilePath: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      const response = { errMsg: 'saveFile:ok', savedFilePath: `saved://${options.tempFilePath}` }
      options.success?.(response)
      options.complete?.(response)
    }),
    canvasToTempFilePath: wxAsync({ errMsg: 'canvasToTempFilePath:ok', tempFilePath: 'wxfile://tmp/signature.png' }),
    showToast: wxAsync({ errMsg: 'showToast:ok' }),
    canvas: fakeCanvasNode(),
    storage: new Map(),
  }
  // Taro reads the wx API list when its runtime loads: mock before dist/app.js.
  wx.cloud = { init: mocks.cloudInit, callFunction: mocks.callFunction, uploadFile: mocks.uploadFile }
  wx.makePhoneCall = mocks.makePhoneCall
  wx.redirectTo = mocks.redirectTo
  wx.navigateTo = mocks.navigateTo
  wx.hideHomeButton = wxAsync({ errMsg: 'hideHomeButton:ok' })
  wx.showToast = mocks.showToast
  wx.canvasToTempFilePath = mocks.canvasToTempFilePath
  wx.createSelectorQuery = selectorQuery(mocks.canvas)
  wx.getFileSystemManager = () => ({ saveFile: mocks.saveFile, removeSavedFile: (options: { complete?: () => void }) => options.complete?.() })
  const copy = (value: unknown) => (value === undefined ? '' : JSON.parse(JSON.stringify(value)))
  wx.getStorageSync = (key: string) => (mocks.storage.has(key) ? copy(mocks.storage.get(key)) : '')
  wx.setStorageSync = (key: string, value: unknown) => mocks.storage.set(key, copy(value))
  wx.removeStorageSync = (key: string) => mocks.storage.delete(key)

  Object.assign(wx, moreWx)

  let app: Record<string, (...args: unknown[]) => unknown> | null = null
  g.App = (options: Record<string, (...args: unknown[]) => unknown>) => {
    app = options
  }
  g.getApp = () => app
  const pages: Record<string, unknown>[] = []
  let opening: Record<string, string> = {}
  g.getCurrentPages = () => pages
  g.Page = (options: PageOptions) => {
    const Component = g.Component as (definition: Record<string, unknown>) => void
    Component({
      data: options.data,
      methods: options,
      lifetimes: {
        attached(this: Record<string, unknown> & PageOptions) {
          pages.push(this)
          this.onLoad?.(opening)
          this.onShow?.()
          this.onReady?.()
        },
      },
    })
  }

  jest.requireActual(path.join(DIST, 'app.js'))
  if (!app) throw new Error('dist/app.js did not call App()')
  const launched = app as Record<string, (...args: unknown[]) => unknown>
  const launch = { path: 'pages/home/index', query: {}, scene: 1001 }
  launched.onLaunch?.call(launched, launch)
  launched.onShow?.call(launched, launch)

  // A page's chunk runs (and calls Page()) only once per process: load each
  // route once and render that definition as often as needed.
  const loaded = new Map<string, string>()
  return {
    simulate,
    wx: mocks,
    renderPage(route: string, query: Record<string, string> = {}) {
      opening = query
      const id = loaded.get(route) ?? simulate.load(path.join(DIST, route), { rootPath: DIST })
      loaded.set(route, id)
      const page = simulate.render(id)
      page.attach(document.createElement('parent-wrapper'))
      return page
    },
  }
}

/** Polls until `find` returns something (the page renders asynchronously). */
export async function waitFor<T>(find: () => T | null | undefined, timeoutMs = 3000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const found = find()
    if (found) return found
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the page')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
