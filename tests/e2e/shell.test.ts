import { startE2E, textOf, type E2E } from '../support/e2e'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

const ROLES: [string, string, string[]][] = [
  ['demo-resident', '张阿姨', ['首页', '学习', '举报', '我的']],
  ['demo-cadre', '李网格', ['首页', '学习', '举报', '工作', '我的']],
  ['demo-unit-head', '周敏', ['首页', '学习', '举报', '工作', '我的']],
  ['demo-office', '陈主任', ['首页', '学习', '举报', '工作', '我的']],
  ['demo-police', '何警官', ['首页', '学习', '举报', '工作', '我的']],
]

describe('the local app in Chromium', () => {
  it.each(ROLES)('signs %s in and shows that role’s tabs and the town’s hotlines', async (openid, name, tabs) => {
    const { context, page } = await e2e.signIn(openid)
    await page.waitForSelector('#tab-bar .tab-bar__item')
    await page.waitForFunction((expected) => document.body.textContent?.includes(expected), name)
    const shown = await page.locator('#tab-bar .tab-bar__text').allTextContents()
    expect(shown.map((text) => text.trim())).toEqual(tabs)
    expect(await textOf(page, '#hotlines')).toContain('96110')
    expect(await textOf(page, '#hotlines')).toContain('023-47651042')
    await context.close()
  })

  it('signs a new resident up on first use, without any staff tools', async () => {
    const { context, page } = await e2e.signIn('demo-resident')
    await page.goto(`${e2e.app.url}/local/signin`)
    await page.click('#new-resident')
    await page.waitForSelector('#tab-bar .tab-bar__item')
    await page.waitForFunction(() => document.body.textContent?.includes('微信用户'))
    expect(await page.locator('#tab-work').count()).toBe(0)
    await context.close()
  })

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    const { context, page } = await e2e.signIn('demo-office', { width: 320 })
    await page.waitForSelector('#tab-bar .tab-bar__item')
    await page.click('#tab-work')
    await page.waitForURL(/pages\/work\/index/)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await context.close()
  })
})
