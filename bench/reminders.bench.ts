// 督导提醒 for a district: one scheduled run of the reminders function over
// 30 towns, 600 villages and 600 unit heads (and 1,200 cadres, not reminded
// unless a town asks), against the local CloudBase through the real SDK:
// wall time and database calls, counted by the local server's recorder
// (`usage().calls`, as bench/action-cost.bench.ts counts them). The run reads
// reference data and the coverage counters, never the visits: the same run
// after loading visits must cost the same calls.
//   npx tsx bench/reminders.bench.ts [towns=30] [villagesPerTown=20] [visits=100000]
import { main as reminders } from '../cloudfunctions/reminders'
import { clearCache } from '../cloudfunctions/_lib/cache'
import { userIdFor } from '../cloudfunctions/_lib/repos/users'
import { coverageId } from '../domain/coverage-ledger'
import { addDays, shanghaiDay } from '../domain/dates'
import { invoke } from '../local/runtime/invoke'
import { seededRandom } from '../local/seed/random'
import { startLocalTcb, type LocalTcb } from '../tests/support/local-tcb'

const TOWNS = Number(process.argv[2] ?? 30)
const VILLAGES_PER_TOWN = Number(process.argv[3] ?? 20)
const VISITS = Number(process.argv[4] ?? 100_000)
const today = shanghaiDay()

type Calls = Record<string, number>

async function addAll(local: LocalTcb, name: string, docs: object[]): Promise<void> {
  const db = local.app.database()
  for (let i = 0; i < docs.length; i += 1000) await db.collection(name).add(docs.slice(i, i + 1000))
}

/** 30 towns, each with 20 units of one village and one head; about 6 in 10 villages lag; half the heads hold a grant. */
async function generateDistrict(local: LocalTcb): Promise<{ heads: number; villages: number }> {
  const random = seededRandom(20240601)
  const now = new Date()
  const towns: object[] = []
  const campaigns: object[] = []
  const units: object[] = []
  const villages: object[] = []
  const coverage: object[] = []
  const users: object[] = []
  const subscriptions: object[] = []
  for (let t = 1; t <= TOWNS; t += 1) {
    const townId = `bt-${t}`
    const campaignId = `bc-${t}`
    towns.push({ _id: townId, name: `第${t}镇`, region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }] })
    campaigns.push({
      _id: campaignId,
      townId,
      name: '入户宣传',
      startDay: addDays(today, -70),
      milestones: [
        { day: addDays(today, -10), targetPercent: 20 },
        { day: addDays(today, 60), targetPercent: 100 },
      ],
    })
    users.push({ _id: userIdFor(`bench-office-${t}`), openid: `bench-office-${t}`, name: '镇反诈办', roles: ['resident', 'office'], townId, villageId: null, unitId: null, createdAt: now, updatedAt: now })
    for (let v = 1; v <= VILLAGES_PER_TOWN; v += 1) {
      const unitId = `bu-${t}-${v}`
      const villageId = `bv-${t}-${v}`
      const registered = 300 + Math.floor(random() * 1700)
      // Today the pace expects about 22% (20% ten days ago, on to 100%): some ahead, most behind.
      const covered = Math.floor(registered * random() * 0.4)
      units.push({ _id: unitId, townId, name: `单位${v}`, order: v, headName: `负责人${v}` })
      villages.push({ _id: villageId, townId, name: `村${t}-${v}`, kind: 'village', order: v, registeredHouseholds: registered, policeOfficer: null, unitId })
      coverage.push({ _id: coverageId(campaignId, villageId), campaignId, villageId, townId, covered, visits: covered, byDay: {}, updatedAt: now })
      const headOpenid = `bench-head-${t}-${v}`
      users.push({ _id: userIdFor(headOpenid), openid: headOpenid, name: `负责人${v}`, roles: ['resident', 'unit_head'], townId, villageId: null, unitId, createdAt: now, updatedAt: now })
      if (v % 2 === 0) subscriptions.push({ _id: `${userIdFor(headOpenid)}__reminder`, userId: userIdFor(headOpenid), template: 'reminder', remaining: 5, updatedAt: now })
      for (const k of [1, 2]) {
        const openid = `bench-cadre-${t}-${v}-${k}`
        users.push({ _id: userIdFor(openid), openid, name: `网格员${k}`, roles: ['resident', 'cadre'], townId, villageId, unitId: null, createdAt: now, updatedAt: now })
      }
    }
  }
  for (const [name, docs] of Object.entries({ towns, campaigns, units, villages, coverage, users, subscriptions })) await addAll(local, name, docs)
  return { heads: TOWNS * VILLAGES_PER_TOWN, villages: villages.length }
}

/** Visits the run never reads: written only to show the cost does not move with them. */
async function addVisits(local: LocalTcb, count: number): Promise<void> {
  const batch: object[] = []
  for (let i = 0; i < count; i += 1) {
    const t = (i % TOWNS) + 1
    const v = (Math.floor(i / TOWNS) % VILLAGES_PER_TOWN) + 1
    batch.push({ _id: `bvisit-${i}`, townId: `bt-${t}`, villageId: `bv-${t}-${v}`, campaignId: `bc-${t}`, householdId: `bh-${i}`, visitedOn: today, status: 'active', qualifying: true, createdAt: new Date() })
    if (batch.length === 1000) await addAll(local, 'visits', batch.splice(0))
  }
  if (batch.length) await addAll(local, 'visits', batch)
}

interface Measured {
  ms: number
  calls: Calls
  reply: unknown
}

async function measure(local: LocalTcb, event: unknown, openid: string | null): Promise<Measured> {
  clearCache()
  const before = local.server.usage().calls
  const started = performance.now()
  const reply = await invoke('reminders', reminders, event, { openid })
  const ms = performance.now() - started
  const calls: Calls = {}
  for (const [name, n] of Object.entries(local.server.usage().calls)) if (n > (before[name] ?? 0)) calls[name] = n - (before[name] ?? 0)
  return { ms, calls, reply }
}

const total = (calls: Calls) => Object.entries(calls).filter(([name]) => name.startsWith('database.')).reduce((sum, [, n]) => sum + n, 0)
const timer = (day: string) => ({ Type: 'Timer', TriggerName: 'weekdays', Time: new Date(`${day}T09:00:00+08:00`).toISOString(), Message: '' })

async function main() {
  const local = await startLocalTcb()
  process.env.TCB_SERVICE_URL = local.serviceUrl
  try {
    const started = performance.now()
    const district = await generateDistrict(local)
    console.log(`District: ${TOWNS} towns, ${district.villages} villages, ${district.heads} unit heads, ${district.villages * 2} cadres (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`)

    const rows: [string, Measured][] = []
    rows.push(['scheduled run, no visits stored', await measure(local, timer(addDays(today, 1)), null)])
    const visitsStarted = performance.now()
    await addVisits(local, VISITS)
    console.log(`(${VISITS} visits added in ${((performance.now() - visitsStarted) / 1000).toFixed(1)} s)\n`)
    // Forget the first run's reminders, so the second has the same work to do.
    const _ = local.app.database().command
    for (const name of ['reminders', 'inbox']) await local.app.database().collection(name).where({ _id: _.exists(true) }).remove()
    rows.push([`the same run, ${VISITS} visits stored`, await measure(local, timer(addDays(today, 1)), null)])
    rows.push(['the same day again (everyone already reminded)', await measure(local, timer(addDays(today, 1)), null)])
    rows.push(['office preview of one town (20 heads)', await measure(local, { action: 'preview', payload: {} }, 'bench-office-1')])

    console.log('| run | reminded | WeChat sent | no grant | time | database calls | reads | writes | per reminded head |')
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    for (const [label, run] of rows) {
      const data = (run.reply as { ok: boolean; data?: Record<string, unknown> }).data ?? {}
      const sent = Number(data.sent ?? 0)
      const noGrant = Number(data.noGrant ?? 0)
      const reminded = sent + noGrant + Number(data.refused ?? 0) + Number(data.failed ?? 0)
      const reads = (run.calls['database.getDocument'] ?? 0) + (run.calls['database.calculateDocument'] ?? 0) + (run.calls['database.aggregateDocuments'] ?? 0)
      const calls = total(run.calls)
      const perHead = reminded ? (calls / reminded).toFixed(2) : '–'
      console.log(`| ${label} | ${reminded} | ${sent} | ${noGrant} | ${(run.ms / 1000).toFixed(2)} s | ${calls} | ${reads} | ${calls - reads} | ${perHead} |`)
    }
    console.log('\nBy request, the first scheduled run:')
    for (const [name, n] of Object.entries(rows[0][1].calls)) console.log(`  ${name.replace(/^database\./, '')} ${n}`)
    console.log('\nLocally each WeChat message is an insert into the outbox collection (counted above as a write); in CloudBase it is the subscribeMessage.send cloud call instead.')
  } finally {
    await local.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
