import { addDays, monthDay, shanghaiDay } from '../../domain/dates'
import { startE2E, textOf, type E2E } from '../support/e2e'

// 镇级管理 in Chromium against the local stack: office's edits reach its
// dashboard at once, and an invite office makes turns a new user into staff.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

describe('镇级管理 in Chromium', () => {
  it('office changes a village’s 实有户数 and a milestone, and the dashboard shows both at once', async () => {
    const { context, page } = await e2e.signIn('demo-office')
    await page.goto(`${e2e.app.url}/#/pages/staff/progress/index`)
    await page.waitForSelector('#village-v-xinhua')
    expect(await textOf(page, '#village-v-xinhua')).not.toContain('/2345户')

    await page.goto(`${e2e.app.url}/#/pages/staff/town/index`)
    await page.click('#village-edit-v-xinhua')
    await page.locator('#input-village-households input').fill('2345')
    await page.click('#village-editor-v-xinhua-save')
    await page.waitForFunction(() => document.querySelector('#village-card-v-xinhua')?.textContent?.includes('2345'))

    const year = new Date().getFullYear()
    await page.click(`#campaign-edit-campaign-${year}`)
    // The dashboard shows the milestone ahead: the campaign's last one, moved earlier.
    const today = shanghaiDay()
    const deadline = addDays(today, 20)
    await page.locator('#input-milestone-1-day input').fill(deadline)
    await page.click(`#campaign-editor-campaign-${year}-save`)
    await page.waitForFunction(() => !document.querySelector('[id^="campaign-editor-"]'))

    await page.goto(`${e2e.app.url}/#/pages/staff/progress/index`)
    await page.waitForSelector('#village-v-xinhua')
    expect(await textOf(page, '#village-v-xinhua')).toContain('/2345户')
    expect(await textOf(page, '#dashboard-total')).toContain(`${monthDay(deadline, today)}前要达到100%`)
    await context.close()
  })

  it('office creates an invite, and a new user who redeems it becomes a police officer', async () => {
    const office = await e2e.signIn('demo-office')
    await office.page.goto(`${e2e.app.url}/#/pages/staff/invites/index`)
    await office.page.click('#invite-role-police')
    await office.page.click('#create-invite-submit')
    await office.page.waitForSelector('#invite-created .invite-code__text')
    const code = (await textOf(office.page, '#invite-created .invite-code__text')).replace(/-/g, '')
    expect(code).toMatch(/^[A-Z0-9]{8,}$/)
    await office.context.close()

    const context = await e2e.browser.newContext({ viewport: { width: 375, height: 760 }, hasTouch: true, isMobile: true })
    const page = await context.newPage()
    await page.goto(`${e2e.app.url}/local/signin`)
    await page.click('#new-resident')
    await page.waitForURL(/\/#\/pages\/home\/index|\/$/)
    await page.goto(`${e2e.app.url}/#/pages/me/index`)
    await page.locator('#invite-code-input input').fill(code)
    await page.click('#redeem-submit')
    await page.waitForSelector('#redeem-success')
    expect(await textOf(page, '#redeem-success')).toContain('派出所民警')

    // The role is real on the server: the police's tools open.
    await page.goto(`${e2e.app.url}/#/pages/work/index`)
    await page.waitForSelector('#tool-exports')
    await context.close()
  })
})
