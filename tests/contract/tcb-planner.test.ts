// The query planner: indexed conditions are answered from SQLite expression
// indexes (checked with EXPLAIN QUERY PLAN), and whatever path a query takes,
// its answer is MongoDB's. mingo, run on the same documents, is the reference.
import { Query } from 'mingo'
import { translateFilter } from '../../local/tcb-server/planner'
import { keyExpr } from '../../local/tcb-server/sql-keys'
import { Store } from '../../local/tcb-server/store'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb
let db: ReturnType<LocalTcb['app']['database']>
let store: Store

type Doc = Record<string, unknown>

const auditDocs = Array.from({ length: 300 }, (_, i) => ({ g: `g${i % 10}`, u: `u${i % 10}`, town: `t${i % 3}`, at: new Date(Date.UTC(2024, 0, 1 + i)) }))

beforeAll(async () => {
  local = await startLocalTcb({
    collections: [
      {
        name: 'audit',
        indexes: [
          { name: 'g_1', keys: { g: 1 } },
          { name: 'town_1_at_-1', keys: { town: 1, at: -1 } },
        ],
      },
      { name: 'scalars', indexes: [{ name: 'v_1', keys: { v: 1 } }, { name: 'o.w_1', keys: { 'o.w': 1 } }] },
      { name: 'anything', indexes: [{ name: 'v_1', keys: { v: 1 } }] },
    ],
  })
  db = local.app.database()
  await db.collection('audit').add(auditDocs)
})
afterAll(async () => {
  store?.close()
  await local.stop()
})

/** A second connection on the same file, to look at the plans of the server's SQL. */
const plan = (collection: string, filter: Doc, suffix = ' LIMIT 20', select = 'data') => {
  store ??= new Store(local.dataDir)
  const info = store.collection(collection)
  const sql = translateFilter(info, filter)
  const rows = store.db.prepare(`EXPLAIN QUERY PLAN SELECT ${select} FROM ${info.table} WHERE ${sql.sql}${suffix}`).all(...sql.params) as { detail: string }[]
  return { exact: sql.exact, plan: rows.map((r) => r.detail).join(' | ') }
}

describe('index use', () => {
  test('an equality query on an indexed field searches the index and needs no document filter', () => {
    const p = plan('audit', { g: 'g1' })
    expect(p.plan).toMatch(/SEARCH .* USING INDEX ix_audit_g_1 \(<expr>=\?\)/)
    expect(p.exact).toBe(true)
  })

  test('count() on an indexed filter is an SQL COUNT over the covering index', () => {
    const p = plan('audit', { g: 'g1' }, '', 'COUNT(*)')
    expect(p.plan).toMatch(/USING COVERING INDEX ix_audit_g_1/)
    expect(p.exact).toBe(true)
  })

  test('$in on an indexed field searches the index', () => {
    expect(plan('audit', { g: { $in: ['g1', 'g2'] } }).plan).toMatch(/USING INDEX ix_audit_g_1 \(<expr>=\?\)/)
  })

  test('equality on the leading field plus a date range on the next one uses the compound index for both', () => {
    const p = plan('audit', { town: 't1', at: { $gte: new Date('2024-02-01'), $lt: new Date('2024-03-01') } })
    expect(p.plan).toMatch(/USING INDEX ix_audit_town_1_at_-1 \(<expr>=\? AND <expr>>\? AND <expr><\?\)/)
    expect(p.exact).toBe(true)
  })

  test('ordering by the next indexed field after an equality needs no sort step', () => {
    const p = plan('audit', { town: 't1' }, ` ORDER BY ${keyExpr('at')} DESC LIMIT 20`)
    expect(p.plan).toMatch(/ix_audit_town_1_at_-1/)
    expect(p.plan).not.toMatch(/TEMP B-TREE/)
  })

  test('a query on an unindexed field scans, and is checked document by document', () => {
    const p = plan('audit', { u: 'u1' })
    expect(p.plan).toMatch(/^SCAN/)
    expect(p.exact).toBe(false)
  })

  test('the indexed query returns the same documents as MongoDB semantics would, in the requested order', async () => {
    const { data } = await db.collection('audit').where({ town: 't1', at: db.command.gte(new Date('2024-06-01')) }).orderBy('at', 'desc').limit(5).get()
    const expected = new Query({ town: 't1', at: { $gte: new Date('2024-06-01') } }, {}).find<Doc>(auditDocs).sort({ at: -1 }).limit(5).all()
    expect(data.map((d) => d.at)).toEqual(expected.map((d) => d.at))
    expect((await db.collection('audit').where({ g: 'g1' }).count()).total).toBe(30)
  })

  test('once an indexed field holds an array the index stops deciding alone, and arrays still match element-wise', async () => {
    await db.createCollection('flags')
    local.server.ensureCollections([{ name: 'flags', indexes: [{ name: 'roles_1', keys: { roles: 1 } }] }])
    await db.collection('flags').add({ _id: 'plain', roles: 'office' })
    store?.close()
    store = new Store(local.dataDir)
    expect(plan('flags', { roles: 'office' }).exact).toBe(true)
    await db.collection('flags').add({ _id: 'many', roles: ['cadre', 'office'] })
    store.close()
    store = new Store(local.dataDir)
    expect(plan('flags', { roles: 'office' }).exact).toBe(false)
    const { data } = await db.collection('flags').where({ roles: 'office' }).orderBy('_id', 'asc').get()
    expect(data.map((d) => d._id)).toEqual(['many', 'plain'])
    expect((await db.collection('flags').where({ roles: 'office' }).count()).total).toBe(2)
  })
})

describe('answers equal MongoDB semantics (mingo as reference)', () => {
  const at = (day: number) => new Date(Date.UTC(2024, 0, day))
  const scalarValues: unknown[] = [0, 1, 1.5, -3, 2, 10, '', 'a', 'b', 'B', '1', '10', true, false, null, undefined, at(1), at(5), at(9), new Date(Date.UTC(1960, 0, 1))]
  const anyValues: unknown[] = [...scalarValues, [1, 2], ['a', 'b'], [at(5)], [], [null], { w: 1 }, [{ w: 'a' }, { w: 2 }], [[1]]]

  const makeDocs = (values: unknown[], n: number): Doc[] =>
    Array.from({ length: n }, (_, i) => {
      const doc: Doc = { _id: `d${String(i).padStart(3, '0')}` }
      const v = values[(i * 7) % values.length]
      if (v !== undefined) doc.v = v
      const w = values[(i * 3) % values.length]
      if (w !== undefined && !Array.isArray(w) && !(typeof w === 'object' && w !== null && !(w instanceof Date))) doc.o = { w }
      doc.plain = values[(i * 5) % values.length] ?? null
      return doc
    })

  const queries = (values: unknown[]): Doc[] => {
    const out: Doc[] = [{}]
    for (const value of values) {
      if (value === undefined) continue
      out.push({ v: { $ne: value } })
      // The SDK flattens an object-valued equality into dotted paths; mingo would not.
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) continue
      out.push({ v: value }, { plain: value }, { 'o.w': value })
      if (value !== null && !Array.isArray(value) && typeof value !== 'object') {
        out.push({ v: { $gt: value } }, { v: { $gte: value } }, { v: { $lt: value } }, { v: { $lte: value } }, { 'o.w': { $lt: value } }, { plain: { $gte: value } })
      }
      if (value instanceof Date) out.push({ v: { $gt: value } }, { v: { $lte: value } }, { plain: { $lt: value } })
    }
    out.push(
      { v: { $in: [1, 'a', null, true, at(5)] } },
      { v: { $nin: [1, 'a', null] } },
      { v: { $exists: true } },
      { v: { $exists: false } },
      { 'o.w': { $exists: true } },
      { $or: [{ v: 1 }, { plain: 'a' }] },
      { $or: [{ v: { $gt: 1 } }, { 'o.w': { $lt: 'b' } }], plain: { $ne: null } },
      { v: { $gte: 0, $lt: 10 } },
      { v: { $gt: 'a', $lte: 'b' } },
      { _id: { $in: ['d001', 'd002', 'dx'] } },
      { _id: { $gt: 'd050' } },
    )
    return out
  }

  const compare = async (collection: string, values: unknown[]) => {
    await db.createCollection(collection)
    local.server.ensureCollections([{ name: collection, indexes: [{ name: 'v_1', keys: { v: 1 } }, { name: 'o.w_1', keys: { 'o.w': 1 } }] }])
    const docs = makeDocs(values, 120)
    await db.collection(collection).add(docs)
    const mismatches: string[] = []
    for (const q of queries(values)) {
      const expected = new Query(q, {}).find<Doc>(docs).all().map((d) => d._id).sort()
      const got = (await db.collection(collection).where(q).limit(1000).get()).data.map((d) => d._id as string).sort()
      const total = (await db.collection(collection).where(q).count()).total
      if (JSON.stringify(got) !== JSON.stringify(expected) || total !== expected.length) {
        mismatches.push(`${JSON.stringify(q)}: got ${got.length}/${String(total)} want ${expected.length}`)
      }
    }
    return mismatches
  }

  test('on indexed fields holding only scalars (answered by SQL alone)', async () => {
    expect(await compare('scalar_fields', scalarValues)).toEqual([])
  })

  test('on fields holding arrays, objects and scalars (SQL narrows, the filter decides)', async () => {
    expect(await compare('mixed_fields', anyValues)).toEqual([])
  })

  test('sorting by an indexed scalar field in SQL gives MongoDB order across types', async () => {
    const docs = makeDocs(scalarValues, 120)
    const expected = new Query({}, {}).find<Doc>(docs).sort({ v: 1, _id: 1 }).all().map((d) => d._id)
    const asc = (await db.collection('scalar_fields').orderBy('v', 'asc').orderBy('_id', 'asc').limit(1000).get()).data.map((d) => d._id)
    expect(asc).toEqual(expected)
    const expectedDesc = new Query({}, {}).find<Doc>(docs).sort({ v: -1, _id: 1 }).all().map((d) => d._id)
    const desc = (await db.collection('scalar_fields').orderBy('v', 'desc').orderBy('_id', 'asc').limit(1000).get()).data.map((d) => d._id)
    expect(desc).toEqual(expectedDesc)
  })
})
