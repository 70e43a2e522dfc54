// Benchmark of local/tcb-server through the real node-sdk over HTTP, on a
// collection of 1,000,000 documents, beside two anchors measured in the same
// run: raw better-sqlite3 on the same file, and the SDK against a loopback
// server that answers without doing anything. Prints figures, asserts nothing.
//   npx tsx bench/tcb-server.bench.ts [documentCount]
import tcb from '@cloudbase/node-sdk'
import fs from 'fs'
import http from 'http'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import { createTcbServer } from '../local/tcb-server'
import { encode } from '../local/tcb-server/ejson'
import { keyExpr } from '../local/tcb-server/sql-keys'
import { Store } from '../local/tcb-server/store'

const DOCS = Number(process.argv[2] ?? 1_000_000)
const GROUPS = 600 // 1,000,000 / 600 ≈ 1,667 documents per group value
const COLLECTION = 'bench_docs'
const SPEC = [{ name: COLLECTION, indexes: [{ name: 'g_1', keys: { g: 1 as const } }] }]

process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]

interface Figure {
  p50: number
  p95: number
  perSecond: number
}

async function time(runs: number, fn: (i: number) => unknown): Promise<Figure> {
  return (await interleaved(runs, { only: fn })).only
}

/**
 * Times several targets in alternating rounds, so drift on a shared machine
 * (other processes, JIT, GC) falls on all of them alike.
 */
async function interleaved<K extends string>(runs: number, targets: Record<K, (i: number) => unknown>): Promise<Record<K, Figure>> {
  const names = Object.keys(targets) as K[]
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>
  const seconds = Object.fromEntries(names.map((n) => [n, 0])) as Record<K, number>
  for (const n of names) for (let i = 0; i < Math.min(200, runs); i++) await targets[n](i) // warm caches and sockets
  const rounds = 10
  for (let round = 0; round < rounds; round++) {
    for (const n of names) {
      const start = process.hrtime.bigint()
      for (let i = round; i < runs; i += rounds) {
        const t0 = process.hrtime.bigint()
        await targets[n](i)
        samples[n].push(Number(process.hrtime.bigint() - t0) / 1e6)
      }
      seconds[n] += Number(process.hrtime.bigint() - start) / 1e9
    }
  }
  const out = {} as Record<K, Figure>
  for (const n of names) {
    const sorted = samples[n].sort((a, b) => a - b)
    out[n] = { p50: pct(sorted, 50), p95: pct(sorted, 95), perSecond: sorted.length / seconds[n] }
  }
  return out
}

const group = (i: number) => `g${String(i % GROUPS).padStart(3, '0')}`
const unindexed = (i: number) => `u${String(i % GROUPS).padStart(3, '0')}`

function generate(dataDir: string): number {
  const t0 = Date.now()
  const store = new Store(dataDir)
  // Load first, index after: one CREATE INDEX sort beats a million index inserts.
  store.ensureCollections([{ name: COLLECTION, indexes: [] }])
  const base = Date.UTC(2024, 0, 1)
  const batch = store.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const doc = {
        _id: `d${String(i).padStart(9, '0')}`,
        g: group(i),
        u: unindexed(i),
        n: i,
        at: new Date(base + i * 1000),
        title: `document number ${i} of the benchmark collection`,
        done: i % 2 === 0,
      }
      store.apply({ kind: 'insert', collection: COLLECTION, id: doc._id, doc, text: encode(doc) })
    }
  })
  for (let from = 0; from < DOCS; from += 50_000) batch(from, Math.min(DOCS, from + 50_000))
  store.ensureCollections(SPEC)
  store.close()
  return Date.now() - t0
}

/** Answers every call with a canned reply of the same shape and size as the real one: the SDK's own cost. */
async function startNullServer(): Promise<{ url: string; close: () => void }> {
  const doc = encode({ _id: 'x', g: 'g001', u: 'u001', n: 1, at: new Date(), title: 'document number 1 of the benchmark collection', done: true })
  const replies: Record<string, string> = {
    'database.getDocument': JSON.stringify({ requestId: 'r', data: { list: Array(20).fill(doc), offset: 0, limit: 20 } }),
    'database.calculateDocument': JSON.stringify({ requestId: 'r', data: { total: 1667 } }),
    'database.insertDocument': JSON.stringify({ requestId: 'r', data: { insertedIds: ['x'] } }),
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const { action } = JSON.parse(Buffer.concat(chunks).toString()) as { action: string }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(replies[action] ?? '{"requestId":"r","data":{}}')
    })
  })
  server.keepAliveTimeout = 10_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`, close: () => (server.closeAllConnections(), server.close()) }
}

const sdk = (serviceUrl: string) => tcb.init({ env: 'local', serviceUrl, secretId: 'local', secretKey: 'local' }).database()

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcb-bench-'))
  try {
    console.log(`generating ${DOCS.toLocaleString('en')} documents (${GROUPS} values of the indexed field g)...`)
    console.log(`  generated in ${(generate(dataDir) / 1000).toFixed(1)} s`)

    // Raw better-sqlite3 on the same file and the same SQL the server plans.
    const raw = new Store(dataDir)
    const info = raw.collection(COLLECTION)
    const rawQuery = raw.prepare(`SELECT data FROM ${info.table} WHERE ${keyExpr('g')} = ? LIMIT 20`).pluck()
    const rawCount = raw.prepare(`SELECT COUNT(*) FROM ${info.table} WHERE ${keyExpr('g')} = ?`).pluck()
    const rawUnindexed = raw.prepare(`SELECT data FROM ${info.table} WHERE ${keyExpr('u')} = ? LIMIT 20`).pluck()
    const plan = raw.db.prepare(`EXPLAIN QUERY PLAN SELECT data FROM ${info.table} WHERE ${keyExpr('g')} = ? LIMIT 20`).all(group(1)) as { detail: string }[]
    const matches = rawCount.get(group(123)) as number
    const rawFigures = {
      query: await time(2000, (i) => rawQuery.all(group(i))),
      count: await time(2000, (i) => rawCount.get(group(i))),
      unindexed: await time(50, (i) => rawUnindexed.all(unindexed(i))),
    }
    raw.close()

    const nul = await startNullServer()
    const nulDb = sdk(nul.url)
    const server = createTcbServer({ dataDir })
    server.ensureCollections(SPEC)
    const { serviceUrl } = await server.listen(0)
    const db = sdk(serviceUrl)
    const one = await db.collection(COLLECTION).where({ g: group(123) }).limit(20).get()
    const total = await db.collection(COLLECTION).where({ g: group(123) }).count()
    const query = (target: typeof db) => (i: number) => target.collection(COLLECTION).where({ g: group(i) }).limit(20).get()
    const count = (target: typeof db) => (i: number) => target.collection(COLLECTION).where({ g: group(i) }).count()
    const insert = (target: typeof db) => (i: number) =>
      target.collection(COLLECTION).add({ g: group(i), u: unindexed(i), n: -i, at: new Date(), title: 'inserted by the benchmark', done: false })
    const queries = await interleaved(2000, { sdk: query(db), nul: query(nulDb) })
    const counts = await interleaved(2000, { sdk: count(db), nul: count(nulDb) })
    const inserts = await interleaved(3000, { sdk: insert(db), nul: insert(nulDb) })
    const sdkFigures = {
      query: queries.sdk,
      count: counts.sdk,
      unindexed: await time(50, (i) => db.collection(COLLECTION).where({ u: unindexed(i) }).limit(20).get()),
      insert: inserts.sdk,
    }
    const nullFigures = { query: queries.nul, count: counts.nul, insert: inserts.nul }
    await server.close()
    nul.close()

    const ms = (f: Figure) => `p50 ${f.p50.toFixed(3).padStart(8)} ms   p95 ${f.p95.toFixed(3).padStart(8)} ms`
    const ratio = (a: Figure, b: Figure) => `${(a.p50 / b.p50).toFixed(1)}x`
    console.log(`\nquery plan of the indexed query: ${plan.map((r) => r.detail).join(' | ')}`)
    console.log(`indexed query returns ${one.data.length} docs; count() = ${String(total.total)} (raw SQL count ${matches})\n`)
    console.log('indexed equality query, 20 docs')
    console.log(`  tcb-server via SDK   ${ms(sdkFigures.query)}`)
    console.log(`  raw better-sqlite3   ${ms(rawFigures.query)}`)
    console.log(`  SDK vs null server   ${ms(nullFigures.query)}`)
    console.log(`  server overhead over the SDK's own round trip: ${(sdkFigures.query.p50 - nullFigures.query.p50).toFixed(3)} ms (${ratio(sdkFigures.query, nullFigures.query)} the null server, ${ratio(sdkFigures.query, rawFigures.query)} raw SQL)`)
    console.log('count() on the indexed filter')
    console.log(`  tcb-server via SDK   ${ms(sdkFigures.count)}`)
    console.log(`  raw better-sqlite3   ${ms(rawFigures.count)}`)
    console.log(`  SDK vs null server   ${ms(nullFigures.count)}`)
    console.log(`  server overhead: ${(sdkFigures.count.p50 - nullFigures.count.p50).toFixed(3)} ms (${ratio(sdkFigures.count, nullFigures.count)} the null server)`)
    console.log('same query on an UNINDEXED field, 20 docs')
    console.log(`  tcb-server via SDK   ${ms(sdkFigures.unindexed)}`)
    console.log(`  raw better-sqlite3   ${ms(rawFigures.unindexed)}`)
    console.log('sequential single add()')
    console.log(`  tcb-server via SDK   ${ms(sdkFigures.insert)}   = ${Math.round(sdkFigures.insert.perSecond)} inserts/s sustained`)
    console.log(`  SDK vs null server   ${ms(nullFigures.insert)}   = ${Math.round(nullFigures.insert.perSecond)} inserts/s sustained`)
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
