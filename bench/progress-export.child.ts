// One archive export in a process of its own, so its memory is measured alone:
// prints a JSON line { ms, rssBeforeMb, peakRssMb, vmHwmMb, reply }.
// progress.bench.ts bundles it (as the function is deployed) and runs
//   node bench/.out/progress-export.child.js <openid> <villageId> <from> <to>
// with TCB_SERVICE_URL, TCB_SECRET_ID/TCB_SECRET_KEY and TENCENTCLOUD from the parent.
import { readFileSync } from 'fs'
import { main as progress } from '../cloudfunctions/progress'
import { invoke } from '../local/runtime/invoke'

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

function vmHwm(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((entry) => entry.startsWith('VmHWM:'))
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0
}

async function run() {
  const [openid, villageId, from, to] = process.argv.slice(2)
  // Everything loaded and warm (SDK, exceljs) before measuring, as in a warm function instance.
  await invoke('progress', progress, { action: 'dashboard', payload: {} }, { openid })
  const rssBefore = process.memoryUsage().rss
  let peak = rssBefore
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 10)
  const t0 = process.hrtime.bigint()
  const reply = await invoke('progress', progress, { action: 'exportArchive', payload: { villageId, from, to }, requestId: `bench-export-${Date.now()}` }, { openid })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  process.stdout.write(`${JSON.stringify({ ms, rssBeforeMb: mb(rssBefore), peakRssMb: mb(peak), vmHwmMb: mb(vmHwm()), reply })}\n`)
}

run().catch((error) => {
  console.error(error)
  process.exit(1)
})
