// 镇级管理 at district scale, against the local CloudBase through the real SDK:
//  1. 区级进度 over a district of 30 towns and 600 villages: the `progress.district`
//     function time (target ≤ 100 ms) and its database calls.
//  2. The retention purge of one year of a town's visits (100,000, each with a
//     signature image in storage): maintenance timer runs, as the platform
//     fires them, until nothing is due; per-run and total time, and proof the
//     counters did not move.
//   npx tsx bench/district-purge.bench.ts [towns=30] [villagesPerTown=20] [visits=100000]
import { main as maintenance } from '../cloudfunctions/maintenance'
import { main as progress } from '../cloudfunctions/progress'
import { userIdFor } from '../cloudfunctions/_lib/repos/users'
import { coverageId } from '../domain/coverage-ledger'
import { addDays, shanghaiDay } from '../domain/dates'
import { addYears, RETENTION_DEFAULTS, type PurgeReport } from '../domain/privacy'
import { invoke } from '../local/runtime/invoke'
import { seededRandom } from '../local/seed/random'
import { startLocalTcb, type LocalTcb } from '../tests/support/local-tcb'

const TOWNS = Number(process.argv[2] ?? 30)
const VILLAGES_PER_TOWN = Number(process.argv[3] ?? 20)
const VISITS = Number(process.argv[4] ?? 100_000)
const today = shanghaiDay()
const DISTRICT = 'bench-district'

async function addAll(local: LocalTcb, name: string, docs: object[]): Promise<void> {
  const db = local.app.database()
  for (let i = 0; i < docs.length; i += 1000) await db.collection(name).add(docs.slice(i, i + 1000))
}

function databaseCalls(local: LocalTcb, before: Record<string, number>): number {
  return Object.entries(local.server.usage().calls)
    .filter(([name]) => name.startsWith('database.'))
    .reduce((sum, [name, n]) => sum + n - (before[name] ?? 0), 0)
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]

async function districtView(local: LocalTcb): Promise<void> {
  const random = seededRandom(20261130)
  const now = new Date()
  const towns: object[] = []
  const campaigns: object[] = []
  const villages: object[] = []
  const coverage: object[] = []
  for (let t = 1; t <= TOWNS; t += 1) {
    const townId = `dt-${t}`
    const campaignId = `dc-${t}`
    towns.push({ _id: townId, name: `第${t}镇`, region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }], districtId: DISTRICT })
    campaigns.push({ _id: campaignId, townId, name: '入户宣传', startDay: addDays(today, -70), milestones: [{ day: addDays(today, -10), targetPercent: 20 }, { day: addDays(today, 60), targetPercent: 100 }] })
    for (let v = 1; v <= VILLAGES_PER_TOWN; v += 1) {
      const villageId = `dv-${t}-${v}`
      const registered = 300 + Math.floor(random() * 1700)
      const covered = Math.floor(registered * random() * 0.6)
      villages.push({ _id: villageId, townId, name: `村${t}-${v}`, kind: 'village', order: v, registeredHouseholds: registered, policeOfficer: null, unitId: null })
      coverage.push({ _id: coverageId(campaignId, villageId), campaignId, villageId, townId, covered, visits: covered, byDay: { [today]: { visits: 3, newlyCovered: 2 } }, updatedAt: now })
    }
  }
  const openid = 'bench-district-user'
  await addAll(local, 'users', [{ _id: userIdFor(openid), openid, name: '区反诈办', roles: ['resident', 'district'], townId: null, villageId: null, unitId: null, districtId: DISTRICT, createdAt: now, updatedAt: now }])
  for (const [name, docs] of Object.entries({ towns, campaigns, villages, coverage })) await addAll(local, name, docs)

  const times: number[] = []
  let calls = 0
  let towns30 = 0
  for (let run = 0; run < 21; run += 1) {
    const before = local.server.usage().calls
    const started = performance.now()
    const reply = (await invoke('progress', progress, { action: 'district', payload: {} }, { openid })) as { ok: boolean; data?: { towns: unknown[] } }
    const ms = performance.now() - started
    if (!reply.ok) throw new Error(`district view failed: ${JSON.stringify(reply)}`)
    towns30 = reply.data?.towns.length ?? 0
    if (run > 0) times.push(ms)
    else console.log(`first call (cold): ${ms.toFixed(1)} ms`)
    calls = databaseCalls(local, before)
  }
  times.sort((a, b) => a - b)
  console.log(`区级进度, ${towns30} towns / ${villages.length} villages (target ≤ 100 ms): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms over ${times.length} warm calls; ${calls} database calls each\n`)
}

async function purge(local: LocalTcb): Promise<void> {
  const db = local.app.database()
  const townId = 'pt-1'
  const campaignId = 'pc-1'
  // A campaign that ended visitYears + 10 days ago: all its visits are due.
  const end = addDays(addYears(today, -RETENTION_DEFAULTS.visitYears), -10)
  const start = addDays(end, -365)
  await addAll(local, 'towns', [{ _id: townId, name: '清理镇', region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }] }])
  await addAll(local, 'campaigns', [{ _id: campaignId, townId, name: '一年的入户宣传', startDay: start, milestones: [{ day: end, targetPercent: 100 }] }])
  const villages = Array.from({ length: 20 }, (_, v) => `pv-${v}`)
  await addAll(local, 'villages', villages.map((villageId, order) => ({ _id: villageId, townId, name: `村${order}`, kind: 'village', order, registeredHouseholds: 5000, policeOfficer: null, unitId: null })))

  const started = performance.now()
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
  const households = Math.round(VISITS * 0.8)
  const fileIDs: string[] = new Array(VISITS)
  for (let i = 0; i < VISITS; i += 32) {
    await Promise.all(
      Array.from({ length: Math.min(32, VISITS - i) }, async (_, k) => {
        const { fileID } = await local.app.uploadFile({ cloudPath: `visits/bench/${i + k}/signature.png`, fileContent: png })
        fileIDs[i + k] = fileID
      }),
    )
  }
  const uploaded = performance.now()
  const now = new Date()
  const householdDocs: object[] = []
  for (let i = 0; i < households; i += 1) {
    householdDocs.push({ _id: `ph-${i}`, townId, villageId: villages[i % villages.length], group: 1, addressKey: `1组${i}号`, address: `1组${i}号`, headName: '户主', phone: '13900000000', source: 'visit', createdBy: 'bench', createdAt: now, campaignVisits: { [campaignId]: 1 }, coveredOn: { [campaignId]: start }, campaignDays: { [campaignId]: { [start]: 1 } } })
  }
  await addAll(local, 'households', householdDocs)
  const visitDocs: object[] = []
  for (let i = 0; i < VISITS; i += 1) {
    const h = i % households
    visitDocs.push({
      _id: `pvisit-${i}`, requestId: `r-${i}`, requestHash: 'x', townId, villageId: villages[h % villages.length], campaignId, householdId: `ph-${h}`, group: 1, address: `1组${h}号`, unitName: '村委会',
      authorId: 'bench', authorName: '网格员', coworkers: [], visitedOn: addDays(start, i % 365), items: ['propaganda'], otherContent: '家里有老人', qualifying: true, residentName: '户主', phone: '13900000000',
      phoneDeclinedReason: '', signature: { kind: 'signed', fileID: fileIDs[i], reason: '', proxyName: '' }, photoFileID: null, location: { latitude: 29.2, longitude: 106.2 }, status: 'active', voidReason: '', voidedAt: null, voidedBy: null,
      corrections: i % 100 === 0 ? [{ at: now, byUserId: 'bench', byName: '网格员', reason: '电话记错', before: { phone: '13900000001' } }] : [], createdAt: now, updatedAt: now,
    })
    if (visitDocs.length === 1000) await addAll(local, 'visits', visitDocs.splice(0))
  }
  await addAll(local, 'visits', visitDocs)
  const coverage = villages.map((villageId) => ({ _id: coverageId(campaignId, villageId), campaignId, villageId, townId, covered: households / villages.length, visits: VISITS / villages.length, byDay: {}, updatedAt: now }))
  await addAll(local, 'coverage', coverage)
  console.log(`purge: ${VISITS} visits of ${households} households with ${VISITS} signature files (uploaded in ${((uploaded - started) / 1000).toFixed(1)} s, documents in ${((performance.now() - uploaded) / 1000).toFixed(1)} s)`)

  const coverageBefore = JSON.stringify((await db.collection('coverage').where({ campaignId }).limit(1000).get()).data)
  const runs: { ms: number; report: PurgeReport }[] = []
  let hour = 1
  for (;;) {
    const time = new Date(`${today}T0${hour}:30:00+08:00`)
    const began = performance.now()
    const reply = (await invoke('maintenance', maintenance, { Type: 'Timer', TriggerName: 'nightly', Time: time.toISOString() }, { openid: null })) as { ok: boolean; data?: { retention: PurgeReport } }
    if (!reply.ok || !reply.data) throw new Error(`maintenance failed: ${JSON.stringify(reply)}`)
    runs.push({ ms: performance.now() - began, report: reply.data.retention })
    if (!reply.data.retention.unfinished) break
    hour = (hour % 5) + 1
  }
  console.log('| run | visits erased | households erased | files deleted | time | unfinished |')
  console.log('| ---: | ---: | ---: | ---: | ---: | --- |')
  runs.forEach((run, index) => console.log(`| ${index + 1} | ${run.report.visits} | ${run.report.households} | ${run.report.files} | ${(run.ms / 1000).toFixed(1)} s | ${run.report.unfinished ? 'yes' : 'no'} |`))
  const total = runs.reduce((sum, run) => sum + run.ms, 0)
  const erased = runs.reduce((sum, run) => sum + run.report.visits, 0)
  console.log(`total: ${erased} visits in ${(total / 1000).toFixed(1)} s over ${runs.length} run(s) (${((erased / total) * 1000).toFixed(0)} visits/s)`)

  const left = await db.collection('visits').where({ campaignId, phone: '13900000000' }).count()
  const filesLeft = (await local.app.getTempFileURL({ fileList: fileIDs.slice(0, 50) })).fileList.filter((file) => file.code === 'SUCCESS').length
  const coverageAfter = JSON.stringify((await db.collection('coverage').where({ campaignId }).limit(1000).get()).data)
  console.log(`check: visits still holding a phone ${left.total}; of the first 50 signature files ${filesLeft} still stored; coverage documents ${coverageBefore === coverageAfter ? 'unchanged' : 'CHANGED'}`)
}

async function main() {
  const local = await startLocalTcb()
  process.env.TCB_SERVICE_URL = local.serviceUrl
  try {
    await districtView(local)
    await purge(local)
  } finally {
    await local.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
