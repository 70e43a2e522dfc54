// aggregate() through the real node-sdk: the stages and accumulators the app
// may use, CloudBase's default of 20 results, and refusal of unknown stages.
import { rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb
let db: ReturnType<LocalTcb['app']['database']>

beforeAll(async () => {
  local = await startLocalTcb({ collections: [{ name: 'visits', indexes: [{ name: 'village_1', keys: { village: 1 } }] }, { name: 'villages', indexes: [] }] })
  db = local.app.database()
  await db.collection('visits').add([
    { village: 'v1', household: 'h1', n: 1, at: new Date('2024-01-01'), tags: ['a', 'b'] },
    { village: 'v1', household: 'h1', n: 2, at: new Date('2024-01-02'), tags: ['a'] },
    { village: 'v1', household: 'h2', n: 3, at: new Date('2024-01-03'), tags: [] },
    { village: 'v2', household: 'h3', n: 4, at: new Date('2024-01-04'), tags: ['c'] },
  ])
  await db.collection('villages').add([
    { _id: 'v1', name: '东村' },
    { _id: 'v2', name: '西村' },
  ])
})
afterAll(() => local.stop())

test('match, group with every accumulator, and sort', async () => {
  const $ = db.command.aggregate
  const { data } = await db
    .collection('visits')
    .aggregate()
    .match({ village: db.command.in(['v1', 'v2']) })
    .group({
      _id: '$village',
      total: $.sum('$n'),
      visits: $.sum(1),
      avg: $.avg('$n'),
      min: $.min('$n'),
      max: $.max('$n'),
      first: $.first('$household'),
      last: $.last('$household'),
      all: $.push('$n'),
      households: $.addToSet('$household'),
      latest: $.max('$at'),
    })
    .sort({ _id: 1 })
    .end()
  expect(data).toEqual([
    { _id: 'v1', total: 6, visits: 3, avg: 2, min: 1, max: 3, first: 'h1', last: 'h2', all: [1, 2, 3], households: ['h1', 'h2'], latest: new Date('2024-01-03') },
    { _id: 'v2', total: 4, visits: 1, avg: 4, min: 4, max: 4, first: 'h3', last: 'h3', all: [4], households: ['h3'], latest: new Date('2024-01-04') },
  ])
})

test('project, addFields, skip, limit and count', async () => {
  const $ = db.command.aggregate
  const projected = await db
    .collection('visits')
    .aggregate()
    .sort({ n: -1 })
    .skip(1)
    .limit(2)
    .addFields({ double: $.multiply(['$n', 2]) })
    .project({ _id: 0, n: 1, double: 1 })
    .end()
  expect(projected.data).toEqual([
    { n: 3, double: 6 },
    { n: 2, double: 4 },
  ])
  const counted = await db.collection('visits').aggregate().match({ village: 'v1' }).count('visits').end()
  expect(counted.data).toEqual([{ visits: 3 }])
})

test('unwind and lookup', async () => {
  const unwound = await db.collection('visits').aggregate().match({ village: 'v1' }).unwind('$tags').group({ _id: '$tags', n: db.command.aggregate.sum(1) }).sort({ _id: 1 }).end()
  expect(unwound.data).toEqual([
    { _id: 'a', n: 2 },
    { _id: 'b', n: 1 },
  ])
  const joined = await db
    .collection('visits')
    .aggregate()
    .match({ village: 'v2' })
    .lookup({ from: 'villages', localField: 'village', foreignField: '_id', as: 'villageDoc' })
    .project({ _id: 0, household: 1, 'villageDoc.name': 1 })
    .end()
  expect(joined.data).toEqual([{ household: 'h3', villageDoc: [{ name: '西村' }] }])
})

test('without a limit stage at most 20 results come back, as on CloudBase', async () => {
  await db.createCollection('many')
  await db.collection('many').add(Array.from({ length: 30 }, (_, i) => ({ i })))
  expect((await db.collection('many').aggregate().match({}).end()).data).toHaveLength(20)
  expect((await db.collection('many').aggregate().match({}).limit(30).end()).data).toHaveLength(30)
})

test('an unsupported stage is refused with its name', async () => {
  const err = await rejection(db.collection('visits').aggregate().geoNear({ distanceField: 'd', near: new db.Geo.Point(1, 2) }).end())
  expect(err.code).toBe('DATABASE_INVALID_OPERRATOR')
  expect(err.message).toContain('"$geoNear"')
})

test('an unsupported accumulator is refused with its name', async () => {
  const err = await rejection(db.collection('visits').aggregate().group({ _id: null, x: { $median: '$n' } }).end())
  expect(err.message).toContain('"$median"')
})

test('aggregating a missing collection is refused', async () => {
  expect((await rejection(db.collection('nope').aggregate().match({}).end())).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
})
