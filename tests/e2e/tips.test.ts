import { JPEG_A, JPEG_B } from '../support/tip-images'
import { startE2E, textOf, type E2E } from '../support/e2e'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(() => e2e.stop())

describe('线索举报 in Chromium', () => {
  it('an anonymous tip with two images reaches the police, who accept it with a note, and the tipster reads it in 我的举报', async () => {
    const resident = await e2e.signIn('demo-resident')
    const page = resident.page
    await page.goto(`${e2e.app.url}/#/pages/tips/index`)
    await page.waitForSelector('#tip-form')

    // Money gone this morning: the call to stop it comes first.
    await page.click('#tip-transfer-recent')
    await page.waitForSelector('#tip-urgent')
    expect(await textOf(page, '#tip-urgent')).toContain('110')
    await page.click('#tip-urgent-continue')
    await page.click('#tip-kind-investment')
    const story = '群里的“老师”带炒股，今早在“鼎盛财富”App里转了5000元，现在提不了现。'
    await page.locator('#tip-story textarea').fill(story)
    await page.click('#identifier-add')
    await page.click('#identifier-0-kind-url')
    await page.locator('#identifier-0-value input').fill('dingsheng-e2e.example.com')
    await page.locator('#tip-amount input').fill('5000')
    const chooser = page.waitForEvent('filechooser')
    await page.click('#evidence-add')
    await (await chooser).setFiles([
      { name: 'transfer.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(JPEG_A, 'base64') },
      { name: 'chat.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(JPEG_B, 'base64') },
    ])
    await page.waitForSelector('#evidence-remove-1')
    await page.click('#tip-contact-anonymous')
    await page.click('#tip-submit')

    // The receipt code, once; both images on their way and then there.
    await page.waitForSelector('#tip-receipt')
    const receipt = (await textOf(page, '#tip-receipt')).replace(/-/g, '')
    expect(receipt).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{16}$/)
    await page.waitForFunction(() => document.querySelector('#tip-evidence-progress')?.textContent?.includes('已上传 2/2'), null, { timeout: 20000 })
    const reference = (await textOf(page, '#tip-sent')).match(/JB-\d{8}-\d{4}/)?.[0] as string
    expect(reference).toBeTruthy()

    // Police: the tip is on top of the new ones (urgent), with both images; accepted with a note for the tipster.
    const police = await e2e.signIn('demo-police')
    await police.page.goto(`${e2e.app.url}/#/pages/staff/tips/index`)
    const row = police.page.locator(`[id="tip-row-${reference}"]`)
    await row.waitFor()
    expect(await police.page.locator('[id^="tip-row-"]').first().getAttribute('id')).toBe(`tip-row-${reference}`)
    expect(await row.textContent()).toContain('匿名')
    await row.click()
    await police.page.waitForSelector('#tip-detail-reference')
    expect(await textOf(police.page, '#tip-detail-story')).toBe(story.replace(/\s+/g, ''))
    await police.page.click('#tip-reveal-evidence')
    await police.page.waitForFunction(() => document.querySelectorAll('#tip-evidence img').length === 2)
    const loaded = await police.page.evaluate(async () => {
      const images = Array.from(document.querySelectorAll('#tip-evidence img')) as HTMLImageElement[]
      await Promise.all(images.map((image) => (image.complete ? null : new Promise((resolve) => image.addEventListener('load', resolve, { once: true })))))
      return images.map((image) => image.naturalWidth)
    })
    expect(loaded.every((width) => width > 0)).toBe(true)
    await police.page.click('#tip-next-accepted')
    await police.page.locator('#tip-note textarea').fill('已受理，已联系银行止付，请保管好转账记录。')
    await police.page.click('#tip-step-save')
    await police.page.waitForFunction(() => document.querySelector('#tip-detail-status')?.textContent === '已受理')

    // The tipster: 我的举报 finds it by the receipt kept on this phone, with the new status and the note.
    await page.goto(`${e2e.app.url}/#/pages/my-tips/index`)
    const card = page.locator(`[id="my-tip-${reference}"]`)
    await card.waitFor()
    expect(await page.locator(`[id="my-tip-${reference}-status"]`).textContent()).toBe('已受理')
    expect(await card.textContent()).toContain('已受理，已联系银行止付，请保管好转账记录。')
    expect(await card.textContent()).toContain('已收到 2/2 张')
    // Nothing of who handled it reaches the tipster.
    expect(await card.textContent()).not.toContain('何警官')
    await resident.context.close()
    await police.context.close()
  })
})
