// Visit creation and roster import through the local gateway: HTTP -> runtime ->
// the bundled visits/households functions -> SDK -> local CloudBase on SQLite.
// The app runs in its own process, as it would for phones; this process only
// generates the load. Prints figures, asserts nothing.  npx tsx bench/visits.bench.ts [visits] [concurrency]
import * as tcb from '@cloudbase/node-sdk'
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { userIdFor } from '../cloudfunctions/_lib/repos/users'
import { shanghaiDay } from '../domain/dates'
import { rosterFilePath } from '../domain/files'
import { spawn } from 'child_process'
import { DEMO_VILLAGES } from '../local/seed/demo-town'
import { buildFunctions } from '../scripts/build-functions'

const VISITS = Number(process.argv[2] ?? 10_000)
const CONCURRENCY = Number(process.argv[3] ?? 16)
const ROSTER_ROWS = 5000

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]

async function main() {
  await buildFunctions()
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-visits-'))
  // BENCH_SERVER_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the app's process.
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)
  const server = spawn(process.execPath, ['--import', 'tsx', ...extra, join(__dirname, 'serve-local.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const app = await new Promise<{ url: string; database: { serviceUrl: string; secretId: string; secretKey: string } }>((resolve, reject) => {
    server.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())))
    server.once('exit', (code) => reject(new Error(`local app exited with ${code}`)))
  })
  process.env.TENCENTCLOUD = 'true'
  const sdk = tcb.init({ env: 'local', ...app.database })
  const db = sdk.database()
  const now = new Date()
  // One cadre per village, as in a real town, so visits spread over villages.
  await db.collection('users').add(
    DEMO_VILLAGES.map((village) => ({
      _id: userIdFor(`bench-${village._id}`),
      openid: `bench-${village._id}`,
      name: `${village.name}网格员`,
      roles: ['resident', 'cadre'],
      townId: village.townId,
      villageId: village._id,
      unitId: null,
      createdAt: now,
      updatedAt: now,
    })),
  )

  const call = async (openid: string, fn: string, body: unknown) => {
    const res = await fetch(`${app.url}/api/fn/${fn}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-local-openid': openid },
    })
    return (await res.json()) as { ok: boolean; error?: { code: string; message: string } }
  }

  const today = shanghaiDay()
  const { total: seeded } = await db.collection('visits').count()
  const latencies: number[] = []
  let failures = 0
  let next = 0
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const i = next++
        if (i >= VISITS) return
        const village = DEMO_VILLAGES[i % DEMO_VILLAGES.length]
        const payload = {
          villageId: village._id,
          newHousehold: { group: (i % 9) + 1, door: `${Math.floor(i / 12) + 1}号`, headName: `户主${i}`, phone: '' },
          unitName: `${village.name}村委会`,
          visitedOn: today,
          items: ['propaganda', 'warningSigned'],
          otherContent: '',
          residentName: `户主${i}`,
          phone: '13800000000',
          phoneDeclinedReason: '',
          coworkers: [],
          signature: { kind: 'refused', reason: '基准测试' },
        }
        const t0 = process.hrtime.bigint()
        const reply = await call(`bench-${village._id}`, 'visits', { action: 'create', payload, requestId: `bench-visit-${i}` })
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
        if (!reply.ok) {
          failures += 1
          if (failures <= 3) console.error('refused:', reply.error)
        }
      }
    }),
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const sorted = latencies.sort((a, b) => a - b)
  console.log(`visits.create through the gateway: ${VISITS} visits, ${CONCURRENCY} concurrent clients, 12 villages`)
  console.log(`  throughput ${(VISITS / seconds).toFixed(0)}/s (target >= 300/s); wall ${seconds.toFixed(1)} s; failures ${failures}`)
  console.log(`  latency p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms (target p99 <= 50 ms)`)
  const { total } = await db.collection('visits').count()
  console.log(`  visits stored by this run: ${Number(total) - Number(seeded)} (the demo seed holds ${seeded})`)

  const rows = Array.from({ length: ROSTER_ROWS }, (_, i) => `${(i % 12) + 1},${i + 1}号,户主${i},1390000${String(i).padStart(4, '0')}`)
  const office = 'demo-office'
  // At the path the app uploads to for this uploader and village: the function accepts no other.
  const cloudPath = rosterFilePath({ villageId: 'v-qinglong', uploaderId: userIdFor(office), uploadId: 'bench-roster', extension: 'csv' })
  const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: Buffer.from(['组,门牌号,户主姓名,联系电话', ...rows].join('\n')) })
  const t0 = process.hrtime.bigint()
  const preview = await call(office, 'households', { action: 'previewImport', payload: { villageId: 'v-qinglong', fileID } })
  const t1 = process.hrtime.bigint()
  const commit = await call(office, 'households', { action: 'commitImport', payload: { villageId: 'v-qinglong', fileID }, requestId: 'bench-import-1' })
  const t2 = process.hrtime.bigint()
  console.log(`roster import of ${ROSTER_ROWS} rows through the gateway (target <= 5 s):`)
  console.log(`  preview ${(Number(t1 - t0) / 1e9).toFixed(2)} s (${preview.ok ? 'ok' : preview.error?.message}); commit ${(Number(t2 - t1) / 1e9).toFixed(2)} s (${commit.ok ? JSON.stringify((commit as unknown as { data: unknown }).data) : commit.error?.message})`)

  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
  rmSync(dataDir, { recursive: true, force: true })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
