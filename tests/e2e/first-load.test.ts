import type { BrowserContext } from 'playwright-core'
import { startE2E, type E2E } from '../support/e2e'

// On a slow link the app's scripts take seconds: index.html itself shows the
// app's name and 正在加载… until the app has mounted its first page, and says
// so when a script cannot be loaded.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

/** A phone that has never opened the app (empty cache), signed in as the demo resident. */
async function firstVisitor(): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ viewport: { width: 375, height: 760 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 })
  await context.addInitScript(() => localStorage.setItem('local-openid', JSON.stringify({ data: 'demo-resident' })))
  return context
}

describe('the first screen of the H5 app in Chromium', () => {
  it('shows the placeholder while the app’s script is on its way, and removes it once the app has mounted', async () => {
    const context = await firstVisitor()
    const page = await context.newPage()
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    await page.route(/\/js\/app\.[0-9a-f]+\.js$/, async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${e2e.app.url}/`, { waitUntil: 'commit' })

    const placeholder = page.locator('#app-placeholder')
    await placeholder.waitFor({ state: 'visible' })
    expect((await placeholder.innerText()).replace(/\s+/g, '')).toBe('全民反诈正在加载…')
    expect(await page.locator('#app-placeholder-retry').isVisible()).toBe(false)
    const box = await placeholder.boundingBox()
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 760 })
    // Large text, styled by index.html itself.
    expect(await page.locator('#app-placeholder-name').evaluate((element) => getComputedStyle(element).fontSize)).toBe('40px')
    expect(await page.evaluate(() => document.getElementById('app')?.childElementCount)).toBe(0)

    release()
    await page.waitForSelector('#app .taro_page')
    expect(await placeholder.count()).toBe(0)
    await page.waitForFunction(() => document.querySelector('#hotlines')?.textContent?.includes('96110'))
    expect(await placeholder.count()).toBe(0)
    await context.close()
  })

  it('says the app did not load, with a button to try again, when its script cannot be fetched', async () => {
    const context = await firstVisitor()
    const page = await context.newPage()
    await page.route(/\/js\/app\.[0-9a-f]+\.js$/, (route) => route.abort('internetdisconnected'))
    await page.goto(`${e2e.app.url}/`)
    await page.waitForFunction(() => document.getElementById('app-placeholder-text')?.textContent?.includes('没有加载成功'))
    expect(await page.locator('#app-placeholder-retry').isVisible()).toBe(true)

    // Back online, 重新加载 brings the app.
    await page.unroute(/\/js\/app\.[0-9a-f]+\.js$/)
    await page.click('#app-placeholder-retry')
    await page.waitForSelector('#app .taro_page')
    expect(await page.locator('#app-placeholder').count()).toBe(0)
    await context.close()
  })
})
