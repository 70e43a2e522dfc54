// The server on its worker thread, as `npm start` runs it: the public port (a
// gateway mounting handle()) forwards only downloads; the database API and
// uploads live on the thread's private port behind a fresh key per start; client
// uploads cross the thread boundary without any route.
import tcb from '@cloudbase/node-sdk'
import fs from 'fs'
import http from 'http'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import { startTcbServerThread, type TcbServerThread } from '../../local/tcb-server/thread'
import { post, rejection } from './helpers'

let dataDir: string
let thread: TcbServerThread
let gateway: http.Server
let publicUrl: string
let app: ReturnType<typeof tcb.init>

beforeAll(async () => {
  process.env.TENCENTCLOUD = 'true'
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcb-thread-'))
  thread = await startTcbServerThread({ dataDir, collections: [{ name: 'residents', indexes: [] }] })
  gateway = http.createServer((req, res) => {
    if (thread.handle(req, res)) return
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ gateway: 'not found' }))
  })
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
  publicUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
  thread.setPublicUrl(publicUrl)
  app = tcb.init({ env: 'local', serviceUrl: thread.serviceUrl, ...thread.credentials })
  await app.database().collection('residents').add({ _id: 'r1', name: '张阿姨' })
}, 30_000)

afterAll(async () => {
  gateway.closeAllConnections()
  await new Promise<void>((resolve) => gateway.close(() => resolve()))
  await thread.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const read = { action: 'database.getDocument', collectionName: 'residents', queryType: 'WHERE', query: '{}' }

test('each start has its own random key', async () => {
  expect(thread.credentials.secretId).toMatch(/^AKID[0-9a-f]{32}$/)
  const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcb-thread-'))
  const other = await startTcbServerThread({ dataDir: otherDir, collections: [] })
  try {
    expect(other.credentials.secretId).not.toBe(thread.credentials.secretId)
    expect(other.credentials.secretKey).not.toBe(thread.credentials.secretKey)
  } finally {
    await other.close()
    fs.rmSync(otherDir, { recursive: true, force: true })
  }
}, 30_000)

test('/admin is not on the public port at all, signed or not', async () => {
  const unsigned = await fetch(`${publicUrl}/admin?env=local`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(read) })
  expect(unsigned.status).toBe(404)
  expect(await unsigned.json()).toEqual({ gateway: 'not found' })
  expect(await post(`${publicUrl}/admin`, read, { credentials: thread.credentials })).toEqual({ gateway: 'not found' })
  expect((await fetch(`${publicUrl}/admin`)).status).toBe(404)
  // Dot segments cannot smuggle it in either.
  expect((await fetch(`${publicUrl}/storage/local-storage/%2e%2e/%2e%2e/admin`)).status).toBe(404)
})

test('on the private port, only the SDK with this start\'s key gets data', async () => {
  expect((await app.database().collection('residents').doc('r1').get()).data).toEqual([{ _id: 'r1', name: '张阿姨' }])
  expect((await post(thread.serviceUrl, read)).code).toBe('SIGN_PARAM_INVALID')
  const stale = tcb.init({ env: 'local', serviceUrl: thread.serviceUrl, secretId: 'local', secretKey: 'local' })
  expect((await rejection(stale.database().collection('residents').get())).code).toBe('SIGN_PARAM_INVALID')
})

test('the SDK uploads to the private port; browsers download from the public one', async () => {
  const metadata = await post(thread.serviceUrl, { action: 'storage.getUploadMetadata', path: 'exports/a.xlsx', method: 'put' }, { credentials: thread.credentials })
  const privateBase = thread.serviceUrl.replace(/\/admin$/, '')
  expect((metadata.data as { url: string }).url).toBe(`${privateBase}/storage/local-storage/exports/a.xlsx`)

  const { fileID } = await app.uploadFile({ cloudPath: 'exports/archive.xlsx', fileContent: Buffer.from('PK xlsx') })
  const { fileList } = await app.getTempFileURL({ fileList: [fileID] })
  expect(fileList[0].tempFileURL.startsWith(`${publicUrl}/storage/local-storage/exports/archive.xlsx?`)).toBe(true)
  const res = await fetch(fileList[0].tempFileURL)
  expect(res.status).toBe(200)
  expect(await res.text()).toBe('PK xlsx')
  expect(res.headers.get('content-disposition')).toContain('attachment')
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect((await fetch(fileList[0].tempFileURL, { method: 'HEAD' })).status).toBe(200)
})

test('the public port forwards no upload: PUT and POST to /storage are not served', async () => {
  for (const method of ['PUT', 'POST', 'DELETE']) {
    const res = await fetch(`${publicUrl}/storage/local-storage/exports/evil.svg`, { method, body: method === 'DELETE' ? undefined : '<svg/>' })
    expect(res.status).toBe(404)
  }
  expect(fs.existsSync(path.join(dataDir, 'storage', 'exports', 'evil.svg'))).toBe(false)
})

test('uploadAsClient crosses the thread boundary and the storage rule governs it', async () => {
  const cloudPath = `visits/v-xinhua/u_${'0f'.repeat(12)}/req-thread-01/signature.png`
  const first = await thread.uploadAsClient({ openid: 'o-alice', cloudPath, content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) })
  expect(first).toEqual({ ok: true, fileID: `cloud://local.local-storage/${cloudPath}` })
  expect(fs.readFileSync(path.join(dataDir, 'storage', cloudPath))).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  expect(await thread.uploadAsClient({ openid: 'o-bob', cloudPath, content: Buffer.from('x') })).toMatchObject({ ok: false, reason: 'denied' })
  expect(await thread.uploadAsClient({ openid: null, cloudPath: 'visits/x.png', content: Buffer.from('x') })).toMatchObject({ ok: false, reason: 'denied' })
  expect(await thread.uploadAsClient({ openid: 'o-alice', cloudPath: '../local.db', content: Buffer.from('x') })).toMatchObject({ ok: false, reason: 'invalid-path' })

  const { fileList } = await app.getTempFileURL({ fileList: [first.ok ? first.fileID : ''] })
  const res = await fetch(fileList[0].tempFileURL)
  expect(res.headers.get('content-type')).toBe('image/png')
})

test('a storage rule the local stack cannot evaluate stops the start, naming the rule', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcb-thread-'))
  const rulesFile = path.join(dir, 'storage-rules.json')
  fs.writeFileSync(rulesFile, JSON.stringify({ read: false, write: 'resource.size < 1024' }))
  try {
    await expect(startTcbServerThread({ dataDir: dir, collections: [], storageRulesFile: rulesFile })).rejects.toThrow(/"write": unknown variable "resource.size"/)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}, 30_000)
