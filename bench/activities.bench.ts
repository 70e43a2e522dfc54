// 宣传台账: the dashboard of a town of 30 villages with 20,000 key places and
// 200,000 activities beside 1,000,000 visits (target: function time within
// 50 ms, from the counters only), then `activities.create` through the local
// gateway (the app in its own process, as for phones). Prints figures, asserts nothing.
//   npx tsx bench/activities.bench.ts [visits] [activities to create] [clients]
import * as tcb from '@cloudbase/node-sdk'
import { spawn } from 'child_process'
import { mkdtempSync, rmSync, statSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { main as progress } from '../cloudfunctions/progress'
import { placeCoverageId, placeIdFor, type ActivityDoc, type KeyPlaceDoc, type PlaceCoverageDoc, type PlaceTotalsDoc } from '../cloudfunctions/_lib/repos/activities'
import { database } from '../cloudfunctions/_lib/cloud'
import { userIdFor } from '../cloudfunctions/_lib/repos/users'
import { ACTIVITY_KINDS, marksPlace, PLACE_KINDS, placeNameKey, type ActivityKind, type PlaceKind } from '../domain/activities'
import { addDays, shanghaiDay, startOfShanghaiDay } from '../domain/dates'
import { activityPhotoPath } from '../domain/files'
import type { Dashboard } from '../domain/progress'
import { invoke } from '../local/runtime/invoke'
import { DEMO_PHOTO_JPEG } from '../local/seed/demo-photo'
import { seededRandom } from '../local/seed/random'
import { DEMO_VILLAGES } from '../local/seed/demo-town'
import { loadCollectionSpecs } from '../local/tcb-server'
import { encode } from '../local/tcb-server/ejson'
import { Store } from '../local/tcb-server/store'
import { startTcbServerThread } from '../local/tcb-server/thread'
import { buildFunctions } from '../scripts/build-functions'
import { TOWN, VILLAGE_COUNT, generateTown, EXPORT_VILLAGE } from './progress-town'

const VISITS = Number(process.argv[2] ?? 1_000_000)
const CREATES = Number(process.argv[3] ?? 2000)
const CLIENTS = Number(process.argv[4] ?? 16)
const PLACES = 20_000
const ACTIVITIES = 200_000
const BATCH = 20_000

// As in production, where the SDK knows it runs in CloudBase: no environment detection per call.
process.env.TENCENTCLOUD = 'true'

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
const ms = (value: number) => `${value.toFixed(1)} ms`

async function timeCalls(runs: number, call: () => Promise<unknown>, between?: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 20; i += 1) await call()
  const samples: number[] = []
  for (let i = 0; i < runs; i += 1) {
    if (between) await between()
    const t0 = process.hrtime.bigint()
    await call()
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return { p50: pct(samples, 50), p95: pct(samples, 95), max: samples[samples.length - 1] }
}

function ok<T>(reply: unknown): T {
  const answer = reply as { ok: boolean; data?: T; error?: unknown }
  if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.error)}`)
  return answer.data as T
}

/** 20,000 places and 200,000 activities over the bench town's villages, with the counters they add up to. */
function addLedger(dataDir: string, campaignId: string, today: string): { places: number; activities: number; covered: number } {
  const random = seededRandom(1313)
  const store = new Store(dataDir)
  const insert = (collection: string, docs: { _id: string }[]) => {
    const write = store.db.transaction((batch: { _id: string }[]) => {
      for (const doc of batch) store.apply({ kind: 'insert', collection, id: doc._id, doc: doc as unknown as Record<string, unknown>, text: encode(doc) })
    })
    for (let i = 0; i < docs.length; i += BATCH) write(docs.slice(i, i + BATCH))
  }
  const villageIds = Array.from({ length: VILLAGE_COUNT }, (_, i) => `bv-${String(i + 1).padStart(2, '0')}`)
  const now = new Date()
  const places: KeyPlaceDoc[] = Array.from({ length: PLACES }, (_, n) => {
    const villageId = villageIds[n % VILLAGE_COUNT]
    const kind = PLACE_KINDS[Math.floor(random() * PLACE_KINDS.length)]
    const name = `场所${n + 1}`
    const nameKey = placeNameKey(kind, name)
    return { _id: placeIdFor(villageId, nameKey), townId: TOWN, villageId, kind, name, nameKey, address: '', source: 'import', createdBy: 'bench', createdAt: now, marks: {} }
  })
  const activities: ActivityDoc[] = []
  const batch: ActivityDoc[] = []
  for (let n = 0; n < ACTIVITIES; n += 1) {
    const kind: ActivityKind = ACTIVITY_KINDS[Math.floor(random() * ACTIVITY_KINDS.length)]
    const place = random() < 0.8 ? places[Math.floor(random() * PLACES)] : null
    const villageId = place?.villageId ?? villageIds[n % VILLAGE_COUNT]
    if (place && marksPlace(kind)) place.marks[campaignId] = (place.marks[campaignId] ?? 0) + 1
    const heldOn = addDays(today, -Math.floor(random() * 150))
    const at = startOfShanghaiDay(heldOn)
    const doc: ActivityDoc = {
      _id: `a_bench${String(n).padStart(10, '0')}`, requestId: `bench-${n}`, requestHash: '', townId: TOWN, villageId, campaignId, kind, fiveIn: kind === 'fiveIn' ? 'school' : null,
      placeId: place?._id ?? null, placeKind: place?.kind ?? null, placeName: place?.name ?? '', venue: place ? '' : '院坝', heldOn, reached: 1 + Math.floor(random() * 80), note: '',
      photoFileIDs: marksPlace(kind) ? ['cloud://local.bench/activities/bench/photo1.jpg'] : [], location: null, authorId: userIdFor('bench-police'), authorName: '何警官', authorRole: 'police',
      status: 'active', voidReason: '', voidedAt: null, voidedBy: null, corrections: [], createdAt: at, updatedAt: at,
    }
    activities.push(doc)
    batch.push(doc)
    if (batch.length === BATCH) insert('activities', batch.splice(0))
  }
  insert('activities', batch)
  insert('keyPlaces', places)
  const totals: PlaceTotalsDoc[] = villageIds.map((villageId) => {
    const byKind: Partial<Record<PlaceKind, number>> = {}
    let total = 0
    for (const place of places) {
      if (place.villageId !== villageId) continue
      byKind[place.kind] = (byKind[place.kind] ?? 0) + 1
      total += 1
    }
    return { _id: villageId, townId: TOWN, villageId, total, byKind, updatedAt: now }
  })
  const coverage: PlaceCoverageDoc[] = villageIds.map((villageId) => {
    const byKind: Partial<Record<PlaceKind, number>> = {}
    let covered = 0
    for (const place of places) {
      if (place.villageId !== villageId || (place.marks[campaignId] ?? 0) === 0) continue
      byKind[place.kind] = (byKind[place.kind] ?? 0) + 1
      covered += 1
    }
    const own = activities.filter((activity) => activity.villageId === villageId)
    return { _id: placeCoverageId(campaignId, villageId), campaignId, villageId, townId: TOWN, covered, byKind, activities: own.length, reached: own.reduce((sum, a) => sum + a.reached, 0), updatedAt: now }
  })
  insert('placeTotals', totals)
  insert('placeCoverage', coverage)
  store.close()
  return { places: places.length, activities: activities.length, covered: coverage.reduce((sum, doc) => sum + doc.covered, 0) }
}

async function dashboardBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-activities-'))
  const collections = loadCollectionSpecs()
  try {
    const today = shanghaiDay()
    console.log(`generating a town of 30 villages with ${VISITS.toLocaleString('en')} visits, ${PLACES.toLocaleString('en')} key places and ${ACTIVITIES.toLocaleString('en')} activities...`)
    const t0 = Date.now()
    const town = generateTown(dataDir, collections, VISITS, today)
    // BENCH_NO_LEDGER=1: the same town without places or activities, for the dashboard's baseline.
    const ledger = process.env.BENCH_NO_LEDGER ? { covered: 0 } : addLedger(dataDir, town.campaign._id, today)
    console.log(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s; database ${(statSync(join(dataDir, 'local.db')).size / 1024 / 1024).toFixed(0)} MB; ${ledger.covered.toLocaleString('en')} places covered`)
    const server = await startTcbServerThread({ dataDir, collections })
    process.env.TCB_SERVICE_URL = server.serviceUrl
    process.env.TCB_SECRET_ID = server.credentials.secretId
    process.env.TCB_SECRET_KEY = server.credentials.secretKey
    try {
      const call = (openid: string) => invoke('progress', progress, { action: 'dashboard', payload: {} }, { openid })
      const cold = process.hrtime.bigint()
      const board = ok<Dashboard>(await call('bench-office'))
      console.log(`\ndashboard with places (town: ${board.places.covered}/${board.places.total} places covered, ${board.places.percent}%; ${board.places.activities.toLocaleString('en')} activities; ${board.places.byKind.length} kinds)`)
      console.log(`  first call of a fresh instance: ${ms(Number(process.hrtime.bigint() - cold) / 1e6)}`)
      for (const [label, openid] of [
        ['office, whole town ', 'bench-office'],
        ['unit head, 6 villages', 'bench-head-bu-1'],
        ['cadre, one village ', `bench-cadre-${EXPORT_VILLAGE}-1`],
      ]) {
        const figure = await timeCalls(300, () => call(openid))
        console.log(`  ${label}  function time p50 ${ms(figure.p50)}  p95 ${ms(figure.p95)}  max ${ms(figure.max)}   (target <= 50 ms)`)
      }
      const placeQueries = await timeCalls(300, () =>
        Promise.all([database().collection('placeTotals').where({ townId: TOWN }).limit(1000).get(), database().collection('placeCoverage').where({ campaignId: town.campaign._id, townId: TOWN }).limit(1000).get()]),
      )
      console.log(`  of which the place counters (two queries in parallel, 30 small documents each)  p50 ${ms(placeQueries.p50)}  p95 ${ms(placeQueries.p95)}`)
      const touchAll = () => database().collection('coverage').where({ campaignId: town.campaign._id }).update({ updatedAt: new Date() })
      const changed = await timeCalls(100, () => call('bench-office'), touchAll)
      console.log(`  office, every village changed since the last look  p50 ${ms(changed.p50)}  p95 ${ms(changed.p95)}  max ${ms(changed.max)}   (target <= 50 ms)`)
    } finally {
      await server.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function createBench(): Promise<void> {
  await buildFunctions()
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-activities-gw-'))
  const server = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'serve-local.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const app = await new Promise<{ url: string; database: { serviceUrl: string; secretId: string; secretKey: string } }>((resolve, reject) => {
    server.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())))
    server.once('exit', (code) => reject(new Error(`local app exited with ${code}`)))
  })
  try {
    const sdk = tcb.init({ env: 'local', ...app.database })
    const db = sdk.database()
    const now = new Date()
    const villages = DEMO_VILLAGES
    await db.collection('users').add(
      villages.map((village) => ({ _id: userIdFor(`bench-${village._id}`), openid: `bench-${village._id}`, name: `${village.name}网格员`, roles: ['resident', 'cadre'], townId: village.townId, villageId: village._id, unitId: null, createdAt: now, updatedAt: now })),
    )
    const call = async (openid: string, body: unknown) => {
      const res = await fetch(`${app.url}/api/fn/activities`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-local-openid': openid } })
      return (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } }
    }
    // Half are posters at one of 20 places per village, each with a photo uploaded first (untimed), as the queue does.
    const placeOf = new Map<string, string[]>()
    for (const village of villages) {
      const ids: string[] = []
      for (let p = 0; p < 20; p += 1) {
        const reply = await call(`bench-${village._id}`, { action: 'addPlace', payload: { villageId: village._id, kind: 'residential', name: `小区${p + 1}栋`, address: '' }, requestId: `bench-place-${village._id}-${p}` })
        ids.push((ok<{ place: { id: string } }>(reply)).place.id)
      }
      placeOf.set(village._id, ids)
    }
    const today = shanghaiDay()
    const coveredBefore = await coveredPlaces(db)
    const payloads = await Promise.all(
      Array.from({ length: CREATES }, async (_, i) => {
        const village = villages[Math.floor(i / 2) % villages.length]
        const openid = `bench-${village._id}`
        const requestId = `bench-activity-${i}`
        if (i % 2 === 1) return { openid, body: { action: 'create', payload: { villageId: village._id, kind: 'talk', heldOn: today, reached: 30, venue: '院坝', note: '' }, requestId } }
        const cloudPath = activityPhotoPath('photo1', { villageId: village._id, uploaderId: userIdFor(openid), requestId })
        const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: DEMO_PHOTO_JPEG })
        const placeId = (placeOf.get(village._id) as string[])[Math.floor(i / 2 / villages.length) % 20]
        return { openid, body: { action: 'create', payload: { villageId: village._id, kind: 'poster', placeId, heldOn: today, reached: 2, venue: '', note: '', photoFileIDs: [fileID] }, requestId } }
      }),
    )
    const latencies: number[] = []
    let failures = 0
    let next = 0
    const started = process.hrtime.bigint()
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (;;) {
          const i = next++
          if (i >= payloads.length) return
          const t0 = process.hrtime.bigint()
          const reply = await call(payloads[i].openid, payloads[i].body)
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
          if (!reply.ok && (failures += 1) <= 3) console.error('refused:', reply.error)
        }
      }),
    )
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const sorted = latencies.sort((a, b) => a - b)
    console.log(`\nactivities.create through the gateway: ${CREATES} activities (half posters with a photo at a place, half talks), ${CLIENTS} concurrent clients, 12 villages`)
    console.log(`  throughput ${(CREATES / seconds).toFixed(0)}/s; wall ${seconds.toFixed(1)} s; failures ${failures}`)
    console.log(`  latency p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms (visits.create's target: p99 <= 50 ms)`)
    const covered = (await coveredPlaces(db)) - coveredBefore
    console.log(`  places covered by the run: ${covered} (of ${villages.length * 20}, ${Math.min(villages.length * 20, Math.floor(CREATES / 2))} expected)`)
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function coveredPlaces(db: ReturnType<ReturnType<typeof tcb.init>['database']>): Promise<number> {
  const { data } = await db.collection('placeCoverage').limit(1000).get()
  return (data as { covered: number }[]).reduce((sum, doc) => sum + doc.covered, 0)
}

async function main() {
  await dashboardBench()
  if (!process.env.BENCH_NO_LEDGER) await createBench()
}

main()
  // The SDK's kept-alive sockets would hold the process open.
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
