import { startE2E, textOf, type E2E } from '../support/e2e'

// 督导提醒 end to end: office previews exactly what 周敏 will receive, sends it
// now; 周敏 sees the count on 我的, reads it in 消息, and the badge is gone.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

describe('督导提醒 in Chromium', () => {
  it('office previews and reminds a unit now; the unit head reads it in 消息 and the badge clears', async () => {
    const office = await e2e.signIn('demo-office')
    await office.page.goto(`${e2e.app.url}/#/pages/work/index`)
    await office.page.click('#tool-reminders')
    await office.page.waitForSelector('#reminder-settings-save')
    // Quiet hours off, so the test holds at any hour it runs.
    await office.page.click('#reminder-quiet-off')
    await office.page.click('#reminder-settings-save')
    await office.page.waitForSelector('#reminder-settings-saved')

    await office.page.click('#reminder-unit-unit-dangqun')
    await office.page.click('#reminder-preview-button')
    await office.page.waitForSelector('#reminder-preview [id^="preview-"]')
    const preview = await textOf(office.page, '#reminder-preview')
    expect(preview).toContain('周敏·党群办（宣传）')
    expect(preview).toContain('没有订阅微信提醒')
    expect(preview).toContain('截止日期')
    // The timer ran on the last weekday (the demo's record), so today is still free.
    expect(preview).not.toContain('今天已提醒过')

    await office.page.click('#reminder-send-button')
    await office.page.waitForSelector('#reminder-report')
    expect(await textOf(office.page, '#reminder-report')).toContain('已提醒1人')
    await office.page.waitForFunction(() => document.querySelector('#reminder-attempts')?.textContent?.includes('立即提醒'))
    await office.context.close()

    const head = await e2e.signIn('demo-unit-head')
    // The demo's earlier reminder and today's: two unread.
    await head.page.waitForSelector('#tab-badge-me')
    expect(await textOf(head.page, '#tab-badge-me')).toBe('2')
    await head.page.click('#tab-me')
    await head.page.click('#entry-messages')
    await head.page.waitForSelector('.inbox-item')
    const newest = await textOf(head.page, '.inbox-item')
    expect(newest).toContain('入户进度督导提醒')
    expect(newest).toContain('还差')
    expect(await head.page.locator('.inbox-item__new').count()).toBe(2)

    // Back on 我的, nothing is unread any more.
    await head.page.goBack()
    await head.page.waitForSelector('#entry-messages')
    await head.page.waitForFunction(() => !document.querySelector('#tab-badge-me') && !document.querySelector('#entry-messages-unread'))

    // A reminder's link opens that village's progress.
    await head.page.click('#entry-messages')
    await head.page.locator('.inbox-item .big-button').first().click()
    await head.page.waitForSelector('#dashboard-focus')
    expect(await textOf(head.page, '#dashboard-focus')).toContain('的进度')
    await head.context.close()
  })
})
