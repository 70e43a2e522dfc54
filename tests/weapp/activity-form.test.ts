import type { ActivityFormContext, PlaceView } from '../../domain/activities'
import { makeMe, TODAY } from '../support/app-fixtures'
import { loadWeapp, waitFor } from './support/weapp-harness'

// The COMPILED 宣传活动登记 page (dist/pages/staff/activity-new) under
// miniprogram-simulate: the form's choices and checks, the photos it keeps
// and uploads to the path derived for the caller and the record, and the
// payload the queue sends.

const ME = makeMe(['resident', 'cadre'], { village: { id: 'v-1', name: '新华村' } })
const CONTEXT: ActivityFormContext = {
  villages: [{ id: 'v-1', name: '新华村' }],
  uploaderId: 'u_0123456789abcdef01234567',
  authorName: '王秀英',
  today: TODAY,
  campaign: { id: 'c-1', name: '2026年全民反诈专项行动', startDay: '2026-09-18' },
}
const PLACES: PlaceView[] = [
  { id: 'p-market', kind: 'market', name: '新华集贸市场', address: '新华场镇', covered: false },
  { id: 'p-bank', kind: 'bank', name: '农商行新华分理处', address: '', covered: true },
]

type Page = ReturnType<ReturnType<typeof loadWeapp>['renderPage']>
type Node = NonNullable<ReturnType<Page['querySelector']>>

describe('宣传活动登记 in the built weapp (dist/)', () => {
  const chooseMedia = jest.fn((options: { success?: (result: unknown) => void }) => {
    const result = { tempFiles: [{ tempFilePath: 'wxfile://tmp/banner.jpg', size: 1000 }] }
    options.success?.(result)
    return Promise.resolve(result)
  })
  const weapp = loadWeapp(
    ({ name, data }) => {
      const key = `${name}.${String(data.action)}`
      if (key === 'account.signIn' || key === 'account.me') return { ok: true, data: ME }
      if (key === 'activities.context') return { ok: true, data: CONTEXT }
      if (key === 'activities.places') return { ok: true, data: { places: PLACES } }
      if (key === 'activities.create') return { ok: true, data: { id: 'a-1' } }
      return { ok: false, error: { code: 'NOT_FOUND', message: `no ${key} in this test` } }
    },
    { chooseMedia },
  )

  const find = (page: Page, selector: string): Promise<Node> => waitFor(() => page.querySelector(selector))
  const tap = async (page: Page, selector: string) => (await find(page, selector)).dispatchEvent('tap')

  async function openForm(): Promise<Page> {
    const page = weapp.renderPage('pages/staff/activity-new/index')
    await find(page, '#activity-place-p-market')
    return page
  }

  it('shows the village places and the kinds, and refuses a banner without a place or photo, by field', async () => {
    const page = await openForm()
    expect(page.dom?.textContent).toContain('集贸市场｜新华集贸市场')
    expect(page.dom?.textContent).toContain('银行网点｜农商行新华分理处（已覆盖）')
    await tap(page, '#activity-save')
    expect((await find(page, '#field-kind-error')).dom?.textContent).toBe('请选择活动类型')
    await tap(page, '#activity-kind-banner')
    await waitFor(() => !page.querySelector('#field-kind-error'))
    await tap(page, '#activity-save')
    expect((await find(page, '#field-place-error')).dom?.textContent).toBe('请选择场所，或新添加一个场所')
    expect((await find(page, '#field-photos-error')).dom?.textContent).toBe('张贴海报、悬挂横幅至少要拍1张照片')
    expect(weapp.wx.callFunction.mock.calls.some(([options]) => (options as { data: { action: string } }).data.action === 'create')).toBe(false)
  })

  it('asks which of the five for 五进', async () => {
    const page = await openForm()
    await tap(page, '#activity-kind-fiveIn')
    await find(page, '#activity-five-in-school')
    await tap(page, '#activity-save')
    expect((await find(page, '#field-fiveIn-error')).dom?.textContent).toContain('请选择五进的哪一进')
  })

  it('saves a banner at the market: keeps the photo, uploads it to its path and creates the record', async () => {
    const page = await openForm()
    await tap(page, '#activity-kind-banner')
    await tap(page, '#activity-place-p-market')
    ;(await find(page, '#input-reached')).dispatchEvent('input', { detail: { value: '2' } })
    await tap(page, '#activity-photo-take')
    await find(page, '#activity-photos')
    await tap(page, '#activity-save')

    await waitFor(() => page.querySelector('#activity-saved-status')?.dom?.textContent?.includes('已上传'), 5000)
    expect(weapp.wx.saveFile.mock.calls[0][0]).toMatchObject({ tempFilePath: 'wxfile://tmp/banner.jpg' })
    const create = weapp.wx.callFunction.mock.calls
      .map(([options]) => (options as { name: string; data: { action: string; payload: Record<string, unknown>; requestId: string } }).data)
      .find((data) => data.action === 'create')
    expect(create).toBeDefined()
    const upload = weapp.wx.uploadFile.mock.calls[0][0] as { cloudPath: string; filePath: string }
    expect(upload).toMatchObject({ filePath: 'saved://wxfile://tmp/banner.jpg', cloudPath: `activities/v-1/${CONTEXT.uploaderId}/${create?.requestId}/photo1.jpg` })
    expect(create?.payload).toMatchObject({
      villageId: 'v-1',
      kind: 'banner',
      placeId: 'p-market',
      heldOn: TODAY,
      reached: 2,
      venue: '',
      photoFileIDs: [`cloud://env.bucket/activities/v-1/${CONTEXT.uploaderId}/${create?.requestId}/photo1.jpg`],
    })
    expect(create?.payload).not.toHaveProperty('location')
  })
})
