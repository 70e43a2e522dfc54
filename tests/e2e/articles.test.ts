import type { Page } from 'playwright-core'
import { startE2E, textOf, type E2E } from '../support/e2e'
import { decodeQrPng, readPng } from '../support/qr'

// 反诈学习 end to end in Chromium against the local app: office publishes an
// alert with a cover image and notifies subscribers; a resident opens it from
// the list, marks it learned and shares it; a second user opens the shared
// link and the read counts for the first user's village; a poster's code,
// read back from the printed image, opens the article for its village.


const COVER = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAQCAIAAAD4YuoOAAAAKElEQVR42mP8z0AZYBw1gGHUgFEDRg0YNWDUgFEDRg0YNWDUAIYAAOUbAgEdtMIyAAAAAElFTkSuQmCC',
  'base64',
)
const TITLE = '紧急预警：冒充“快递理赔”骗局又来了'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

async function reachOf(page: Page, articleId: string, villageId: string): Promise<string> {
  await page.goto(`${e2e.app.url}/#/pages/staff/article-reach/index`)
  await page.click(`#reach-article-${articleId}`)
  await page.waitForFunction((title) => document.querySelector('#reach')?.textContent?.includes(`《${title}》`), TITLE)
  return textOf(page, `#reach-v-${villageId}`)
}

describe('反诈学习 in Chromium', () => {
  let articleId = ''

  it('office publishes an alert with a cover image and 通知订阅者; the subscriber is sent it', async () => {
    const { page } = await e2e.signIn('demo-office')
    await page.goto(`${e2e.app.url}/#/pages/work/index`)
    await page.click('#tool-articles')
    await page.click('#article-new')
    await page.locator('#input-title input').fill(TITLE)
    await page.click('#category-alert')
    await page.locator('#key-point-0 input').fill('理赔退款只在购物平台官方APP办')
    await page.locator('#key-point-1 input').fill('不下载陌生软件，不共享屏幕')
    await page.locator('#key-point-2 input').fill('转账前先打96110问一问')
    const chooser = page.waitForEvent('filechooser')
    await page.click('#cover-pick')
    await (await chooser).setFiles({ name: 'cover.png', mimeType: 'image/png', buffer: COVER })
    await page.waitForSelector('.editor-cover')
    await page.click('#add-paragraph')
    await page.locator('#block-0-text textarea').fill('对方说你的快递丢了，要**双倍理赔**，让你下载会议软件共享屏幕。')
    await page.click('#editor-save')
    await page.waitForFunction(() => document.querySelector('#editor-status')?.textContent?.includes('已保存'))
    await page.click('#editor-publish')
    await page.click('#publish-confirm')
    await page.waitForFunction(() => document.querySelector('#alert-progress-text')?.textContent?.includes('已通知'), null, { timeout: 30000 })
    expect(await textOf(page, '#alert-progress-text')).toContain('已通知1位订阅者')
    const outbox = await (await page.request.get(`${e2e.app.url}/local/outbox?openid=demo-resident`)).text()
    expect(outbox).toContain('pages/article/index?id=')
  })

  it('a resident opens it from the list, marks it learned and shares it; a second user’s read through the link counts for her village', async () => {
    const { context, page } = await e2e.signIn('demo-resident')
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.goto(`${e2e.app.url}/#/pages/learn/index`)
    await page.locator('.article-card', { hasText: '冒充“快递理赔”' }).first().click()
    await page.waitForSelector('#article-title')
    articleId = new URL(page.url().replace('#/', '')).searchParams.get('id') ?? ''
    expect(articleId).toMatch(/^a_/)
    // The cover arrives through a temporary link.
    expect(await page.locator('.article__cover img, img.article__cover').first().getAttribute('src')).toMatch(/\/storage\//)
    await page.click('#learn-button')
    await page.waitForSelector('#learned-done')
    await page.click('#share-village-ask')
    await page.click('#home-village-v-shiliang')
    await page.click('#home-village-save')
    await page.waitForFunction(() => document.querySelector('#share-credit')?.textContent?.includes('石梁村'))
    await page.click('#share-copy')
    await page.waitForSelector('#share-message')
    const link = await page.evaluate(() => navigator.clipboard.readText())
    expect(link).toMatch(new RegExp(`#/pages/article/index\\?id=${articleId}&s=[A-Z0-9]{10}$`))

    // A second user: a newcomer signed in on another phone.
    const second = await e2e.browser.newContext({ viewport: { width: 375, height: 760 }, isMobile: true, hasTouch: true })
    const other = await second.newPage()
    await other.goto(`${e2e.app.url}/local/signin`)
    await other.click('#new-resident')
    await other.waitForURL(/\/#\/pages\/home\/index|\/$/)
    await other.goto(link)
    await other.waitForSelector('#learn-button')
    expect(await textOf(other, '#article-title')).toContain('快递理赔')
    await second.close()

    const office = await e2e.signIn('demo-office')
    // Her own read came before she said where she lives: only the share and the read through it count for 石梁村.
    const row = await reachOf(office.page, articleId, 'v-shiliang')
    expect(row).toContain('石梁村（阅读1）')
    expect(row).toMatch(/1分享1分享带来阅读0海报带来阅读0我已学习/)
  })

  it('a cadre’s poster carries a code that, scanned, opens the article for the village without signing in', async () => {
    const { page } = await e2e.signIn('demo-cadre')
    await page.goto(`${e2e.app.url}/#/pages/staff/article-poster/index?id=${articleId}`)
    await page.waitForSelector('#poster-save', { timeout: 30000 })
    const png = await page.evaluate(() => {
      const host = document.querySelector('#poster-canvas') as HTMLElement
      const canvas = (host.tagName === 'CANVAS' ? host : host.querySelector('canvas')) as HTMLCanvasElement
      return canvas.toDataURL('image/png')
    })
    const printed = Buffer.from(png.split(',')[1], 'base64')
    const image = readPng(printed)
    expect([image.width, image.height]).toEqual([1240, 1754])
    const code = decodeQrPng(printed)
    expect(code).toMatch(/#\/pages\/article\/index\?scene=[A-Z0-9]{10}$/)

    // A phone's browser on the door, nobody signed in.
    const stranger = await e2e.browser.newContext({ viewport: { width: 375, height: 760 }, isMobile: true })
    const door = await stranger.newPage()
    await door.goto(code as string)
    await door.waitForSelector('#single-page-note')
    expect(await textOf(door, '#article-title')).toContain('快递理赔')
    expect(door.url()).not.toContain('/local/signin')
    await stranger.close()

    const office = await e2e.signIn('demo-office')
    expect(await reachOf(office.page, articleId, 'v-xinhua')).toMatch(/1海报带来阅读/)
  })
})
