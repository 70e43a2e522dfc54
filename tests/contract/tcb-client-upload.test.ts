// Client uploads (the local stand-in for wx.cloud.uploadFile) under the
// project's storage rule (database/storage-rules.json), and the file owners the
// rule reads: kept in the SQLite file, '' for the admin SDK's uploads, dropped
// with the file.
import fs from 'fs'
import path from 'path'
import { createTcbServer } from '../../local/tcb-server'
import { compileRule, STORAGE_VARIABLES } from '../../local/rules'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb

beforeAll(async () => {
  local = await startLocalTcb({ collections: [] })
})
afterAll(() => local.stop())

const ALICE = 'o-alice'
const BOB = 'o-bob'
const signaturePath = (requestId: string) => `visits/v-xinhua/u_${'a1'.repeat(12)}/${requestId}/signature.png`
const upload = (openid: string | null, cloudPath: string, text = 'png bytes') => local.server.uploadAsClient({ openid, cloudPath, content: Buffer.from(text) })
const stored = (cloudPath: string) => fs.readFileSync(path.join(local.dataDir, 'storage', cloudPath), 'utf8')

test('a signed-in user uploads to a path the rule allows and gets its fileID', async () => {
  const cloudPath = signaturePath('req-new-0001')
  expect(await upload(ALICE, cloudPath)).toEqual({ ok: true, fileID: `cloud://local.local-storage/${cloudPath}` })
  expect(stored(cloudPath)).toBe('png bytes')
})

test('the uploader may overwrite their own file; another user may not', async () => {
  const cloudPath = signaturePath('req-owned-0001')
  await upload(ALICE, cloudPath, 'first')
  expect(await upload(ALICE, cloudPath, 'retry')).toMatchObject({ ok: true })
  expect(await upload(BOB, cloudPath, 'forged')).toMatchObject({ ok: false, reason: 'denied' })
  expect(stored(cloudPath)).toBe('retry')
})

test('an anonymous client may not upload', async () => {
  expect(await upload(null, signaturePath('req-anon-0001'))).toMatchObject({ ok: false, reason: 'denied' })
  expect(await upload('', signaturePath('req-anon-0002'))).toMatchObject({ ok: false, reason: 'denied' })
  expect(fs.existsSync(path.join(local.dataDir, 'storage', signaturePath('req-anon-0001')))).toBe(false)
})

test('paths outside the rule are denied, malformed ones are invalid, and neither writes anything', async () => {
  for (const cloudPath of ['exports/v-xinhua/archive.xlsx', `visits/v-xinhua/u_${'a1'.repeat(12)}/req-svg-0001/x.svg`, 'index.html']) {
    expect(await upload(ALICE, cloudPath)).toMatchObject({ ok: false, reason: 'denied' })
  }
  for (const cloudPath of ['../local.db', 'visits/../../local.db', '/visits/a.png', 'visits//a.png', 'a\\b.png', 'a\nb.png', 'a%2e.png', '']) {
    expect(await upload(ALICE, cloudPath)).toMatchObject({ ok: false, reason: 'invalid-path' })
  }
  expect(fs.readdirSync(path.join(local.dataDir, 'storage')).sort()).toEqual(['visits'])
})

test('a file the admin SDK uploaded belongs to no client', async () => {
  const cloudPath = signaturePath('req-admin-0001')
  await local.app.uploadFile({ cloudPath, fileContent: Buffer.from('from a function') })
  expect(await upload(ALICE, cloudPath)).toMatchObject({ ok: false, reason: 'denied' })
  expect(stored(cloudPath)).toBe('from a function')
})

test('the admin SDK may overwrite a client file, which then belongs to no client', async () => {
  const cloudPath = signaturePath('req-takeover-01')
  await upload(ALICE, cloudPath, 'client')
  await local.app.uploadFile({ cloudPath, fileContent: Buffer.from('admin') })
  expect(await upload(ALICE, cloudPath)).toMatchObject({ ok: false, reason: 'denied' })
})

test('deleting a file drops its owner: the path is new again', async () => {
  const cloudPath = signaturePath('req-deleted-01')
  const uploaded = await upload(ALICE, cloudPath)
  expect(await upload(BOB, cloudPath)).toMatchObject({ ok: false, reason: 'denied' })
  await local.app.deleteFile({ fileList: [uploaded.ok ? uploaded.fileID : ''] })
  expect(await upload(BOB, cloudPath, 'bob')).toMatchObject({ ok: true })
  expect(stored(cloudPath)).toBe('bob')
})

test('owners survive a restart of the server', async () => {
  const cloudPath = signaturePath('req-restart-01')
  await upload(ALICE, cloudPath)
  const again = createTcbServer({ dataDir: local.dataDir })
  try {
    expect(await again.uploadAsClient({ openid: BOB, cloudPath, content: Buffer.from('x') })).toMatchObject({ ok: false, reason: 'denied' })
    expect(await again.uploadAsClient({ openid: ALICE, cloudPath, content: Buffer.from('x') })).toMatchObject({ ok: true })
  } finally {
    await again.close()
  }
})

test('another rule can be passed in (here: any signed-in user, anywhere)', async () => {
  const open = await startLocalTcb({
    collections: [],
    storageRules: { read: compileRule(false, STORAGE_VARIABLES), write: compileRule('auth != null', STORAGE_VARIABLES) },
  })
  try {
    expect(await open.server.uploadAsClient({ openid: ALICE, cloudPath: 'anything/at/all.txt', content: Buffer.from('x') })).toMatchObject({ ok: true })
    expect(await open.server.uploadAsClient({ openid: null, cloudPath: 'anything/else.txt', content: Buffer.from('x') })).toMatchObject({ ok: false, reason: 'denied' })
  } finally {
    await open.stop()
  }
})
