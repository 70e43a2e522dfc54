// The database API answers only requests signed with the server's key, as
// node-sdk signs them (TC3-HMAC-SHA256, valid 600 s); anything else is refused
// with SIGN_PARAM_INVALID before the action is even looked at.
import tcb from '@cloudbase/node-sdk'
import { newCredentials } from '../../local/tcb-server'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'
import { post, rejection } from './helpers'

let local: LocalTcb

beforeAll(async () => {
  local = await startLocalTcb({ collections: [{ name: 'residents', indexes: [] }] })
  await local.app.database().collection('residents').add({ _id: 'r1', name: '张阿姨', phone: '13800000000' })
})
afterAll(() => local.stop())

const read = { action: 'database.getDocument', collectionName: 'residents', queryType: 'WHERE', query: '{}' }
const now = () => Math.floor(Date.now() / 1000)

test('the SDK, signing with the server key, reads and writes', async () => {
  const db = local.app.database()
  await db.collection('residents').add({ _id: 'r2', name: '李网格' })
  expect((await db.collection('residents').doc('r2').get()).data).toEqual([{ _id: 'r2', name: '李网格' }])
  const raw = await post(local.serviceUrl, read, { credentials: local.credentials })
  expect(raw.code).toBeUndefined()
  expect((raw.data as { list: string[] }).list).toHaveLength(2)
})

test('an unsigned request gets SIGN_PARAM_INVALID and no data', async () => {
  const reply = await post(local.serviceUrl, read)
  expect(reply).toMatchObject({ requestId: 'raw', code: 'SIGN_PARAM_INVALID' })
  expect(reply.data).toBeUndefined()
})

test('a request signed with another key is refused, through the SDK too', async () => {
  expect((await post(local.serviceUrl, read, { credentials: newCredentials() })).code).toBe('SIGN_PARAM_INVALID')
  expect((await post(local.serviceUrl, read, { credentials: { ...local.credentials, secretKey: 'guessed' } })).code).toBe('SIGN_PARAM_INVALID')
  const stranger = tcb.init({ env: 'local', serviceUrl: local.serviceUrl, ...newCredentials() })
  expect((await rejection(stranger.database().collection('residents').get())).code).toBe('SIGN_PARAM_INVALID')
})

test('a signature older than the 600 s the SDK declares is refused; one just inside is accepted', async () => {
  expect((await post(local.serviceUrl, read, { credentials: local.credentials, timestamp: now() - 601 })).code).toBe('SIGN_PARAM_INVALID')
  expect((await post(local.serviceUrl, read, { credentials: local.credentials, timestamp: now() - 590 })).code).toBeUndefined()
  expect((await post(local.serviceUrl, read, { credentials: local.credentials, timestamp: now() + 3600 })).code).toBe('SIGN_PARAM_INVALID')
})

test('a signed request whose body was changed afterwards is refused', async () => {
  const reply = await post(local.serviceUrl, read, { credentials: local.credentials, sendBody: { ...read, query: '{"name":"张阿姨"}' } })
  expect(reply.code).toBe('SIGN_PARAM_INVALID')
})

test('the signature is checked before the action: an unsigned unknown action or write learns nothing and changes nothing', async () => {
  expect((await post(local.serviceUrl, { action: 'database.dropEverything' })).code).toBe('SIGN_PARAM_INVALID')
  const insert = await post(local.serviceUrl, { action: 'database.insertDocument', collectionName: 'residents', data: ['{"_id":"forged"}'] })
  expect(insert.code).toBe('SIGN_PARAM_INVALID')
  expect((await local.app.database().collection('residents').doc('forged').get()).data).toEqual([])
})

test('storage actions need the signature too', async () => {
  const reply = await post(local.serviceUrl, { action: 'storage.getUploadMetadata', path: 'exports/x.xlsx', method: 'put' })
  expect(reply.code).toBe('SIGN_PARAM_INVALID')
})
