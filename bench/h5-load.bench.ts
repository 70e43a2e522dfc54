// The H5 app's first visit and revisit on a slow link: the bytes the browser
// receives, when something is first painted (the inline placeholder of
// src/index.html), when the app has mounted its first page and when the home
// page shows the town's hotlines. Headless Chromium with the DevTools
// protocol's network throttling; the app in its own process (serve-local.ts).
// Prints figures, asserts nothing.
//   npx tsx bench/h5-load.bench.ts [kbps] [latency ms] [runs]     (default 250 300 3: 2G-like)
import { spawn } from 'child_process'
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core'
import { ensureBuilt } from '../local/build'
import { CHROMIUM_ARGS } from '../tests/support/e2e'

const KBPS = Number(process.argv[2] ?? 250)
const LATENCY_MS = Number(process.argv[3] ?? 300)
const RUNS = Number(process.argv[4] ?? 3)

interface Visit {
  /** Bytes on the wire (headers included) for the app's files, and for everything. */
  staticBytes: number
  allBytes: number
  requests: number
  notModified: number
  firstPaint: number
  firstContentfulPaint: number
  appMounted: number
  homeReady: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Counts what arrives over the network until `settle` resolves. */
async function recordBytes(cdp: CDPSession, settle: () => Promise<void>): Promise<Pick<Visit, 'staticBytes' | 'allBytes' | 'requests' | 'notModified'>> {
  const urls = new Map<string, string>()
  const statuses = new Map<string, number>()
  let staticBytes = 0
  let allBytes = 0
  let requests = 0
  const onRequest = (event: { requestId: string; request: { url: string } }) => urls.set(event.requestId, event.request.url)
  // The status on the wire: responseReceived says 200 for a revalidated cached file.
  const onResponse = (event: { requestId: string; statusCode: number }) => statuses.set(event.requestId, event.statusCode)
  const onFinished = (event: { requestId: string; encodedDataLength: number }) => {
    const url = urls.get(event.requestId)
    if (!url || event.encodedDataLength === 0) return
    requests += 1
    allBytes += event.encodedDataLength
    if (!new URL(url).pathname.startsWith('/api/')) staticBytes += event.encodedDataLength
  }
  cdp.on('Network.requestWillBeSent', onRequest)
  cdp.on('Network.responseReceivedExtraInfo', onResponse)
  cdp.on('Network.loadingFinished', onFinished)
  await settle()
  cdp.off('Network.requestWillBeSent', onRequest)
  cdp.off('Network.responseReceivedExtraInfo', onResponse)
  cdp.off('Network.loadingFinished', onFinished)
  return { staticBytes, allBytes, requests, notModified: [...statuses.values()].filter((status) => status === 304).length }
}

async function visit(context: BrowserContext, url: string, throttled: boolean): Promise<Visit> {
  // A revisit opens the address again, as from a bookmark (not a reload, which revalidates everything).
  const page = context.pages()[0] ?? (await context.newPage())
  if (page.url() !== 'about:blank') await page.goto('about:blank')
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  if (throttled) {
    const bytesPerSecond = (KBPS * 1000) / 8
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond })
  }
  const bytes = await recordBytes(cdp, async () => {
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => document.querySelector('#hotlines')?.textContent?.includes('96110'), null, { timeout: 180000, polling: 50 })
  })
  // Paint entries arrive a frame or two after the paint itself.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10000 }).catch(() => undefined)
  const times = await page.evaluate(() => {
    const paint = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN
    const marks = (window as unknown as { __bench: { appMounted: number; homeReady: number } }).__bench
    return { firstPaint: paint('first-paint'), firstContentfulPaint: paint('first-contentful-paint'), ...marks }
  })
  await cdp.detach()
  return { ...bytes, ...times }
}

/** Notes, from the document's start, when #app gets its first page and when the hotlines show. */
function watchMount(): void {
  const marks = { appMounted: NaN, homeReady: NaN }
  ;(window as unknown as { __bench: typeof marks }).__bench = marks
  const observer = new MutationObserver(() => {
    if (Number.isNaN(marks.appMounted) && document.querySelector('#app .taro_page')) marks.appMounted = performance.now()
    if (Number.isNaN(marks.homeReady) && document.querySelector('#hotlines')?.textContent?.includes('96110')) {
      marks.homeReady = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true })
}

async function main() {
  await ensureBuilt()
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-h5-'))
  const server = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'serve-local.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const app = await new Promise<{ url: string }>((resolve, reject) => {
    server.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())))
    server.once('exit', (code) => reject(new Error(`local app exited with ${code}`)))
  })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const newContext = async (encoding: string | null) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 760 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    // tsx names functions with esbuild's __name helper, which the page lacks.
    await context.addInitScript({ content: 'window.__name = function (fn) { return fn }' })
    // Signed in as the demo resident, as after the local sign-in page.
    await context.addInitScript(() => localStorage.setItem('local-openid', JSON.stringify({ data: 'demo-resident' })))
    await context.addInitScript(watchMount)
    if (encoding) await context.setExtraHTTPHeaders({ 'accept-encoding': encoding })
    return context
  }

  try {
    // One unthrottled visit first: the gateway compresses each file once, on its first request.
    const warm = await newContext(null)
    const started = Date.now()
    await visit(warm, app.url, false)
    console.log(`warm-up visit (compresses each file once): ${Date.now() - started} ms`)
    await warm.close()

    console.log(`\nfirst visit and revisit of ${app.url}/ as the demo resident, ${KBPS} kbps, ${LATENCY_MS} ms latency, 375 px phone; median of ${RUNS}`)
    console.log('variant              | app files KB | all KB | requests | 304s | first paint ms | FCP ms | app mounted ms | hotlines ms')
    for (const [label, encoding] of [
      ['identity, first', 'identity'],
      ['gzip, first', 'gzip'],
      ['br+gzip, first', null],
    ] as const) {
      const first: Visit[] = []
      const again: Visit[] = []
      for (let run = 0; run < RUNS; run += 1) {
        const context = await newContext(encoding)
        first.push(await visit(context, app.url, true))
        if (encoding === null) again.push(await visit(context, app.url, true))
        await context.close()
      }
      const row = (name: string, visits: Visit[]) =>
        console.log(
          [
            name.padEnd(20),
            (median(visits.map((v) => v.staticBytes)) / 1024).toFixed(1).padStart(12),
            (median(visits.map((v) => v.allBytes)) / 1024).toFixed(1).padStart(6),
            String(median(visits.map((v) => v.requests))).padStart(8),
            String(median(visits.map((v) => v.notModified))).padStart(4),
            median(visits.map((v) => v.firstPaint)).toFixed(0).padStart(14),
            median(visits.map((v) => v.firstContentfulPaint)).toFixed(0).padStart(6),
            median(visits.map((v) => v.appMounted)).toFixed(0).padStart(14),
            median(visits.map((v) => v.homeReady)).toFixed(0).padStart(11),
          ].join(' | '),
        )
      row(label, first)
      if (again.length) row('br+gzip, revisit', again)
    }
  } finally {
    await browser.close()
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
