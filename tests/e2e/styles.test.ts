import { startE2E, type E2E } from '../support/e2e'

// The H5 build splits CSS per page chunk: a class defined in a stylesheet that
// only another page imports is unstyled until that page has loaded once. The
// static check is tests/unit/styles.test.ts; this is what a user saw.

describe('a page opened first, before any form page has loaded', () => {
  let e2e: E2E
  beforeAll(async () => {
    e2e = await startE2E()
  })
  afterAll(() => e2e.stop())

  it.each(['demo-police', 'demo-unit-head'])('%s sees the search box of 村（社区）入户记录 with its border', async (openid) => {
    const { context, page } = await e2e.signIn(openid)
    // A fresh document: only this page's styles (and the app's) are loaded.
    await page.goto(`${e2e.app.url}/#/pages/staff/visits/index?scope=village`)
    await page.reload()
    await page.click('#village-v-xinhua')
    const box = page.locator('#visit-search')
    await box.waitFor()
    const style = await box.evaluate((element) => {
      const computed = getComputedStyle(element)
      return { width: computed.borderTopWidth, style: computed.borderTopStyle, color: computed.borderTopColor, background: computed.backgroundColor }
    })
    expect(style).toEqual({ width: '1px', style: 'solid', color: 'rgb(138, 138, 138)', background: 'rgb(255, 255, 255)' })
    await context.close()
  })
})
