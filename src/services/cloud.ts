import Taro from '@tarojs/taro'
import { fail, type Reply } from '../../domain/errors'

// The only module that knows which platform runs: weapp calls CloudBase through
// wx.cloud; the H5 build (local use and browser tests) posts the same
// `{ action, payload, requestId }` to the local gateway, which runs the same
// function code. Every outcome comes back as a Reply: pages never see a throw.

/** Where the local gateway's sign-in page stores the chosen demo user. */
export const LOCAL_OPENID_KEY = 'local-openid'
/** The local gateway's page that lists demo users (not a Taro route). */
export const LOCAL_SIGNIN_PATH = '/local/signin'

export interface CallOptions {
  /** Required for writes; pass the same id again when retrying the same write. */
  requestId?: string
  /**
   * A public read may go out without identity (an article opened from
   * Moments, or locally a poster's link in a browser nobody signed in on):
   * then no sign-in is asked for.
   */
  anonymous?: boolean
}

interface CallData {
  action: string
  payload: unknown
  requestId?: string
}

export async function callFunction<T>(
  name: string,
  action: string,
  payload: unknown = {},
  options: CallOptions = {},
): Promise<Reply<T>> {
  const data: CallData = { action, payload }
  if (options.requestId) data.requestId = options.requestId
  return process.env.TARO_ENV === 'h5' ? callGateway<T>(name, data, options.anonymous === true) : callCloud<T>(name, data)
}

let cloudReady = false

/**
 * Connects wx.cloud once. CLOUD_ENV is fixed at build time
 * (`CLOUD_ENV=<env id> npm run build:weapp`); when it is empty, init() gets no
 * env and wx.cloud uses the AppID's default environment, which suits an
 * account with one environment. No-op on H5.
 */
export function initCloud(): void {
  if (process.env.TARO_ENV === 'h5' || cloudReady) return
  const env = typeof CLOUD_ENV === 'string' ? CLOUD_ENV : ''
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

async function callCloud<T>(name: string, data: CallData): Promise<Reply<T>> {
  try {
    initCloud()
    const response = await Taro.cloud.callFunction({ name, data: data as unknown as Record<string, unknown> })
    return asReply<T>(response?.result)
  } catch {
    // wx.cloud rejects when the request did not get through (or timed out):
    // the write may or may not have happened, so the caller retries with the
    // same requestId.
    return fail('NETWORK')
  }
}

async function callGateway<T>(name: string, data: CallData, anonymous: boolean): Promise<Reply<T>> {
  const openid = readLocalOpenid()
  if (!openid && !anonymous) {
    openLocalSignIn({ replace: true })
    return fail('UNAUTHENTICATED', '请先选择一个演示用户')
  }
  try {
    const response = await Taro.request({
      url: `/api/fn/${encodeURIComponent(name)}`,
      method: 'POST',
      data,
      header: { 'Content-Type': 'application/json', ...(openid ? { 'X-Local-Openid': openid } : {}) },
    })
    const reply = asReply<T>(response?.data)
    // The stored demo user is unknown to the gateway (e.g. after a reset): pick again.
    if (!reply.ok && reply.error.code === 'UNAUTHENTICATED') openLocalSignIn({ replace: true })
    if (!reply.ok && reply.error.code === 'NETWORK' && response.statusCode >= 500) return fail('INTERNAL')
    return reply
  } catch {
    return fail('NETWORK')
  }
}

/** H5: whether a demo user was picked in this browser (the local stand-in for a WeChat login). */
export function hasLocalIdentity(): boolean {
  return readLocalOpenid() !== ''
}

/** The local gateway's sign-in header, for requests that bypass callFunction (H5 uploads). */
export function localIdentityHeader(): Record<string, string> {
  const openid = readLocalOpenid()
  return openid ? { 'X-Local-Openid': openid } : {}
}

function readLocalOpenid(): string {
  try {
    const value: unknown = Taro.getStorageSync(LOCAL_OPENID_KEY)
    return typeof value === 'string' ? value : ''
  } catch {
    return ''
  }
}

/** A body that is not the protocol's envelope means the function failed. */
function asReply<T>(body: unknown): Reply<T> {
  if (body && typeof body === 'object' && 'ok' in body) {
    const reply = body as Reply<T>
    if (reply.ok === true) return reply
    if (reply.ok === false && reply.error && typeof reply.error.message === 'string') return reply
  }
  if (body === undefined || body === null || body === '') return fail('NETWORK')
  return fail('INTERNAL')
}

/** The demo-user switcher exists only in the local H5 build. */
export function canSwitchLocalUser(): boolean {
  return process.env.TARO_ENV === 'h5'
}

/** Leaves the app for the gateway's sign-in page (H5 only). */
export function openLocalSignIn({ replace = false }: { replace?: boolean } = {}): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return
  if (replace) window.location.replace(LOCAL_SIGNIN_PATH)
  else window.location.assign(LOCAL_SIGNIN_PATH)
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const ID_LENGTH = 22

/**
 * A fresh id for one write (22 chars of [A-Za-z0-9_-], about 132 bits).
 * WebCrypto where the platform has it; the mini-program engine has no
 * synchronous CSPRNG, and an id only has to be unique, not secret.
 */
export function newRequestId(): string {
  const bytes = new Uint8Array(ID_LENGTH)
  const cryptoApi = typeof crypto !== 'undefined' ? crypto : undefined
  if (cryptoApi && typeof cryptoApi.getRandomValues === 'function') {
    cryptoApi.getRandomValues(bytes)
  } else {
    for (let i = 0; i < ID_LENGTH; i += 1) bytes[i] = Math.floor(Math.random() * 256)
  }
  let id = ''
  for (let i = 0; i < ID_LENGTH; i += 1) id += ID_ALPHABET[bytes[i] & 63]
  return id
}
