// Query and update semantics where MongoDB (and so CloudBase) is exact about
// them, through the real node-sdk: the two kinds of $elemMatch, what
// updateAndReturn counts, field names starting with $, paging values out of
// range, and the operators the local server refuses by name.
import type { LineString as GeoLineString } from '@cloudbase/database/dist/commonjs/geo/lineString'
import type { Polygon as GeoPolygon } from '@cloudbase/database/dist/commonjs/geo/polygon'
import { post, rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb
let db: ReturnType<LocalTcb['app']['database']>

beforeAll(async () => {
  local = await startLocalTcb({ collections: [{ name: 'items', indexes: [] }, { name: 'places', indexes: [] }] })
  db = local.app.database()
})
afterAll(() => local.stop())

const items = () => db.collection('items')

describe('$elemMatch (MongoDB: a query document matches embedded documents; operators match each element)', () => {
  beforeAll(async () => {
    await items().add([
      { _id: 'scalars', arr: [1, 2, 3] },
      { _id: 'documents', arr: [{ a: 1 }, { a: 5 }] },
      { _id: 'strings', arr: ['x', 'y'] },
      { _id: 'mixed', arr: [1, { a: 9 }] },
    ])
  })
  afterAll(() => items().where({}).remove())
  const ids = async (query: Record<string, unknown>) => (await items().where(query).orderBy('_id', 'asc').get()).data.map((d) => d._id)

  test('a query-document condition matches only arrays of embedded documents, never scalars', async () => {
    const _ = db.command
    expect(await ids({ arr: _.elemMatch({ a: 1 }) })).toEqual(['documents'])
    expect(await ids({ arr: _.elemMatch({ a: _.gt(0) }) })).toEqual(['documents', 'mixed'])
    expect(await ids({ arr: _.elemMatch({ a: 3 }) })).toEqual([])
    expect(await ids({ arr: _.elemMatch({ $or: [{ a: 1 }, { a: 9 }] }) })).toEqual(['documents', 'mixed'])
  })

  test('an operator condition tests each element itself, scalars included', async () => {
    const _ = db.command
    expect(await ids({ arr: _.elemMatch(_.gte(2)) })).toEqual(['scalars'])
    expect(await ids({ arr: _.elemMatch({ $in: ['y', 3] }) })).toEqual(['scalars', 'strings'])
  })
})

describe('updateAndReturn', () => {
  test('counts the matched document as updated even when the update leaves it as it was (findAndModify)', async () => {
    await items().add({ _id: 'same', n: 1 })
    const res = await items().where({ _id: 'same' }).updateAndReturn({ n: 1 })
    expect(res.updated).toBe(1)
    expect(res.doc).toEqual({ _id: 'same', n: 1 })
    expect((await items().where({ _id: 'nobody' }).updateAndReturn({ n: 1 })).updated).toBe(0)
  })

  test('update() keeps counting only documents it changed', async () => {
    await items().add({ _id: 'unchanged', n: 1 })
    expect((await items().doc('unchanged').update({ n: 1 })).updated).toBe(0)
  })
})

describe('field names starting with $ are refused with DATABASE_REQUEST_FAILED, as MongoDB refuses to store them', () => {
  test('in add(), at the top or nested', async () => {
    for (const doc of [{ $where: 'x' }, { nested: { $x: 1 } }, { list: [{ $y: 1 }] }]) {
      const err = await rejection(items().add(doc))
      expect(err.code).toBe('DATABASE_REQUEST_FAILED')
      expect(err.message).toMatch(/The dollar \(\$\) prefixed field '\$\w+' in '[\w.$]+' is not valid for storage/)
    }
    expect((await items().where({ nested: db.command.exists(true) }).count()).total).toBe(0)
  })

  test('in set() and in the result of update()', async () => {
    await items().add({ _id: 'dollar', ok: 1 })
    expect((await rejection(items().doc('dollar').set({ inner: { $bad: 1 } }))).code).toBe('DATABASE_REQUEST_FAILED')
    expect((await rejection(items().doc('dollar').update({ inner: { $bad: 1 } }))).code).toBe('DATABASE_REQUEST_FAILED')
    expect((await items().doc('dollar').get()).data).toEqual([{ _id: 'dollar', ok: 1 }])
  })
})

describe('skip() and limit() beyond a safe integer', () => {
  test('are refused with INVALID_PARAM instead of reaching the database', async () => {
    for (const query of [items().skip(1e21), items().skip(2 ** 53), items().where({ n: 1 }).skip(1e21)]) {
      const err = await rejection(query.get())
      expect(err.code).toBe('INVALID_PARAM')
      expect(err.message).toMatch(/safe integer/)
    }
    // node-sdk caps limit() at 1000 itself; another client can still send more.
    const raw = await post(local.serviceUrl, { action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', limit: 1e21 }, { credentials: local.credentials })
    expect(raw.code).toBe('INVALID_PARAM')
  })

  test('in aggregate(), $skip and $limit take safe integers too ($limit a positive one)', async () => {
    for (const pipeline of [items().aggregate().skip(1e21), items().aggregate().limit(1e21), items().aggregate().limit(0), items().aggregate().skip(-1)]) {
      expect((await rejection(pipeline.end())).code).toBe('INVALID_PARAM')
    }
  })

  test('a large safe skip is an empty page', async () => {
    expect((await items().skip(2 ** 53 - 1).get()).data).toEqual([])
  })
})

describe('operators the local server does not implement are refused by name (DATABASE_INVALID_OPERRATOR)', () => {
  const refused = async (promise: Promise<unknown>, operator: string) => {
    const err = await rejection(promise)
    expect(err.code).toBe('DATABASE_INVALID_OPERRATOR')
    expect(err.message).toContain(`"${operator}"`)
    expect(err.message).toContain('local tcb-server')
  }

  test('$jsonSchema', async () => {
    await refused(items().where(db.command.jsonSchema({ required: ['n'] })).get(), '$jsonSchema')
  })

  test('$geoWithin with a polygon or a centerSphere, $geoIntersects, $nearSphere and the $geoNear stage', async () => {
    const _ = db.command
    // The SDK's Geo type declares only Point; LineString and Polygon are there at run time.
    const { Point, LineString, Polygon } = db.Geo as typeof db.Geo & { LineString: typeof GeoLineString; Polygon: typeof GeoPolygon }
    const square = new Polygon([new LineString([new Point(0, 0), new Point(1, 0), new Point(1, 1), new Point(0, 1), new Point(0, 0)])])
    await refused(db.collection('places').where({ at: _.geoWithin({ geometry: square }) }).get(), '$geoWithin')
    await refused(db.collection('places').where({ at: _.geoWithin({ centerSphere: [new Point(0, 0), 0.01] }) }).get(), '$geoWithin')
    await refused(db.collection('places').where({ at: _.geoIntersects({ geometry: square }) }).count(), '$geoIntersects')
    await refused(db.collection('places').where({ at: _.geoNear({ geometry: new Point(0, 0), maxDistance: 10 }) }).get(), '$nearSphere')
    await refused(db.collection('places').aggregate().geoNear({ distanceField: 'd', near: new Point(0, 0), spherical: true }).end(), '$geoNear')
  })
})
