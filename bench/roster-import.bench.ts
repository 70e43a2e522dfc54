// Roster import (households.previewImport) of oversized and normal files through
// the local gateway, while another client keeps calling a cheap action
// (account.me): how long the import takes, what it answers, and how much it
// holds up everyone else. The app runs in a child process (this file with
// `serve`), which also measures its own event-loop delay. Prints figures,
// asserts nothing.  npx tsx bench/roster-import.bench.ts
import { fork } from 'child_process'
import ExcelJS from 'exceljs'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { monitorEventLoopDelay } from 'perf_hooks'
import { PassThrough } from 'stream'
import { cloudApp } from '../cloudfunctions/_lib/cloud'
import { userIdFor } from '../cloudfunctions/_lib/repos/users'
import { rosterFilePath } from '../domain/files'
import { startLocal } from '../local/app'
import { buildFunctions } from '../scripts/build-functions'

const VILLAGE = 'v-qinglong'
const IMPORTER = 'demo-office'
const BYSTANDER = 'demo-cadre'
const HEADER = ['组', '门牌号', '户主姓名', '联系电话']

interface LoopDelay {
  p50: number
  p99: number
  max: number
}
type ToChild = { type: 'reset' } | { type: 'read' } | { type: 'upload'; cloudPath: string; file: string }
type FromChild = { type: 'ready'; url: string } | { type: 'delay'; delay: LoopDelay } | { type: 'uploaded'; fileID: string }

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN
const ms = (n: number) => `${n.toFixed(1)} ms`

/** The child: the local app as `npm start` runs it, with an event-loop delay histogram. */
async function serve(dataDir: string) {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  const app = await startLocal({ port: 0, dataDir, scheduler: false })
  const reply = (message: FromChild) => process.send?.(message)
  process.on('message', (message: ToChild) => {
    if (message.type === 'reset') histogram.reset()
    if (message.type === 'read') reply({ type: 'delay', delay: { p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 } })
    // With the SDK the functions use (startLocal pointed it at its server), as a phone's upload lands.
    if (message.type === 'upload') {
      void cloudApp()
        .uploadFile({ cloudPath: message.cloudPath, fileContent: readFileSync(message.file) })
        .then(({ fileID }) => reply({ type: 'uploaded', fileID }))
    }
  })
  process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)))
  process.send?.({ type: 'ready', url: app.url } satisfies FromChild)
}

/** One sheet: the header, then `rows` rows from `row` — through ExcelJS's streaming writer, shared strings on (as Excel writes them). */
async function xlsx(rows: number, row: (i: number) => (string | number)[]): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: false })
  const sheet = workbook.addWorksheet('名册')
  sheet.addRow(HEADER).commit()
  for (let i = 0; i < rows; i += 1) sheet.addRow(row(i)).commit()
  sheet.commit()
  await workbook.commit()
  return Buffer.concat(chunks)
}

async function main() {
  await buildFunctions()
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-roster-'))
  const filesDir = mkdtempSync(join(tmpdir(), 'bench-roster-files-'))
  // BENCH_SERVER_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the app's process.
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)
  const child = fork(__filename, ['serve', dataDir], { execArgv: ['--import', 'tsx', ...extra], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`local app exited with ${code}`))))
  exited.catch(() => undefined)
  const next = <T extends FromChild['type']>(type: T) =>
    Promise.race([
      exited,
      new Promise<Extract<FromChild, { type: T }>>((resolve) => {
        const onMessage = (message: FromChild) => {
          if (message.type !== type) return
          child.off('message', onMessage)
          resolve(message as Extract<FromChild, { type: T }>)
        }
        child.on('message', onMessage)
      }),
    ])
  try {
    const { url } = await next('ready')
    await measure(url, {
      loopDelay: async () => {
        const answer = next('delay')
        child.send({ type: 'read' } satisfies ToChild)
        return (await answer).delay
      },
      resetLoopDelay: () => child.send({ type: 'reset' } satisfies ToChild),
      upload: async (name, content) => {
        const file = join(filesDir, name)
        writeFileSync(file, content)
        const extension = name.endsWith('.xlsx') ? 'xlsx' : 'csv'
        const cloudPath = rosterFilePath({ villageId: VILLAGE, uploaderId: userIdFor(IMPORTER), uploadId: `bench-${name.replace(/\W/g, '-')}`, extension })
        const answer = next('uploaded')
        child.send({ type: 'upload', cloudPath, file } satisfies ToChild)
        return (await answer).fileID
      },
    })
  } finally {
    child.kill('SIGTERM')
    await exited.catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(filesDir, { recursive: true, force: true })
  }
}

interface App {
  loopDelay(): Promise<LoopDelay>
  resetLoopDelay(): void
  upload(name: string, content: Buffer): Promise<string>
}

async function measure(url: string, app: App) {
  const call = async (openid: string, fn: string, body: unknown) => {
    const res = await fetch(`${url}/api/fn/${fn}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-local-openid': openid },
    })
    return (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } }
  }
  /** Calls account.me back to back until `until` settles: the latencies, sorted. */
  const bystander = async (until: Promise<unknown>) => {
    let done = false
    void until.finally(() => (done = true))
    const latencies: number[] = []
    while (!done) {
      const t0 = performance.now()
      await call(BYSTANDER, 'account', { action: 'me' })
      latencies.push(performance.now() - t0)
    }
    return latencies.sort((a, b) => a - b)
  }
  const report = (latencies: number[], delay: LoopDelay) => {
    console.log(`  account.me ×${latencies.length}: p50 ${ms(pct(latencies, 50))}, p99 ${ms(pct(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)}`)
    console.log(`  app event-loop delay: p99 ${ms(delay.p99)}, max ${ms(delay.max)}`)
  }

  // Warm up (the first calls load and JIT the functions), then the bystander alone.
  for (let i = 0; i < 20; i += 1) await call(BYSTANDER, 'account', { action: 'me' })
  console.log('households.previewImport while another user calls account.me back to back (target: the other user barely notices)')
  app.resetLoopDelay()
  console.log('no import, 2 s:')
  report(await bystander(new Promise((resolve) => setTimeout(resolve, 2000))), await app.loopDelay())

  const row = (i: number) => [(i % 12) + 1, `${i + 1}号`, `户主${i}`, `1390000${String(i).padStart(4, '0')}`]
  const files: { name: string; content: () => Promise<Buffer> }[] = [
    { name: '600000-rows.xlsx', content: () => xlsx(600_000, () => ['1号']) },
    { name: '5mb-blank-lines.csv', content: async () => Buffer.alloc(5 * 1024 * 1024, '\n') },
    { name: '5000-rows.csv', content: async () => Buffer.from([HEADER, ...Array.from({ length: 5000 }, (_, i) => row(i))].map((cells) => cells.join(',')).join('\n')) },
    { name: '5000-rows.xlsx', content: () => xlsx(5000, row) },
  ]
  for (const file of files) {
    const content = await file.content()
    const fileID = await app.upload(file.name, content)
    app.resetLoopDelay()
    const t0 = performance.now()
    const preview = call(IMPORTER, 'households', { action: 'previewImport', payload: { villageId: VILLAGE, fileID } }).then((reply) => ({ reply, wall: performance.now() - t0 }))
    const latencies = await bystander(preview)
    const { reply, wall } = await preview
    const outcome = reply.ok ? `ok ${JSON.stringify(reply.data).slice(0, 100)}` : `${reply.error?.code} ${reply.error?.message}`
    console.log(`${file.name} (${(content.length / 1024 / 1024).toFixed(2)} MB): ${ms(wall)} -> ${outcome}`)
    report(latencies, await app.loopDelay())
  }
}

const run = process.argv[2] === 'serve' ? serve(process.argv[3]) : main()
run.catch((error) => {
  console.error(error)
  process.exit(1)
})
