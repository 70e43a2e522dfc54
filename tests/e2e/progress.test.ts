import ExcelJS from 'exceljs'
import { readFileSync } from 'fs'
import { startE2E, textOf, type E2E } from '../support/e2e'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

describe('进度与存档 in Chromium', () => {
  it('office sees every village ranked by need on the dashboard', async () => {
    const { context, page } = await e2e.signIn('demo-office')
    await page.goto(`${e2e.app.url}/#/pages/staff/progress/index`)
    await page.waitForSelector('#dashboard-total')
    expect(await textOf(page, '#dashboard-total')).toContain('贾嗣镇')
    const cards = page.locator('#dashboard-villages .progress-card')
    expect(await cards.count()).toBe(12)
    // The demo has villages far behind and villages on track: the first in need comes first.
    expect(await cards.first().textContent()).toContain('严重落后')
    expect(await page.locator('.daily-chart__bar').count()).toBe(56)
    await context.close()
  })

  it('office downloads a village’s archive: the paper form, unmasked, with signatures', async () => {
    const { context, page } = await e2e.signIn('demo-office')
    await page.goto(`${e2e.app.url}/#/pages/staff/archive/index`)
    // Office works for the whole town: it picks the village first.
    await page.click('#village-v-xinhua')
    await page.waitForSelector('#archive-export-button')

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('#archive-export-button')])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const path = await download.path()
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync(String(path)) as unknown as ArrayBuffer)
    expect(workbook.worksheets.length).toBeGreaterThan(0)
    const sheet = workbook.worksheets[0]
    expect(String(sheet.getCell('A1').value)).toContain('入户工作记录表')
    const headers = (sheet.getRow(3).values as unknown[]).map(String).join('|')
    for (const column of ['序号', '入户内容', '入户对象姓名', '入户对象联系电话', '入户标准地址', '入户对象签字确认']) expect(headers).toContain(column)
    expect(String(sheet.getCell('D4').value)).toMatch(/^1\d{10}$|^未留/)
    expect(sheet.getImages().length).toBeGreaterThan(0)
    expect(await textOf(page, '#archive-result')).toContain('条记录')
    await context.close()
  })
})
