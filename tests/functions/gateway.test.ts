import type { AddressInfo } from 'net'
import { join } from 'path'
import { main as account } from '../../cloudfunctions/account'
import { main as maintenance } from '../../cloudfunctions/maintenance'
import { createGateway } from '../../local/gateway/server'
import { startScheduler } from '../../local/runtime/scheduler'
import { startFunctionHarness, type Harness } from '../support/functions'

let h: Harness
let base: string
let close: () => Promise<void>

beforeAll(async () => {
  h = await startFunctionHarness()
  const gateway = createGateway({
    functions: [
      { name: 'account', main: account, config: {} },
      { name: 'maintenance', main: maintenance, config: {} },
    ],
    tcb: h.local.server,
    storage: () => h.local.app,
    staticDir: join(__dirname, 'fixtures', 'h5'),
    demoUsers: [{ openid: 'demo-office', name: '陈主任', role: '镇反诈办', detail: '' }],
  })
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
  close = () => new Promise((resolve) => gateway.close(() => resolve()))
})
afterAll(async () => {
  await close()
  await h.stop()
})

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

describe('local gateway', () => {
  it('calls a function as the signed-in local user and answers with the envelope', async () => {
    const res = await post('/api/fn/account', JSON.stringify({ action: 'me' }), { 'X-Local-Openid': 'demo-office' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, data: { name: '陈主任', roles: ['resident', 'office'] } })
  })

  it('answers without the sign-in header as an unauthenticated caller', async () => {
    const res = await post('/api/fn/account', JSON.stringify({ action: 'me' }))
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('answers malformed JSON with 400 and the envelope, and keeps serving', async () => {
    const res = await post('/api/fn/account', '{"action": "me",', { 'X-Local-Openid': 'demo-office' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const next = await post('/api/fn/account', JSON.stringify({ action: 'me' }), { 'X-Local-Openid': 'demo-office' })
    expect(next.status).toBe(200)
  })

  it('answers an unknown function with NOT_FOUND', async () => {
    const res = await post('/api/fn/nope', '{}')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('refuses a body over 1 MB with the envelope', async () => {
    const res = await post('/api/fn/account', JSON.stringify({ action: 'me', payload: 'x'.repeat(1_200_000) }))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'payload' } })
  })

  it('cannot reach a timer through HTTP, signed in or not', async () => {
    const anonymous = await post('/api/fn/maintenance', JSON.stringify({ Type: 'Timer', TriggerName: 'nightly' }))
    expect(await anonymous.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const signedIn = await post('/api/fn/maintenance', JSON.stringify({ Type: 'Timer', TriggerName: 'nightly' }), { 'X-Local-Openid': 'demo-office' })
    expect(await signedIn.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('lists the demo users for scripts and the sign-in page', async () => {
    const res = await fetch(`${base}/api/local/users`)
    expect(await res.json()).toEqual({ users: [{ openid: 'demo-office', name: '陈主任', role: '镇反诈办', detail: '' }] })
    const page = await (await fetch(`${base}/local/signin`)).text()
    expect(page).toContain('选择演示用户')
    expect(page).toContain('data-openid="demo-office"')
  })

  it('stores an H5 upload and answers with a cloud:// fileID that the SDK can download', async () => {
    const form = new FormData()
    form.append('cloudPath', 'signatures/test/one.png')
    form.append('file', new Blob([Buffer.from('PNGDATA')], { type: 'image/png' }), 'one.png')
    const res = await fetch(`${base}/api/upload`, { method: 'POST', body: form, headers: { 'X-Local-Openid': 'demo-cadre' } })
    const body = (await res.json()) as { fileID: string }
    expect(body.fileID).toMatch(/^cloud:\/\/.+\/signatures\/test\/one\.png$/)
    const { fileContent } = await h.local.app.downloadFile({ fileID: body.fileID })
    expect(String(fileContent)).toBe('PNGDATA')
  })

  it('refuses uploads without sign-in or with a path escaping storage', async () => {
    const unsigned = await fetch(`${base}/api/upload`, { method: 'POST', body: JSON.stringify({ cloudPath: 'a.png', base64: 'AA==' }) })
    expect(unsigned.status).toBe(401)
    const escaping = await fetch(`${base}/api/upload`, {
      method: 'POST',
      body: JSON.stringify({ cloudPath: 'a/../../etc/passwd', base64: 'AA==' }),
      headers: { 'X-Local-Openid': 'demo-cadre' },
    })
    expect(await escaping.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'cloudPath' } })
  })

  it('serves the H5 build and nothing outside it', async () => {
    expect(await (await fetch(`${base}/`)).text()).toContain('h5 fixture')
    expect((await fetch(`${base}/..%2F..%2Fpackage.json`)).status).toBe(404)
  })
})

describe('timer scheduler', () => {
  it('runs a function whose trigger fires every second', async () => {
    const events: unknown[] = []
    const stop = startScheduler(
      [{ name: 'tick', main: async (event) => ({ ok: true, data: event }), config: { triggers: [{ name: 'each', type: 'timer', config: '* * * * * * *' }] } }],
      { onRun: (_fn, _trigger, result) => events.push(result) },
    )
    await new Promise((resolve) => setTimeout(resolve, 1300))
    stop()
    expect(events.length).toBeGreaterThanOrEqual(1)
    expect(events[0]).toMatchObject({ ok: true, data: { Type: 'Timer', TriggerName: 'each' } })
  })
})
