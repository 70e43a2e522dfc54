import { mkdirSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import type { CDPSession, Page } from 'playwright-core'
import { startE2E, type E2E } from '../support/e2e'

// Every page reachable from 工作 fits the screen, during its slide-in and after
// it: Taro's H5 router slides a page in from translate(100%), which once made
// the document twice the screen wide and left mobile Chromium's layout viewport
// widened, so a sideways swipe panned into blank space. Widths are checked
// against the real viewport (Playwright's and the DevTools protocol's visual
// viewport), never innerWidth, which the widened layout viewport inflates.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

const SCREENS_DIR = join(tmpdir(), 'e2e-work-pages')

interface FrameReport {
  frames: number
  /** The widest the document, the page stack's boxes and any shown page were in any frame. */
  documentWidth: number
  containerRight: number
  pageWidth: number
  worst: string
}

/** Samples every animation frame from now until `stopSampling`: the transition is in there. */
async function startSampling(page: Page): Promise<void> {
  await page.evaluate(() => {
    const report = { frames: 0, documentWidth: 0, containerRight: 0, pageWidth: 0, worst: '' }
    const state = { report, running: true }
    ;(window as unknown as { __fit: typeof state }).__fit = state
    const sample = () => {
      if (!state.running) return
      report.frames += 1
      const documentWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)
      const containers = [document.documentElement, document.body, document.getElementById('app'), document.querySelector('.taro_router')]
      const containerRight = Math.max(...containers.map((element) => (element ? element.getBoundingClientRect().right : 0)))
      const pages = Array.from(document.querySelectorAll('.taro_page')).filter((element) => getComputedStyle(element).display !== 'none')
      const pageWidth = Math.max(0, ...pages.map((element) => Math.round(element.getBoundingClientRect().width * 100) / 100))
      if (documentWidth > report.documentWidth || containerRight > report.containerRight || pageWidth > report.pageWidth) {
        report.worst = `frame ${report.frames}: document ${documentWidth}, stack right ${containerRight}, page width ${pageWidth}, pages ${pages
          .map((element) => `${element.id} [${Math.round(element.getBoundingClientRect().left)}, ${Math.round(element.getBoundingClientRect().right)}]`)
          .join(' ')}`
      }
      report.documentWidth = Math.max(report.documentWidth, documentWidth)
      report.containerRight = Math.max(report.containerRight, containerRight)
      report.pageWidth = Math.max(report.pageWidth, pageWidth)
      requestAnimationFrame(sample)
    }
    requestAnimationFrame(sample)
  })
}

async function stopSampling(page: Page): Promise<FrameReport> {
  return page.evaluate(() => {
    const state = (window as unknown as { __fit: { report: FrameReport; running: boolean } }).__fit
    state.running = false
    return state.report
  })
}

/** The one shown page is `path`, stationed (its slide is over), with its data loaded. */
async function settledOn(page: Page, path: string): Promise<void> {
  await page.waitForFunction((expected) => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter((element) => getComputedStyle(element).display !== 'none')
    return (
      shown.length === 1 &&
      shown[0].id.startsWith(expected) &&
      shown[0].classList.contains('taro_page_stationed') &&
      !shown[0].querySelector('.status-view--loading')
    )
  }, path)
  // Two more frames for whatever the data just rendered.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
}

async function viewportWidth(page: Page, cdp: CDPSession): Promise<number> {
  const metrics = await cdp.send('Page.getLayoutMetrics')
  const width = page.viewportSize()?.width
  expect(metrics.cssVisualViewport.clientWidth).toBe(width)
  return metrics.cssVisualViewport.clientWidth
}

/** The settled page: nothing wider than the screen, and no way to move sideways. */
async function expectFitsAfter(page: Page, cdp: CDPSession, width: number, label: string): Promise<void> {
  const metrics = await cdp.send('Page.getLayoutMetrics')
  expect({ label, layoutViewport: metrics.cssLayoutViewport.clientWidth, content: Math.ceil(metrics.cssContentSize.width) }).toEqual({ label, layoutViewport: width, content: width })
  const boxes = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.taro_page')).filter((element) => getComputedStyle(element).display !== 'none')
    return {
      document: document.documentElement.scrollWidth,
      pages: shown.map((element) => {
        const box = element.getBoundingClientRect()
        return { left: Math.round(box.left), right: Math.round(box.right), overflow: element.scrollWidth - element.clientWidth }
      }),
    }
  })
  expect({ label, ...boxes }).toEqual({ label, document: width, pages: [{ left: 0, right: width, overflow: 0 }] })

  // A sideways swipe, a sideways wheel and a script's scroll all leave the page where it is.
  await cdp.send('Input.synthesizeScrollGesture', { x: Math.round(width / 2), y: 300, xDistance: -200, yDistance: 0, gestureSourceType: 'touch', speed: 2000 })
  await cdp.send('Input.synthesizeScrollGesture', { x: Math.round(width / 2), y: 300, xDistance: -200, yDistance: 0, gestureSourceType: 'mouse', speed: 2000 })
  const scrolled = await page.evaluate(() => {
    window.scrollTo(200, window.scrollY)
    const at = { scrollX: window.scrollX, visualLeft: Math.round(window.visualViewport?.pageLeft ?? 0) }
    window.scrollTo(0, window.scrollY)
    return at
  })
  expect({ label, ...scrolled }).toEqual({ label, scrollX: 0, visualLeft: 0 })
}

function expectFitsDuring(report: FrameReport, width: number, label: string): void {
  expect(report.frames).toBeGreaterThan(0)
  expect({ label, document: report.documentWidth <= width, stack: report.containerRight <= width, page: report.pageWidth <= width, worst: report.worst }).toEqual({
    label,
    document: true,
    stack: true,
    page: true,
    worst: report.worst,
  })
}

/** Runs `check`; on failure keeps a screenshot of the moment (a diagnostic only) and says where. */
async function withScreenshot(page: Page, name: string, check: () => Promise<void>): Promise<void> {
  try {
    await check()
  } catch (error) {
    mkdirSync(SCREENS_DIR, { recursive: true })
    const path = join(SCREENS_DIR, `${name.replace(/[^\w-]+/g, '_')}.png`)
    await page.screenshot({ path, fullPage: true }).catch(() => undefined)
    throw new Error(`${(error as Error).message}\n(screenshot: ${path})`)
  }
}

const STAFF = ['demo-cadre', 'demo-unit-head', 'demo-office', 'demo-police']
const CASES = [375, 320].flatMap((width) => STAFF.map((openid) => [openid, width] as const))

describe('pages opened from 工作 fit the screen in Chromium', () => {
  it.each(CASES)('%s at %i px: every tool page, while it slides in and after, and back', async (openid, requestedWidth) => {
    const { context, page } = await e2e.signIn(openid, { width: requestedWidth })
    const cdp = await context.newCDPSession(page)
    await page.waitForSelector('#tab-bar .tab-bar__item')
    const width = await viewportWidth(page, cdp)

    await startSampling(page)
    await page.click('#tab-work')
    await page.waitForSelector('.tool--ready')
    await settledOn(page, '/pages/work/index')
    expectFitsDuring(await stopSampling(page), width, '工作')

    const tools = await page.$$eval('.tool--ready', (elements) => elements.map((element) => element.id))
    expect(tools.length).toBeGreaterThan(1)
    for (const tool of tools) {
      const label = `${openid} ${width}px ${tool}`
      await withScreenshot(page, label, async () => {
        await startSampling(page)
        const before = page.url()
        await page.click(`#${tool}`)
        await page.waitForFunction((url) => location.href !== url, before)
        const path = new URL(page.url()).hash.slice(1).split('?')[0]
        await settledOn(page, path)
        expectFitsDuring(await stopSampling(page), width, `${label}: sliding in`)
        await expectFitsAfter(page, cdp, width, `${label}: settled`)

        await startSampling(page)
        await page.goBack()
        await settledOn(page, '/pages/work/index')
        // The page that slid out is gone from the stack once its slide is over.
        await page.waitForFunction(() => document.querySelectorAll('.taro_page').length === 1)
        expectFitsDuring(await stopSampling(page), width, `${label}: back`)
        await expectFitsAfter(page, cdp, width, `${label}: back on 工作`)
      })
    }
    await context.close()
  })
})
