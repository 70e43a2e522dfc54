import type { CDPSession, Page } from 'playwright-core'
import { startE2E, textOf, type E2E } from '../support/e2e'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

/** Real touch strokes on the signature canvas, through the DevTools protocol (Playwright's mouse does not fire Taro's onTouch*). */
async function sign(page: Page, cdp: CDPSession): Promise<void> {
  const canvas = page.locator('#signature-field canvas').first()
  await canvas.scrollIntoViewIfNeeded()
  const box = await canvas.boundingBox()
  if (!box) throw new Error('no signature canvas on screen')
  for (const [fromX, fromY, toX, toY] of [
    [0.15, 0.3, 0.4, 0.7],
    [0.45, 0.6, 0.7, 0.25],
    [0.6, 0.5, 0.9, 0.55],
  ]) {
    const at = (fx: number, fy: number) => [{ x: box.x + box.width * fx, y: box.y + box.height * fy }]
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(fromX, fromY) })
    for (let step = 1; step <= 12; step += 1) {
      const t = step / 12
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(fromX + (toX - fromX) * t, fromY + (toY - fromY) * t + Math.sin(t * 6) * 0.05) })
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  }
}

describe('入户登记 in Chromium', () => {
  it('saves a signed visit without signal, syncs it when back online, and the signature image can be fetched', async () => {
    const { context, page } = await e2e.signIn('demo-cadre')
    const cdp = await context.newCDPSession(page)
    // Opened once with signal: the phone keeps what the form needs.
    await page.goto(`${e2e.app.url}/#/pages/work/index`)
    await page.click('#tool-visits')
    await page.waitForSelector('#visit-campaign')
    await page.goBack()

    // At a door without signal the form opens from the phone's copy, and says so.
    await context.setOffline(true)
    await page.click('#tool-visits')
    await page.waitForSelector('#visit-offline')

    await page.click('#visit-item-propaganda')
    await page.click('#visit-item-warningSigned')
    await page.click('#household-mode-new')
    await page.locator('#field-newHousehold-group input').fill('9')
    await page.locator('#field-newHousehold-door input').fill('九百零一号')
    await page.locator('#field-newHousehold-headName input').fill('测试户主')
    await page.locator('#input-residentName input').fill('测试大爷')
    await page.locator('#visit-phone input').fill('13912345678')
    await sign(page, cdp)

    await page.click('#visit-save')
    await page.waitForFunction(() => document.querySelector('#visit-saved-status')?.textContent?.includes('待上传'))
    expect(await textOf(page, '#queue-pending')).toContain('1')
    // The form scrolls up to the card that says what became of the record, and nothing lies over it.
    await page.waitForFunction(() => {
      const card = document.querySelector('#visit-saved')
      const box = card?.getBoundingClientRect()
      if (!card || !box || box.top < 0 || box.bottom > window.innerHeight) return false
      const found = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      return Boolean(found && card.contains(found))
    })

    // Back online, the queue syncs by itself (on reconnect), without a tap,
    // and the notice about the phone's copy goes.
    await context.setOffline(false)
    await page.waitForFunction(() => !document.querySelector('#queue-pending'), null, { timeout: 30000 })
    await page.waitForFunction(() => document.querySelector('#visit-saved-status')?.textContent?.includes('已上传'))
    await page.waitForFunction(() => !document.querySelector('#visit-offline'), null, { timeout: 30000 })

    // The visit is on the server, with the household registered on the spot.
    await page.goto(`${e2e.app.url}/#/pages/staff/visits/index?scope=mine`)
    const first = page.locator('[id^="visit-v_"]').first()
    await first.waitFor()
    // The author's own list shows the resident in full: she must tell her visits apart.
    expect(await first.textContent()).toContain('测试大爷')
    await first.click()
    await page.waitForSelector('#visit-detail')
    expect(await textOf(page, '#detail-residentName')).toContain('测试大爷')
    expect(await textOf(page, '#detail-address')).toContain('新华村9组901号')

    const image = page.locator('#detail-signature-image img, img#detail-signature-image').first()
    await image.waitFor()
    const src = await image.getAttribute('src')
    expect(src).toBeTruthy()
    const response = await page.request.get(new URL(String(src), e2e.app.url).toString())
    expect(response.status()).toBe(200)
    const bytes = await response.body()
    expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    expect(bytes.length).toBeGreaterThan(1000)
    await context.close()
  })
})
