// ObjectIds through the real node-sdk (db.ObjectId), as node-sdk's own test
// against CloudBase expects them (test/database/unit/oid.test.ts): accepted as
// _id, add() answering the hex string; stored in an ordinary field, matched by
// an ObjectId and read back as the hex string; joined by $lookup. That a string
// with the same hex is a different value is MongoDB's type rule.
import { rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb
let db: ReturnType<LocalTcb['app']['database']>

const HEX = ['5f1d7b2a9c8e4b3a2d1c0b9a', '5f1d7b2a9c8e4b3a2d1c0b9b', '5f1d7b2a9c8e4b3a2d1c0b9c', '5f1d7b2a9c8e4b3a2d1c0b9d']
const oid = (id: string) => db.ObjectId({ id })

beforeAll(async () => {
  local = await startLocalTcb({ collections: [{ name: 'users', indexes: [] }, { name: 'invites', indexes: [] }] })
  db = local.app.database()
})
afterAll(() => local.stop())

test('an ObjectId is accepted as _id: add() answers its hex string and the document is found by it', async () => {
  const added = await db.collection('users').add({ _id: oid(HEX[0]), name: 'test' })
  expect(added.id).toBe(HEX[0])
  const { data } = await db.collection('users').where({ _id: oid(HEX[0]) }).get()
  expect(data).toEqual([{ _id: HEX[0], name: 'test' }])
  expect((await db.collection('users').where({ _id: oid(HEX[0]) }).update({ name: 'renamed' })).updated).toBe(1)
  expect((await db.collection('users').where({ _id: oid(HEX[0]) }).get()).data[0].name).toBe('renamed')
})

test('an ObjectId _id and a string _id with the same hex are different documents; a second ObjectId _id is a duplicate', async () => {
  await db.collection('users').add({ _id: oid(HEX[1]), kind: 'objectId' })
  await db.collection('users').add({ _id: HEX[1], kind: 'string' })
  expect((await db.collection('users').doc(HEX[1]).get()).data).toEqual([{ _id: HEX[1], kind: 'string' }])
  expect((await db.collection('users').where({ _id: oid(HEX[1]) }).get()).data).toEqual([{ _id: HEX[1], kind: 'objectId' }])
  const err = await rejection(db.collection('users').add({ _id: oid(HEX[1]) }))
  expect(err.message).toContain(`dup key: { _id: ObjectId('${HEX[1]}') }`)
})

test('an ObjectId in an ordinary field is matched by an ObjectId and reads back as its hex string', async () => {
  const { id } = await db.collection('users').add({ inviter: oid(HEX[2]) })
  const { data } = await db.collection('users').where({ inviter: oid(HEX[2]) }).get()
  expect(data).toEqual([{ _id: id, inviter: HEX[2] }])
  expect((await db.collection('users').where({ inviter: HEX[2] }).count()).total).toBe(0)
  const returned = await db.collection('users').where({ inviter: oid(HEX[2]) }).updateAndReturn({ seen: true })
  expect(returned.doc).toEqual({ _id: id, inviter: HEX[2], seen: true })
})

test('$lookup joins an ObjectId field to ObjectId _ids, and aggregate answers hex strings', async () => {
  await db.collection('invites').add({ _id: oid(HEX[3]), inviter: oid(HEX[0]), name: 'invite' })
  const { data } = await db
    .collection('invites')
    .aggregate()
    .lookup({ from: 'users', localField: 'inviter', foreignField: '_id', as: 'by' })
    .end()
  expect(data).toEqual([{ _id: HEX[3], inviter: HEX[0], name: 'invite', by: [{ _id: HEX[0], name: 'renamed' }] }])
})
