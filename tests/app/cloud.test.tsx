import { DEFAULT_MESSAGES } from '../../domain/errors'
import { callFunction, LOCAL_OPENID_KEY, newRequestId } from '../../src/services/cloud'
import { ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

describe('callFunction on weapp (wx.cloud)', () => {
  it('sends { action, payload, requestId } to the named function and returns its envelope', async () => {
    taroMock.cloud.callFunction = jest.fn(async () => ({ errMsg: 'cloud.callFunction:ok', result: ok({ n: 1 }) }))
    const reply = await callFunction('account', 'updateProfile', { name: '李' }, { requestId: 'req-123456789abc' })
    expect(reply).toEqual(ok({ n: 1 }))
    expect(taroMock.cloud.callFunction).toHaveBeenCalledWith({
      name: 'account',
      data: { action: 'updateProfile', payload: { name: '李' }, requestId: 'req-123456789abc' },
    })
  })

  it('sends a read without a requestId and with an empty payload', async () => {
    taroMock.cloud.callFunction = jest.fn(async () => ({ result: ok([]) }))
    await callFunction('account', 'listInvites')
    expect(taroMock.cloud.callFunction).toHaveBeenCalledWith({ name: 'account', data: { action: 'listInvites', payload: {} } })
  })

  it('passes a refusal through unchanged', async () => {
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: '你没有权限' } }
    taroMock.cloud.callFunction = jest.fn(async () => ({ result: refusal }))
    expect(await callFunction('account', 'listInvites')).toEqual(refusal)
  })

  it('turns a call that never got through into NETWORK instead of throwing', async () => {
    taroMock.cloud.callFunction = jest.fn(async () => {
      throw new Error('cloud.callFunction:fail request:fail timeout')
    })
    expect(await callFunction('account', 'me')).toEqual({ ok: false, error: { code: 'NETWORK', message: DEFAULT_MESSAGES.NETWORK } })
  })

  it('turns a reply that is not an envelope into INTERNAL', async () => {
    taroMock.cloud.callFunction = jest.fn(async () => ({ result: 'Internal Server Error' }))
    const reply = await callFunction('account', 'me')
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.code).toBe('INTERNAL')
  })

  it('initialises wx.cloud once, before the first call', async () => {
    await jest.isolateModulesAsync(async () => {
      // A fresh copy of the service (and of the mock it talks to): nothing initialised yet.
      const { taroMock: freshTaro } = await import('../support/taro-mock')
      const cloud = await import('../../src/services/cloud')
      const order: string[] = []
      freshTaro.cloud.init = jest.fn(() => order.push('init'))
      freshTaro.cloud.callFunction = jest.fn(async () => {
        order.push('call')
        return { result: ok(null) }
      })
      await cloud.callFunction('account', 'me')
      await cloud.callFunction('account', 'me')
      expect(order).toEqual(['init', 'call', 'call'])
      expect(freshTaro.cloud.init).toHaveBeenCalledWith({ traceUser: true })
    })
  })
})

describe('callFunction on H5 (the local gateway)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5'
  })

  it("posts to /api/fn/<name> as the demo user stored under 'local-openid'", async () => {
    taroMock.getStorageSync = jest.fn((key: string) => (key === LOCAL_OPENID_KEY ? 'openid-cadre-1' : ''))
    taroMock.request = jest.fn(async () => ({ statusCode: 200, data: ok({ userId: 'u-9' }) }))
    const reply = await callFunction('account', 'redeemInvite', { code: 'K7XM3QPA' }, { requestId: 'req-abcdefghijkl' })
    expect(reply).toEqual(ok({ userId: 'u-9' }))
    expect(taroMock.request).toHaveBeenCalledWith({
      url: '/api/fn/account',
      method: 'POST',
      data: { action: 'redeemInvite', payload: { code: 'K7XM3QPA' }, requestId: 'req-abcdefghijkl' },
      header: { 'Content-Type': 'application/json', 'X-Local-Openid': 'openid-cadre-1' },
    })
    expect(taroMock.cloud.callFunction).not.toHaveBeenCalled()
  })

  it('sends someone with no demo user chosen to /local/signin, without calling', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const reply = await callFunction('account', 'signIn', {}, { requestId: 'req-abcdefghijkl' })
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.code).toBe('UNAUTHENTICATED')
    expect(taroMock.request).not.toHaveBeenCalled()
    // jsdom cannot leave the page; it reports the attempt instead.
    expect(consoleError.mock.calls.some(([error]) => String((error as Error)?.message ?? error).includes('navigation'))).toBe(true)
    consoleError.mockRestore()
  })

  it('passes the gateway\'s refusal through, and a crashed gateway becomes INTERNAL', async () => {
    taroMock.getStorageSync = jest.fn((_key: string) => 'openid-1')
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: '你没有权限进行这项操作，如需开通请联系镇反诈办' } }
    taroMock.request = jest.fn(async () => ({ statusCode: 200, data: refusal }))
    expect(await callFunction('account', 'listInvites')).toEqual(refusal)

    taroMock.request = jest.fn(async () => ({ statusCode: 502, data: null }))
    const reply = await callFunction('account', 'listInvites')
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.code).toBe('INTERNAL')
  })

  it('turns a failed request into NETWORK', async () => {
    taroMock.getStorageSync = jest.fn((_key: string) => 'openid-1')
    taroMock.request = jest.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const reply = await callFunction('account', 'me')
    expect(reply).toEqual({ ok: false, error: { code: 'NETWORK', message: DEFAULT_MESSAGES.NETWORK } })
  })
})

describe('newRequestId', () => {
  it('makes distinct ids of at least 16 URL-safe characters', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRequestId()))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
  })

  it('still works where there is no WebCrypto (the mini-program engine)', () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
    try {
      expect(newRequestId()).toMatch(/^[A-Za-z0-9_-]{22}$/)
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original)
    }
  })
})
