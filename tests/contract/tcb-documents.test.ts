// Document operations of the local CloudBase through the real node-sdk:
// collections, add/get/set/update/remove, queries, paging, projection, count,
// batch writes, update operators, dates, and the errors CloudBase gives.
import { post, rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb
let db: ReturnType<LocalTcb['app']['database']>

beforeAll(async () => {
  local = await startLocalTcb({
    collections: [
      { name: 'people', indexes: [{ name: 'openid_1', keys: { openid: 1 }, unique: true }, { name: 'town_age', keys: { town: 1, age: -1 } }] },
      { name: 'things', indexes: [] },
    ],
  })
  db = local.app.database()
})
afterAll(() => local.stop())

const fresh = async (name: string) => {
  await db.createCollection(name)
  return db.collection(name)
}

describe('collections', () => {
  test('createCollection makes a collection that accepts writes', async () => {
    const c = await fresh('created')
    const { id } = await c.add({ a: 1 })
    expect((await c.doc(id as string).get()).data).toEqual([{ _id: id, a: 1 }])
  })

  test('writing to a collection that does not exist is refused with DATABASE_COLLECTION_NOT_EXIST', async () => {
    const err = await rejection(db.collection('never_created').add({ a: 1 }))
    expect(err.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect(err.message).toContain('never_created')
    expect((await rejection(db.collection('never_created').doc('x').set({ a: 1 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })

  test('reading a collection that does not exist is refused too', async () => {
    expect((await rejection(db.collection('never_created').get())).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })

  test('creating an existing collection is refused', async () => {
    expect((await rejection(db.createCollection('people'))).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
  })
})

describe('add, get, set, update, remove', () => {
  test('add returns a 32-hex id and the document reads back with it', async () => {
    const c = await fresh('single_add')
    const { id } = await c.add({ name: '张三', n: 1.5, ok: true, nothing: null, list: [1, 'a'], nested: { x: { y: 2 } } })
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    const { data } = await c.doc(id as string).get()
    expect(data).toEqual([{ _id: id, name: '张三', n: 1.5, ok: true, nothing: null, list: [1, 'a'], nested: { x: { y: 2 } } }])
  })

  test('batch add inserts every document and returns their ids in order', async () => {
    const c = await fresh('batch_add')
    const { ids } = await c.add([{ i: 1 }, { i: 2 }, { _id: 'mine', i: 3 }])
    expect(ids).toHaveLength(3)
    expect(ids?.[2]).toBe('mine')
    expect((await c.count()).total).toBe(3)
  })

  test('adding a duplicate _id is refused with an E11000 duplicate key error', async () => {
    const c = await fresh('dup_id')
    await c.add({ _id: 'same', v: 1 })
    const err = await rejection(c.add({ _id: 'same', v: 2 }))
    expect(err.code).toBe('DATABASE_REQUEST_FAILED')
    expect(err.message).toMatch(/^E11000 duplicate key error collection: dup_id index: _id_ dup key: \{ _id: "same" \}/)
    expect((await c.doc('same').get()).data[0].v).toBe(1)
  })

  test('a batch holding a duplicate inserts nothing', async () => {
    const c = await fresh('dup_batch')
    await c.add({ _id: 'x' })
    await rejection(c.add([{ _id: 'new1' }, { _id: 'x' }]))
    expect((await c.count()).total).toBe(1)
  })

  test('violating a unique index is refused with E11000 naming the index and key', async () => {
    await db.collection('people').add({ openid: 'o-unique', town: 't' })
    const err = await rejection(db.collection('people').add({ openid: 'o-unique', town: 'u' }))
    expect(err.message).toContain('E11000 duplicate key error collection: people index: openid_1 dup key: { openid: "o-unique" }')
  })

  test('an update that would duplicate a unique key is refused and changes nothing', async () => {
    const { id } = await db.collection('people').add({ openid: 'o-upd-1' })
    await db.collection('people').add({ openid: 'o-upd-2' })
    expect((await rejection(db.collection('people').doc(id as string).update({ openid: 'o-upd-2' }))).message).toContain('E11000')
    expect((await db.collection('people').doc(id as string).get()).data[0].openid).toBe('o-upd-1')
  })

  test('a unique index refuses a second document missing the field, as MongoDB does', async () => {
    await db.createCollection('uniq_missing')
    local.server.ensureCollections([{ name: 'uniq_missing', indexes: [{ name: 'code_1', keys: { code: 1 }, unique: true } ] }])
    await db.collection('uniq_missing').add({ a: 1 })
    expect((await rejection(db.collection('uniq_missing').add({ a: 2 }))).message).toContain('dup key: { code: null }')
  })

  test('doc(id).get of a missing document returns an empty list', async () => {
    expect((await db.collection('things').doc('missing').get()).data).toEqual([])
  })

  test('set() replaces the whole document, keeping _id', async () => {
    const c = await fresh('set_replace')
    await c.add({ _id: 'd', a: 1, nested: { x: 1, y: 2 } })
    const res = await c.doc('d').set({ nested: { x: 9 } })
    expect(res.updated).toBe(1)
    expect((await c.doc('d').get()).data).toEqual([{ _id: 'd', nested: { x: 9 } }])
  })

  test('set() on a missing id creates the document and reports upsertedId', async () => {
    const c = await fresh('set_upsert')
    const res = await c.doc('new-id').set({ a: 1 })
    expect(res.upsertedId).toBe('new-id')
    expect((await c.doc('new-id').get()).data).toEqual([{ _id: 'new-id', a: 1 }])
  })

  test('update() merges nested objects field by field; _.set() replaces a nested object', async () => {
    const c = await fresh('update_merge')
    const _ = db.command
    await c.add({ _id: 'd', keep: 1, nested: { x: 1, y: 2 } })
    await c.doc('d').update({ nested: { x: 5 }, added: true })
    expect((await c.doc('d').get()).data[0]).toEqual({ _id: 'd', keep: 1, nested: { x: 5, y: 2 }, added: true })
    await c.doc('d').update({ nested: _.set({ z: 1 }) })
    expect((await c.doc('d').get()).data[0].nested).toEqual({ z: 1 })
  })

  test('update() of a missing document updates nothing and creates nothing', async () => {
    const c = await fresh('update_missing')
    expect((await c.doc('ghost').update({ a: 1 })).updated).toBe(0)
    expect((await c.count()).total).toBe(0)
  })

  test('update() reports updated 0 when nothing changes, as MongoDB does', async () => {
    const c = await fresh('update_same')
    await c.add({ _id: 'd', a: 1 })
    expect((await c.doc('d').update({ a: 1 })).updated).toBe(0)
    expect((await c.doc('d').update({ a: 2 })).updated).toBe(1)
  })

  test('remove() deletes the document', async () => {
    const c = await fresh('remove_one')
    await c.add({ _id: 'd' })
    expect((await c.doc('d').remove()).deleted).toBe(1)
    expect((await c.doc('d').remove()).deleted).toBe(0)
    expect((await c.doc('d').get()).data).toEqual([])
  })

  test('a document with a $-prefixed field name is refused', async () => {
    expect((await rejection(db.collection('things').add({ $where: 'x' }))).code).toBe('DATABASE_REQUEST_FAILED')
  })

  test('numeric ids work and stay distinct from string ids', async () => {
    const c = await fresh('numeric_ids')
    await c.add([{ _id: 1, kind: 'number' }, { _id: '1', kind: 'string' }])
    expect((await c.doc(1).get()).data[0].kind).toBe('number')
    expect((await c.doc('1').get()).data[0].kind).toBe('string')
  })
})

describe('update operators', () => {
  test('inc, mul, set, remove, push, pull, addToSet, pop, shift, unshift, min, max, rename', async () => {
    const c = await fresh('update_ops')
    const _ = db.command
    await c.add({ _id: 'd', n: 1, m: 3, gone: 'x', list: [1, 2, 3, 2], set: ['a'], lo: 5, hi: 5, old: 'v' })
    await c.doc('d').update({
      n: _.inc(2),
      m: _.mul(2),
      fresh: _.set({ deep: true }),
      gone: _.remove(),
      list: _.pull(2),
      set: _.addToSet('a'),
      lo: _.min(3),
      hi: _.max(9),
      old: _.rename('renamed'),
    })
    await c.doc('d').update({ list: _.push([7, 8]), set: _.addToSet('b') })
    await c.doc('d').update({ list: _.pop() })
    await c.doc('d').update({ list: _.unshift([0]) })
    await c.doc('d').update({ list: _.shift() })
    const doc = (await c.doc('d').get()).data[0]
    expect(doc).toEqual({ _id: 'd', n: 3, m: 6, fresh: { deep: true }, list: [1, 3, 7], set: ['a', 'b'], lo: 3, hi: 9, renamed: 'v' })
  })

  test('inc on a missing field starts from zero', async () => {
    const c = await fresh('inc_missing')
    await c.add({ _id: 'd' })
    await c.doc('d').update({ counters: { visits: db.command.inc(1) } })
    expect((await c.doc('d').get()).data[0].counters).toEqual({ visits: 1 })
  })

  test('an unsupported update operator is refused with its name', async () => {
    const c = await fresh('bad_update')
    await c.add({ _id: 'd', b: 1 })
    const err = await rejection(c.doc('d').update({ b: db.command.bit({ and: 1 }) }))
    expect(err.code).toBe('DATABASE_INVALID_OPERRATOR')
    expect(err.message).toContain('"$bit"')
  })
})

describe('queries', () => {
  let c: ReturnType<typeof db.collection>
  beforeAll(async () => {
    c = await fresh('query_ops')
    await c.add([
      { _id: 'a', n: 1, s: 'apple', tags: ['red', 'fruit'], nested: { v: 10 }, flag: true, opt: null },
      { _id: 'b', n: 2, s: 'banana', tags: ['yellow', 'fruit'], nested: { v: 20 }, flag: false },
      { _id: 'c', n: 3, s: 'cherry', tags: ['red'], nested: { v: 30 }, flag: 1 },
      { _id: 'd', n: '3', s: 'date', items: [{ k: 1 }, { k: 2 }] },
    ])
  })
  const ids = async (q: ReturnType<typeof c.where>) => (await q.orderBy('_id', 'asc').get()).data.map((d) => d._id)

  test('eq and neq, including values of other types', async () => {
    const _ = db.command
    expect(await ids(c.where({ n: 3 }))).toEqual(['c'])
    expect(await ids(c.where({ n: _.eq('3') }))).toEqual(['d'])
    expect(await ids(c.where({ n: _.neq(3) }))).toEqual(['a', 'b', 'd'])
  })

  test('gt, gte, lt, lte compare within one type, as MongoDB does', async () => {
    const _ = db.command
    expect(await ids(c.where({ n: _.gt(1) }))).toEqual(['b', 'c'])
    expect(await ids(c.where({ n: _.gte(1).and(_.lt(3)) }))).toEqual(['a', 'b'])
    expect(await ids(c.where({ n: _.lte(2) }))).toEqual(['a', 'b'])
    expect(await ids(c.where({ s: _.gt('b') }))).toEqual(['b', 'c', 'd'])
  })

  test('in and nin', async () => {
    const _ = db.command
    expect(await ids(c.where({ n: _.in([1, 3]) }))).toEqual(['a', 'c'])
    expect(await ids(c.where({ n: _.nin([1, 3]) }))).toEqual(['b', 'd'])
  })

  test('and, or across fields', async () => {
    const _ = db.command
    expect(await ids(c.where(_.or([{ n: 1 }, { s: 'cherry' }])))).toEqual(['a', 'c'])
    expect(await ids(c.where(_.and([{ tags: 'fruit' }, { n: _.gt(1) }])))).toEqual(['b'])
  })

  test('exists distinguishes a null value from a missing field', async () => {
    const _ = db.command
    expect(await ids(c.where({ opt: _.exists(true) }))).toEqual(['a'])
    expect(await ids(c.where({ opt: null }))).toEqual(['a', 'b', 'c', 'd'])
    expect(await ids(c.where({ tags: _.exists(false) }))).toEqual(['d'])
  })

  test('nested paths, by object or dotted key', async () => {
    const _ = db.command
    expect(await ids(c.where({ nested: { v: _.gte(20) } }))).toEqual(['b', 'c'])
    expect(await ids(c.where({ 'nested.v': 10 }))).toEqual(['a'])
  })

  test('equality on an array field matches any element; dotted paths reach into arrays of objects', async () => {
    expect(await ids(c.where({ tags: 'red' }))).toEqual(['a', 'c'])
    expect(await ids(c.where({ 'items.k': 2 }))).toEqual(['d'])
  })

  test('booleans do not match the numbers 1 and 0', async () => {
    expect(await ids(c.where({ flag: true }))).toEqual(['a'])
    expect(await ids(c.where({ flag: 1 }))).toEqual(['c'])
  })

  test('regular expressions', async () => {
    expect(await ids(c.where({ s: /an/ }))).toEqual(['b'])
    expect(await ids(c.where({ s: db.RegExp({ regexp: '^A', options: 'i' }) }))).toEqual(['a'])
  })

  test('orderBy on several keys, skip and limit', async () => {
    const rows = (await c.where({}).orderBy('tags', 'desc').orderBy('_id', 'desc').get()).data.map((d) => d._id)
    expect(rows).toHaveLength(4)
    const page = (await c.orderBy('s', 'desc').skip(1).limit(2).get()).data.map((d) => d._id)
    expect(page).toEqual(['c', 'b'])
  })

  test('field() projects the requested fields and keeps _id', async () => {
    const { data } = await c.where({ _id: 'a' }).field({ s: true, 'nested.v': true }).get()
    expect(data).toEqual([{ _id: 'a', s: 'apple', nested: { v: 10 } }])
    const one = await c.doc('b').field({ n: true }).get()
    expect(one.data).toEqual([{ _id: 'b', n: 2 }])
  })

  test('count() counts matches', async () => {
    expect((await c.where({ tags: 'fruit' }).count()).total).toBe(2)
    expect((await c.count()).total).toBe(4)
  })

  test('an unsupported query operator is refused with its name, never answered', async () => {
    const err = await rejection(c.where({ loc: db.command.geoNear({ geometry: new db.Geo.Point(1, 2) }) }).get())
    expect(err.code).toBe('DATABASE_INVALID_OPERRATOR')
    expect(err.message).toContain('"$nearSphere"')
    expect(local.server.usage().unsupported).toContain('query:$nearSphere')
  })
})

describe('paging limits', () => {
  test('get() returns 100 documents by default and at most 1000', async () => {
    const c = await fresh('paging')
    await c.add(Array.from({ length: 1100 }, (_, i) => ({ i })))
    expect((await c.get()).data).toHaveLength(100)
    expect((await c.limit(1000).get()).data).toHaveLength(1000)
    const raw = await post(local.serviceUrl, { action: 'database.getDocument', collectionName: 'paging', queryType: 'WHERE', limit: 5000 }, { credentials: local.credentials })
    expect(((raw.data as { list: unknown[] }).list).length).toBe(1000)
    expect((await c.skip(1050).limit(1000).get()).data).toHaveLength(50)
  })
})

describe('batch writes', () => {
  test('where().update() updates every match; where().remove() removes every match', async () => {
    const c = await fresh('batch_writes')
    await c.add([{ g: 1 }, { g: 1 }, { g: 2 }])
    expect((await c.where({ g: 1 }).update({ seen: true })).updated).toBe(2)
    expect((await c.where({ seen: true }).count()).total).toBe(2)
    expect((await c.where({ g: 1 }).remove()).deleted).toBe(2)
    expect((await c.count()).total).toBe(1)
  })

  test('updateAndReturn (modifyAndReturnDoc) returns the document after the update', async () => {
    const c = await fresh('modify_return')
    await c.add({ _id: 'counter', seq: 1 })
    const res = await c.where({ _id: 'counter' }).updateAndReturn({ seq: db.command.inc(1) })
    expect(res.updated).toBe(1)
    expect(res.doc).toEqual({ _id: 'counter', seq: 2 })
  })

  test('50 concurrent inc() updates of one document add exactly 50', async () => {
    const c = await fresh('concurrent_inc')
    await c.add({ _id: 'n', v: 0 })
    await Promise.all(Array.from({ length: 50 }, () => c.doc('n').update({ v: db.command.inc(1) })))
    expect((await c.doc('n').get()).data[0].v).toBe(50)
  })
})

describe('dates', () => {
  test('Date values round-trip as Date objects, nested and in arrays', async () => {
    const c = await fresh('dates')
    const at = new Date('2024-05-06T07:08:09.123Z')
    const old = new Date('1901-01-01T00:00:00.000Z')
    await c.add({ _id: 'd', at, list: [at], deep: { old } })
    const doc = (await c.doc('d').get()).data[0]
    expect(doc.at).toBeInstanceOf(Date)
    expect(doc.at.getTime()).toBe(at.getTime())
    expect(doc.list[0]).toEqual(at)
    expect(doc.deep.old).toEqual(old)
  })

  test('non-finite numbers round-trip and compare as numbers', async () => {
    const c = await fresh('special_values')
    await c.add({ _id: 'd', inf: Infinity, ninf: -Infinity })
    const doc = (await c.doc('d').get()).data[0]
    expect(doc.inf).toBe(Infinity)
    expect(doc.ninf).toBe(-Infinity)
    expect((await c.where({ inf: db.command.gt(1e308) }).count()).total).toBe(1)
  })

  test('serverDate() is the server time, shifted by its offset', async () => {
    const c = await fresh('server_dates')
    const before = Date.now()
    await c.add({ _id: 'd', now: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })
    const after = Date.now()
    const doc = (await c.doc('d').get()).data[0]
    expect(doc.now.getTime()).toBeGreaterThanOrEqual(before)
    expect(doc.now.getTime()).toBeLessThanOrEqual(after)
    expect(doc.later.getTime() - doc.now.getTime()).toBe(60_000)
    await c.doc('d').update({ touched: db.serverDate() })
    expect((await c.doc('d').get()).data[0].touched).toBeInstanceOf(Date)
  })

  test('date ranges compare by time and never match other types', async () => {
    const c = await fresh('date_range')
    const _ = db.command
    await c.add([
      { _id: 'early', at: new Date('2024-01-01') },
      { _id: 'late', at: new Date('2024-06-01') },
      { _id: 'number', at: 1 },
      { _id: 'string', at: '2024-03-01' },
    ])
    const found = await c.where({ at: _.gt(new Date('2024-03-01')) }).get()
    expect(found.data.map((d) => d._id)).toEqual(['late'])
    expect((await c.where({ at: _.lt(db.serverDate()) }).count()).total).toBe(2)
  })
})

describe('protocol errors', () => {
  test('an unknown action is refused with INVALID_ACTION naming it', async () => {
    const reply = await post(local.serviceUrl, { action: 'database.dropEverything', collectionName: 'people' }, { credentials: local.credentials })
    expect(reply.code).toBe('INVALID_ACTION')
    expect(reply.message).toContain('database.dropEverything')
    expect(local.server.usage().unsupported).toContain('action:database.dropEverything')
  })

  test('a request for another env is refused with INVALID_ENV', async () => {
    const reply = await post(local.serviceUrl, { envName: 'prod-123', action: 'database.getDocument', collectionName: 'people' }, { credentials: local.credentials })
    expect(reply.code).toBe('INVALID_ENV')
  })

  test('usage() lists the actions and operators seen', () => {
    const usage = local.server.usage()
    expect(usage.actions).toEqual(expect.arrayContaining(['database.insertDocument', 'database.getDocument', 'database.modifyAndReturnDoc']))
    expect(usage.queryOperators).toEqual(expect.arrayContaining(['$gt', '$in', '$or']))
    expect(usage.updateOperators).toEqual(expect.arrayContaining(['$inc', '$push', '$unset']))
  })
})
