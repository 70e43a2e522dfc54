// Aggregation expression operators as CloudBase documents them
// (docs.cloudbase.net, api-reference/server/node-sdk/database/aggregate/operators),
// through the real node-sdk: $substr/$substrBytes (a negative start gives "", a
// negative length takes the rest: the docs read a birthday's day with
// substr(['$birthday', 8, -1])), $week (weeks start on Sunday, the year's first
// Sunday starts week 1, days before it are week 0; the docs' example: 2019-05-14
// is week 19), $indexOfCP and $indexOfBytes (code point and UTF-8 byte indexes,
// null for a missing string, as MongoDB documents).
import { rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb
let db: ReturnType<LocalTcb['app']['database']>

beforeAll(async () => {
  local = await startLocalTcb({ collections: [{ name: 'texts', indexes: [] }, { name: 'days', indexes: [] }] })
  db = local.app.database()
  await db.collection('texts').add([
    { _id: 'birthday', s: '1999/12/15' },
    { _id: 'cafe', s: 'cafétéria' },
    { _id: 'chinese', s: '你好世界abc' },
    { _id: 'missing' },
  ])
})
afterAll(() => local.stop())

type Row = Record<string, unknown>

const project = async (fields: Row, ids = ['birthday', 'cafe', 'chinese', 'missing']) => {
  const { data } = (await db.collection('texts').aggregate().match({ _id: db.command.in(ids) }).sort({ _id: 1 }).project(fields).end()) as { data: Row[] }
  return Object.fromEntries(data.map(({ _id, ...rest }) => [_id, rest]))
}

test('$substr takes the rest of the string for a negative length, gives "" for a negative start, and stops at the end', async () => {
  const $ = db.command.aggregate
  const fields = {
    _id: 1,
    year: $.substr(['$s', 0, 4]),
    month: $.substr(['$s', 5, 2]),
    day: $.substr(['$s', 8, -1]),
    before: $.substr(['$s', -1, 2]),
    past: $.substr(['$s', 5, 100]),
  }
  const out = await project(fields, ['birthday', 'missing'])
  expect(out.birthday).toEqual({ year: '1999', month: '12', day: '15', before: '', past: '12/15' })
  expect(out.missing).toEqual({ year: '', month: '', day: '', before: '', past: '' })
})

test('$substrBytes counts UTF-8 bytes, takes the rest for a negative length, and refuses to cut a character', async () => {
  const $ = db.command.aggregate
  const out = await project({ _id: 1, rest: $.substrBytes(['$s', 3, -1]), first: $.substrBytes(['$s', 0, 3]) })
  expect(out.chinese).toEqual({ rest: '好世界abc', first: '你' })
  expect(out.cafe).toEqual({ rest: 'étéria', first: 'caf' })
  const err = await rejection(db.collection('texts').aggregate().match({ _id: 'chinese' }).project({ x: $.substrBytes(['$s', 1, 2]) }).end())
  expect(err.code).toBe('DATABASE_REQUEST_FAILED')
  expect(err.message).toContain('UTF-8')
})

test('$week numbers weeks from Sunday, with the days before the first Sunday in week 0', async () => {
  const days = ['2019-05-14', '2019-01-01', '2019-01-05', '2019-01-06', '2019-12-31', '2016-01-01', '2016-01-03', '2023-01-01']
  await db.collection('days').add(days.map((day) => ({ _id: day, at: new Date(`${day}T09:38:51.686Z`) })))
  await db.collection('days').add({ _id: 'no date' })
  const { data } = (await db
    .collection('days')
    .aggregate()
    .project({ week: db.command.aggregate.week('$at') })
    .limit(20)
    .end()) as { data: Row[] }
  expect(Object.fromEntries(data.map((d) => [d._id, d.week]))).toEqual({
    '2019-05-14': 19,
    '2019-01-01': 0,
    '2019-01-05': 0,
    '2019-01-06': 1,
    '2019-12-31': 52,
    '2016-01-01': 0,
    '2016-01-03': 1,
    '2023-01-01': 1,
    'no date': null,
  })
})

test('$indexOfCP counts code points and $indexOfBytes UTF-8 bytes', async () => {
  const $ = db.command.aggregate
  const out = await project({
    _id: 1,
    cp: $.indexOfCP(['$s', 'é']),
    cpFrom: $.indexOfCP(['$s', 't', 1]),
    cpNone: $.indexOfCP(['$s', 'e']),
    cpRange: $.indexOfCP(['$s', 'é', 0, 3]),
    bytes: $.indexOfBytes(['$s', 't']),
  })
  expect(out.cafe).toEqual({ cp: 3, cpFrom: 4, cpNone: -1, cpRange: -1, bytes: 5 })
  expect(out.chinese).toEqual({ cp: -1, cpFrom: -1, cpNone: -1, cpRange: -1, bytes: -1 })
  expect(out.missing).toEqual({ cp: null, cpFrom: null, cpNone: null, cpRange: null, bytes: null })
  const chinese = await project({ _id: 1, at: $.indexOfCP(['$s', '世界']), bytesAt: $.indexOfBytes(['$s', 'abc']) })
  expect(chinese.chinese).toEqual({ at: 2, bytesAt: 12 })
})
