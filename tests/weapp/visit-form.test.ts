import type { HouseholdView } from '../../domain/roster'
import { makeMe, TODAY, VISIT_FORM_CONTEXT } from '../support/app-fixtures'
import { loadWeapp, waitFor } from './support/weapp-harness'

// The COMPILED 入户登记 page (dist/pages/staff/visit-new) under
// miniprogram-simulate: the real wx-canvas gets the touches, Taro's event
// handler carries them into React, and the pad paints on the 2D context the
// (mocked) selector query hands out.


const ME = makeMe(['resident', 'cadre'], { village: { id: 'v-1', name: '新华村' } })

const CONTEXT = VISIT_FORM_CONTEXT

const HOUSEHOLDS: HouseholdView[] = [{ id: 'h-1', group: 3, address: '新华村3组12号', headName: '王大爷', phone: '13812341234' }]

type Page = ReturnType<ReturnType<typeof loadWeapp>['renderPage']>
type Node = NonNullable<ReturnType<Page['querySelector']>>

describe('入户登记 in the built weapp (dist/)', () => {
  const weapp = loadWeapp(({ name, data }) => {
    const key = `${name}.${String(data.action)}`
    if (key === 'account.signIn' || key === 'account.me') return { ok: true, data: ME }
    if (key === 'visits.context') return { ok: true, data: CONTEXT }
    if (key === 'households.register') return { ok: true, data: { households: HOUSEHOLDS, nextOffset: null } }
    if (key === 'visits.create') return { ok: true, data: { id: 'visit-1' } }
    return { ok: false, error: { code: 'NOT_FOUND', message: `no ${key} in this test` } }
  })

  async function openForm(): Promise<Page> {
    const page = weapp.renderPage('pages/staff/visit-new/index')
    await waitFor(() => page.querySelector('#signature-canvas'))
    // The pad is ready once it has found its canvas node and painted it white.
    await waitFor(() => page.dom?.textContent?.includes('请入户对象用手指在下面框内签名'))
    return page
  }

  const find = (page: Page, selector: string): Promise<Node> => waitFor(() => page.querySelector(selector))

  /** The simulator delivers touches asynchronously: wait for each to be drawn before the next. */
  async function sign(canvas: Node) {
    const drawn = () => weapp.wx.canvas.calls.length
    let before = drawn()
    for (const [event, x, y] of [
      ['touchstart', 20, 30],
      ['touchmove', 90, 60],
      ['touchmove', 160, 40],
    ] as const) {
      canvas.dispatchEvent(event, { touches: [{ x, y }] })
      await waitFor(() => drawn() > before)
      before = drawn()
    }
    canvas.dispatchEvent('touchend', { touches: [] })
    await new Promise((resolve) => setTimeout(resolve, 20))
  }

  it('draws what the finger traces on the 2D canvas, at twice the CSS size', async () => {
    const page = await openForm()
    const canvas = await find(page, '#signature-canvas')
    expect(weapp.wx.canvas.width).toBe(600)
    expect(weapp.wx.canvas.height).toBe(400)
    expect(weapp.wx.canvas.calls).toContainEqual(['fillRect', 0, 0, 300, 200])

    weapp.wx.canvas.calls.length = 0
    await sign(canvas)
    expect(weapp.wx.canvas.calls).toEqual(
      expect.arrayContaining([
        ['arc', 20, 30, 2, 0, Math.PI * 2],
        ['moveTo', 20, 30],
        ['lineTo', 90, 60],
        ['moveTo', 90, 60],
        ['lineTo', 160, 40],
      ]),
    )
  })

  it('refuses to save an empty signature, with the message next to the field; 撤销 takes the stroke away', async () => {
    const page = await openForm()
    const canvas = await find(page, '#signature-canvas')
    await sign(canvas)
    ;(await find(page, '#signature-undo')).dispatchEvent('tap')
    ;(await find(page, '#visit-save')).dispatchEvent('tap')
    const error = await find(page, '#field-signature-error')
    expect(error.dom?.textContent).toContain('请让入户对象在框内签字')
    expect(weapp.wx.canvasToTempFilePath).not.toHaveBeenCalled()
  })

  it('ticks 入户内容 on a tap and clears its error', async () => {
    const page = await openForm()
    ;(await find(page, '#visit-save')).dispatchEvent('tap')
    expect((await find(page, '#field-items-error')).dom?.textContent).toBe('请至少勾选一项入户内容，或填写其他内容')
    ;(await find(page, '#visit-item-propaganda')).dispatchEvent('tap')
    await waitFor(() => page.querySelector('#visit-item-propaganda')?.dom?.textContent?.includes('☑'))
    await waitFor(() => !page.querySelector('#field-items-error'))
  })

  it('saves a signed visit: exports the canvas, keeps the file, uploads it to its path and creates the visit', async () => {
    const page = await openForm()
    ;(await find(page, '#visit-item-propaganda')).dispatchEvent('tap')
    ;(await find(page, '#household-search')).dispatchEvent('input', { detail: { value: '王大' } })
    ;(await find(page, '#household-h-1')).dispatchEvent('tap')
    await waitFor(() => page.querySelector('#household-chosen'))
    await sign(await find(page, '#signature-canvas'))
    ;(await find(page, '#visit-save')).dispatchEvent('tap')

    await waitFor(() => page.querySelector('#visit-saved-status')?.dom?.textContent?.includes('已上传'), 5000)
    const [exported] = weapp.wx.canvasToTempFilePath.mock.calls[0] as [{ canvas: unknown; fileType: string; destWidth: number; destHeight: number }]
    expect(exported.canvas).toBe(weapp.wx.canvas)
    expect(exported).toMatchObject({ fileType: 'png', destWidth: 450, destHeight: 300 })
    expect(weapp.wx.saveFile.mock.calls[0][0]).toMatchObject({ tempFilePath: 'wxfile://tmp/signature.png' })

    const create = weapp.wx.callFunction.mock.calls
      .map(([options]) => (options as { name: string; data: { action: string; payload: Record<string, unknown>; requestId: string } }).data)
      .find((data) => data.action === 'create')
    expect(create).toBeDefined()
    const upload = weapp.wx.uploadFile.mock.calls[0][0] as { cloudPath: string; filePath: string }
    expect(upload).toMatchObject({ filePath: 'saved://wxfile://tmp/signature.png', cloudPath: `visits/v-1/${CONTEXT.uploaderId}/${create?.requestId}/signature.png` })
    // The card above the form says 已保存 and what became of the record: no toast covers it.
    expect(weapp.wx.showToast).not.toHaveBeenCalled()
    expect(create?.payload).toMatchObject({
      villageId: 'v-1',
      unitName: '新华村村委会',
      householdId: 'h-1',
      residentName: '王大爷',
      phone: '13812341234',
      items: ['propaganda'],
      visitedOn: TODAY,
      signature: { kind: 'signed', fileID: `cloud://env.bucket/visits/v-1/${CONTEXT.uploaderId}/${create?.requestId}/signature.png` },
    })
  })
})
