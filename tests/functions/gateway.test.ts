import type { AddressInfo } from 'net'
import { join } from 'path'
import { main as account } from '../../cloudfunctions/account'
import { main as maintenance } from '../../cloudfunctions/maintenance'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
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
    admin: h.local.app,
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

  it('cannot reach a timer-only function through HTTP, signed in or not (its invoke rule is false)', async () => {
    const anonymous = await post('/api/fn/maintenance', JSON.stringify({ Type: 'Timer', TriggerName: 'nightly' }))
    expect(await anonymous.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const signedIn = await post('/api/fn/maintenance', JSON.stringify({ Type: 'Timer', TriggerName: 'nightly' }), { 'X-Local-Openid': 'demo-office' })
    expect(await signedIn.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('never serves the local database API on the app port', async () => {
    for (const path of ['/admin', '/admin/', '/storage/../admin', '/api/../admin']) {
      const res = await post(path, JSON.stringify({ action: 'database.getDocument', collectionName: 'visits', queryType: 'WHERE', query: '{}' }))
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('residentName')
    }
  })

  it('answers nesting, bad percent-encoding and malformed URLs with a 4xx envelope', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
    const nested = await post('/api/fn/account', JSON.stringify({ action: 'me', payload: 'x' }).replace('"x"', deep), { 'X-Local-Openid': 'demo-office' })
    expect(nested.status).toBe(400)
    expect(await nested.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'payload' } })
    const badName = await post('/api/fn/%E0%A4%A', '{}', { 'X-Local-Openid': 'demo-office' })
    expect(badName.status).toBe(400)
    expect(await badName.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await fetch(`${base}/js/%E0%A4%A.js`)).status).toBe(400)
  })
  it('lists the demo users for scripts and the sign-in page', async () => {
    const res = await fetch(`${base}/api/local/users`)
    expect(await res.json()).toEqual({ users: [{ openid: 'demo-office', name: '陈主任', role: '镇反诈办', detail: '' }] })
    const page = await (await fetch(`${base}/local/signin`)).text()
    expect(page).toContain('选择演示用户')
    expect(page).toContain('data-openid="demo-office"')
  })

  const CADRE_SIGNATURE = `visits/v-xinhua/${userIdFor('demo-cadre')}/req-gateway-0001/signature.png`
  const upload = (cloudPath: string, openid: string | null, bytes = 'PNGDATA') => {
    const form = new FormData()
    form.append('cloudPath', cloudPath)
    form.append('file', new Blob([Buffer.from(bytes)], { type: 'image/png' }), 'one.png')
    return fetch(`${base}/api/upload`, { method: 'POST', body: form, headers: openid ? { 'X-Local-Openid': openid } : {} })
  }

  it('stores an H5 upload at a path the storage rule allows and answers with a cloud:// fileID', async () => {
    const res = await upload(CADRE_SIGNATURE, 'demo-cadre')
    const body = (await res.json()) as { fileID: string }
    expect(body.fileID).toBe(`cloud://local.local-storage/${CADRE_SIGNATURE}`)
    const { fileContent } = await h.local.app.downloadFile({ fileID: body.fileID })
    expect(String(fileContent)).toBe('PNGDATA')
  })

  it('lets nobody else overwrite a file, and nobody upload outside the allowed paths', async () => {
    await upload(CADRE_SIGNATURE, 'demo-cadre', 'ORIGINAL')
    const overwrite = await upload(CADRE_SIGNATURE, 'demo-resident', 'FORGED')
    expect(overwrite.status).toBe(403)
    expect(await overwrite.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const { fileContent } = await h.local.app.downloadFile({ fileID: `cloud://local.local-storage/${CADRE_SIGNATURE}` })
    expect(String(fileContent)).toBe('ORIGINAL')
    for (const cloudPath of ['exports/archive/v-xinhua/x.xlsx', 'a.svg', `visits/v-xinhua/${userIdFor('demo-cadre')}/req-gateway-0002/page.svg`]) {
      expect((await upload(cloudPath, 'demo-cadre')).status).toBe(403)
    }
  })

  it('refuses uploads from callers who never signed in, and malformed paths, with an envelope', async () => {
    expect((await upload(CADRE_SIGNATURE, null)).status).toBe(401)
    expect((await upload(`visits/v-xinhua/${userIdFor('wx-never-signed-in')}/req-gateway-0003/signature.png`, 'wx-never-signed-in')).status).toBe(401)
    for (const cloudPath of ['a/../../etc/passwd', 'visits//v-xinhua/x.png', 'visits/./v-xinhua/x.png', '/abs.png']) {
      const res = await upload(cloudPath, 'demo-cadre')
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'cloudPath' } })
    }
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
