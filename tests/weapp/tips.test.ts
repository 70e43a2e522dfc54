import type { SubmittedTip } from '../../domain/tips'
import { makeMe } from '../support/app-fixtures'
import { loadWeapp, waitFor } from './support/weapp-harness'

// The COMPILED 举报 tab (dist/pages/tips) under miniprogram-simulate: taps go
// through Taro's event handler into React and back, the photos come from
// (mocked) wx.chooseMedia and wx.compressImage, and the tip and its images
// leave through wx.cloud.callFunction.

const ME = makeMe(['resident'], { town: { id: 'town-1', name: '白沙镇', region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }] } })

const SENT: SubmittedTip = {
  reference: 'JB-20261130-0001',
  receipt: 'ABCDEFGHJKMNPQRS',
  status: 'submitted',
  createdAt: '2026-11-30T02:00:00.000Z',
  anonymous: true,
  urgent: true,
  evidenceExpected: 1,
}

type Page = ReturnType<ReturnType<typeof loadWeapp>['renderPage']>
type Node = NonNullable<ReturnType<Page['querySelector']>>

describe('举报 in the built weapp (dist/)', () => {
  const weapp = loadWeapp(({ name, data }) => {
    const key = `${name}.${String(data.action)}`
    if (key === 'account.signIn' || key === 'account.me') return { ok: true, data: ME }
    if (key === 'tips.form') return { ok: true, data: { villages: [{ id: 'v-1', name: '新华村' }] } }
    if (key === 'tips.submit') return { ok: true, data: SENT }
    if (key === 'tips.addEvidence') return { ok: true, data: { index: 0, expected: 1, received: 1 } }
    return { ok: false, error: { code: 'NOT_FOUND', message: `no ${key} in this test` } }
  })

  // The phone's camera roll and image tools (the keys exist in the simulator's wx; Taro calls them at call time).
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  const callback = (result: Record<string, unknown>) =>
    jest.fn((options: { success?: (r: unknown) => void; complete?: (r: unknown) => void } = {}) => {
      options.success?.(result)
      options.complete?.(result)
      return Promise.resolve(result)
    })
  const chooseMedia = callback({ errMsg: 'chooseMedia:ok', tempFiles: [{ tempFilePath: 'wxfile://tmp/photo.jpg', size: 3_000_000, fileType: 'image' }] })
  const compressImage = callback({ errMsg: 'compressImage:ok', tempFilePath: 'wxfile://tmp/photo-small.jpg' })
  const readFileSync = jest.fn(() => '/9j/4AAQSkZJRg==')
  wx.chooseMedia = chooseMedia
  wx.compressImage = compressImage
  wx.getFileSystemManager = () => ({
    saveFile: weapp.wx.saveFile,
    removeSavedFile: (options: { complete?: () => void }) => options.complete?.(),
    getFileInfo: (options: { filePath: string; success?: (r: unknown) => void }) => options.success?.({ size: options.filePath.includes('small') ? 180_000 : 3_000_000 }),
    readFileSync,
  })

  const find = (page: Page, selector: string): Promise<Node> => waitFor(() => page.querySelector(selector))
  const tap = async (page: Page, selector: string) => (await find(page, selector)).dispatchEvent('tap')
  const text = (page: Page, selector: string) => page.querySelector(selector)?.dom?.textContent ?? ''
  const calls = (action: string) =>
    weapp.wx.callFunction.mock.calls
      .map(([options]) => (options as { name: string; data: { action: string; payload: Record<string, unknown>; requestId: string } }).data)
      .filter((data) => data.action === action)

  async function openTips(): Promise<Page> {
    weapp.wx.storage.clear()
    const page = weapp.renderPage('pages/tips/index')
    await find(page, '#tip-transfer-recent')
    return page
  }

  it('asks first whether money has left, and puts the call to stop it before the form', async () => {
    const page = await openTips()
    expect(page.querySelector('#tip-kind-brushing')).toBeFalsy()
    await tap(page, '#tip-transfer-recent')
    await find(page, '#tip-urgent')
    expect(text(page, '#tip-urgent')).toContain('先打电话止付')
    expect(text(page, '#tip-urgent')).toContain('110')
    await tap(page, '#tip-urgent-continue')
    await find(page, '#tip-kind-investment')
  })

  it('names a wrong bank card by its row, then sends an anonymous tip with a compressed photo and shows the receipt code', async () => {
    const page = await openTips()
    await tap(page, '#tip-transfer-recent')
    await tap(page, '#tip-urgent-continue')
    await tap(page, '#tip-kind-investment')
    ;(await find(page, '#tip-story')).dispatchEvent('input', { detail: { value: '网上的老师带我炒股，转了5000元提不了现。' } })
    await tap(page, '#identifier-add')
    await tap(page, '#identifier-0-kind-bankCard')
    ;(await find(page, '#identifier-0-value')).dispatchEvent('input', { detail: { value: '6222 0212 3456 7890 123' } })
    await tap(page, '#tip-contact-anonymous')
    await tap(page, '#tip-submit')
    await waitFor(() => text(page, '#field-identifier-0-error').includes('银行卡号校验不通过'))
    expect(calls('submit')).toHaveLength(0)

    ;(await find(page, '#identifier-0-value')).dispatchEvent('input', { detail: { value: '6222 0212 3456 7890 128' } })
    await tap(page, '#evidence-add')
    await find(page, '#evidence-remove-0')
    expect(compressImage.mock.calls[0][0]).toMatchObject({ src: 'wxfile://tmp/photo.jpg', compressedWidth: 1600 })
    expect(weapp.wx.saveFile).toHaveBeenCalledWith(expect.objectContaining({ tempFilePath: 'wxfile://tmp/photo-small.jpg' }))

    await tap(page, '#tip-submit')
    await waitFor(() => text(page, '#tip-receipt').includes('ABCD-EFGH-JKMN-PQRS'), 5000)
    await waitFor(() => text(page, '#tip-evidence-progress').includes('已上传 1/1'), 5000)
    const [submitted] = calls('submit')
    expect(submitted.payload).toMatchObject({
      transfer: 'recent',
      kind: 'investment',
      identifiers: [{ kind: 'bankCard', value: '6222 0212 3456 7890 128' }],
      evidenceCount: 1,
      contact: { mode: 'anonymous' },
    })
    expect(submitted.requestId).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(calls('addEvidence')[0].payload).toEqual({ receipt: 'ABCDEFGHJKMNPQRS', index: 0, image: '/9j/4AAQSkZJRg==' })
    expect(readFileSync).toHaveBeenCalledWith('saved://wxfile://tmp/photo-small.jpg', 'base64')
  })
})
