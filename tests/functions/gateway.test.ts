import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs'
import { get, type IncomingHttpHeaders } from 'http'
import type { AddressInfo } from 'net'
import { tmpdir } from 'os'
import { join } from 'path'
import { brotliDecompressSync, gunzipSync } from 'zlib'
import { main as account } from '../../cloudfunctions/account'
import { main as maintenance } from '../../cloudfunctions/maintenance'
import { addGrants, sendMessage } from '../../cloudfunctions/_lib/notify'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { createGateway } from '../../local/gateway/server'
import { signInPage } from '../../local/gateway/signin-page'
import { DEMO_USERS } from '../../local/seed/demo-town'
import { DISTRICT_DEMO_USERS } from '../../local/seed/district'
import { WORK_TOOLS } from '../../src/features/work/tools'
import { can } from '../../domain/access'
import { startScheduler } from '../../local/runtime/scheduler'
import { startFunctionHarness, type Harness } from '../support/functions'

let h: Harness
let base: string
let close: () => Promise<void>

// A small H5 build: index.html and hashed assets as Taro names them.
const h5 = mkdtempSync(join(tmpdir(), 'gateway-h5-'))
const INDEX = `<!DOCTYPE html><title>h5 fixture</title>${'<p>全民反诈 正在加载…</p>'.repeat(40)}`
const APP_JS = `console.log(${JSON.stringify('全民反诈 '.repeat(500))})`
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)])
writeFileSync(join(h5, 'index.html'), INDEX)
mkdirSync(join(h5, 'js'))
mkdirSync(join(h5, 'css'))
mkdirSync(join(h5, 'static'))
writeFileSync(join(h5, 'js', 'app.1a2b3c4d.js'), APP_JS)
writeFileSync(join(h5, 'css', 'app.0123456789abcdef0123.css'), `.page{color:#1a1a1a}${'.card{margin:0}'.repeat(100)}`)
writeFileSync(join(h5, 'static', 'logo.png'), PNG)

beforeAll(async () => {
  h = await startFunctionHarness()
  const gateway = createGateway({
    functions: [
      { name: 'account', main: account, config: {} },
      { name: 'maintenance', main: maintenance, config: {} },
    ],
    tcb: h.local.server,
    admin: h.local.app,
    staticDir: h5,
    demoUsers: [{ openid: 'demo-office', name: '陈主任', role: '镇反诈办', detail: '' }],
  })
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
  close = () => new Promise((resolve) => gateway.close(() => resolve()))
})
afterAll(async () => {
  await close()
  await h.stop()
  rmSync(h5, { recursive: true, force: true })
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

  it('describes each demo user by what their roles can do today: their 工作 tools and no others', () => {
    const page = signInPage(DEMO_USERS)
    for (const user of DEMO_USERS) {
      expect(page).toContain(user.detail)
      const named = WORK_TOOLS.filter((tool) => user.detail.includes(tool.title)).map((tool) => tool.key)
      const given = WORK_TOOLS.filter((tool) => tool.path !== null && can(user.roles, tool.capability)).map((tool) => tool.key)
      expect({ user: user.openid, named }).toEqual({ user: user.openid, named: given })
    }
    // The district's demo user names its one tool; the second town's office says it is confined to its town.
    for (const user of DISTRICT_DEMO_USERS) {
      const given = WORK_TOOLS.filter((tool) => can(user.roles, tool.capability))
      if (user.roles.includes('district')) expect(given.map((tool) => tool.title).filter((title) => !user.detail.includes(title))).toEqual([])
      else expect(user.detail).toContain('只限石门镇')
    }
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

  it('shows at /local/outbox the messages WeChat would have delivered, to whom, newest first', async () => {
    const recipient = { openid: 'demo-unit-head', userId: userIdFor('demo-unit-head') }
    await addGrants(h.db, recipient.userId, ['reminder'])
    expect(await sendMessage(h.db, recipient, 'reminder', { village: '新华村', progress: '已覆盖12%，目标20%', deadline: '2027年2月28日', advice: '还需走访94户' })).toEqual({ outcome: 'sent' })
    const page = await (await fetch(`${base}/local/outbox`)).text()
    expect(page).toContain('入户进度督导提醒')
    expect(page).toContain('周敏')
    expect(page).toContain('已覆盖12%，目标20%')
    expect(page).toContain('href="/#/pages/staff/progress/index"')
    expect(await (await fetch(`${base}/local/outbox?openid=demo-office`)).text()).toContain('还没有消息')
  })

  it('serves the H5 build and nothing outside it', async () => {
    expect(await (await fetch(`${base}/`)).text()).toContain('h5 fixture')
    expect((await fetch(`${base}/..%2F..%2Fpackage.json`)).status).toBe(404)
  })
})

/** A GET as the bytes arrive: fetch would undo the compression. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    }).on('error', reject)
  })
}

describe('the H5 build over the local gateway', () => {
  it('sends gzip to a browser that takes gzip, and brotli to one that takes brotli', async () => {
    const gzipped = await raw('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate' })
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzipped.body).toString()).toBe(APP_JS)
    expect(gzipped.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 4)
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length)
    expect(gzipped.headers.vary).toBe('Accept-Encoding')

    const brotli = await raw('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br, zstd' })
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(brotli.body).toString()).toBe(APP_JS)

    const index = await raw('/', { 'accept-encoding': 'br;q=0, gzip' })
    expect(index.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(index.body).toString()).toBe(INDEX)
  })

  it('sends files as they are to a client that takes no compression, and never compresses images', async () => {
    const asks: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'gzip;q=0, br;q=0' }]
    for (const headers of asks) {
      const plain = await raw('/js/app.1a2b3c4d.js', headers)
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.body.toString()).toBe(APP_JS)
      // Caches keep compressed and plain answers apart.
      expect(plain.headers.vary).toBe('Accept-Encoding')
    }
    const image = await raw('/static/logo.png', { 'accept-encoding': 'gzip, br' })
    expect(image.headers['content-encoding']).toBeUndefined()
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.body.equals(PNG)).toBe(true)
  })

  it('lets browsers keep hashed assets for good and makes them revalidate index.html', async () => {
    for (const path of ['/js/app.1a2b3c4d.js', '/css/app.0123456789abcdef0123.css']) {
      expect((await raw(path)).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    }
    const index = await raw('/')
    expect(index.headers['cache-control']).toBe('no-cache')
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(index.headers.etag).toMatch(/^"[\w-]+"$/)
    // Not every file of a build carries a hash: those are revalidated too.
    expect((await raw('/static/logo.png')).headers['cache-control']).toBe('no-cache')
  })

  it('answers a revisit of index.html with 304 until it changes', async () => {
    const first = await raw('/', { 'accept-encoding': 'gzip' })
    const etag = String(first.headers.etag)
    const again = await raw('/', { 'accept-encoding': 'gzip', 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers.etag).toBe(etag)
    expect(again.headers['cache-control']).toBe('no-cache')
    // Each encoding is its own representation with its own tag.
    const plain = await raw('/', { 'if-none-match': etag })
    expect(plain.status).toBe(200)
    expect(plain.headers.etag).not.toBe(etag)

    writeFileSync(join(h5, 'index.html'), INDEX.replace('h5 fixture', 'h5 fixture, rebuilt'))
    try {
      const rebuilt = await raw('/', { 'accept-encoding': 'gzip', 'if-none-match': etag })
      expect(rebuilt.status).toBe(200)
      expect(gunzipSync(rebuilt.body).toString()).toContain('rebuilt')
      expect(rebuilt.headers.etag).not.toBe(etag)
    } finally {
      writeFileSync(join(h5, 'index.html'), INDEX)
    }
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await fetch(`${base}/js/app.1a2b3c4d.js`, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await res.text()).toBe('')
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
