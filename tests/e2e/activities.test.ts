import { placeIdFor } from '../../cloudfunctions/_lib/repos/activities'
import { placeNameKey } from '../../domain/activities'
import { DEMO_PHOTO_JPEG } from '../../local/seed/demo-photo'
import { startE2E, textOf, type E2E } from '../support/e2e'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

const MARKET = placeIdFor('v-xinhua', placeNameKey('market', '新华集贸市场'))

describe('宣传活动登记 in Chromium', () => {
  it('a cadre logs a banner at a market offline with a photo, reconnects, and office sees that market covered on 进度看板', async () => {
    // Before: 贾嗣农贸市场 carries a banner, 新华集贸市场 and 燕坝场镇市场 none (local/seed/demo-places.ts).
    const office = await e2e.signIn('demo-office')
    await office.page.goto(`${e2e.app.url}/#/pages/staff/progress/index`)
    await office.page.waitForSelector('#dashboard-places-market')
    expect(await textOf(office.page, '#dashboard-places-market')).toBe('集贸市场：1/3处')

    const { context, page } = await e2e.signIn('demo-cadre')
    // Opened once with signal: the phone keeps the villages, places and campaign.
    await page.goto(`${e2e.app.url}/#/pages/work/index`)
    await page.click('#tool-activity-new')
    await page.waitForSelector('#activity-campaign')
    await page.waitForSelector(`#activity-place-${MARKET}`)
    await page.goBack()

    // At the market without signal the form opens from the phone's copy, and says so.
    await context.setOffline(true)
    await page.click('#tool-activity-new')
    await page.waitForSelector('#activity-offline')
    await page.click('#activity-kind-banner')
    await page.click(`#activity-place-${MARKET}`)
    await page.locator('#input-reached input').fill('2')
    await page.locator('#input-note input').fill('市场南北入口各挂一条')

    // Saving without a photo is refused on the spot, with what to do.
    await page.click('#activity-save')
    await page.waitForSelector('#field-photos-error')
    expect(await textOf(page, '#field-photos-error')).toContain('至少要拍1张照片')

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#activity-photo-take')])
    await chooser.setFiles({ name: 'banner.jpg', mimeType: 'image/jpeg', buffer: DEMO_PHOTO_JPEG })
    await page.waitForSelector('#activity-photos img')
    await page.click('#activity-save')
    await page.waitForFunction(() => document.querySelector('#activity-saved-status')?.textContent?.includes('待上传'))
    expect(await textOf(page, '#activity-queue-pending')).toContain('待上传1条')

    // Back online, the queue syncs by itself.
    await context.setOffline(false)
    await page.waitForFunction(() => document.querySelector('#activity-saved-status')?.textContent?.includes('已上传'), null, { timeout: 30000 })
    await page.waitForFunction(() => !document.querySelector('#activity-queue-pending'))
    await context.close()

    // Office sees the market covered, from the counters the write moved.
    await office.page.reload()
    await office.page.waitForSelector('#dashboard-places-market')
    expect(await textOf(office.page, '#dashboard-places-market')).toBe('集贸市场：2/3处')
    expect(await textOf(office.page, '#village-v-xinhua')).toContain('重点场所2/5处')

    // And in 宣传台账 (a page of its own: the dashboard's village cards share the picker's ids), with the photo on the record.
    const ledger = await office.context.newPage()
    await ledger.goto(`${e2e.app.url}/#/pages/staff/activities/index`)
    await ledger.click('#village-picker #village-v-xinhua')
    await ledger.waitForSelector(`#activity-places #activity-place-${MARKET}`)
    expect(await textOf(ledger, `#activity-places #activity-place-${MARKET}`)).toContain('本次活动已覆盖')
    const record = ledger.locator('#activity-records [id^="activity-a_"]').first()
    expect((await record.textContent())?.replace(/\s+/g, '')).toContain('悬挂横幅/标语·新华集贸市场')
    expect((await record.textContent())?.replace(/\s+/g, '')).toContain('悬挂条数2·照片1张·李网格')
    await office.context.close()
  })
})
