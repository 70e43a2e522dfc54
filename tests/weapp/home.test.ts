import { makeMe } from '../support/app-fixtures'
import { loadWeapp, waitFor } from './support/weapp-harness'

const ME = makeMe(['resident'])

describe('the built weapp (dist/)', () => {
  const weapp = loadWeapp(({ name, data }) => {
    if (name === 'account' && (data.action === 'signIn' || data.action === 'me')) return { ok: true, data: ME }
    return { ok: false, error: { code: 'NOT_FOUND', message: 'no such action in this test' } }
  })

  it('signs in through wx.cloud at launch', async () => {
    await waitFor(() => weapp.wx.callFunction.mock.calls.length > 0)
    expect(weapp.wx.cloudInit).toHaveBeenCalledTimes(1)
    const [options] = weapp.wx.callFunction.mock.calls[0] as [{ name: string; data: { action: string; requestId: string } }]
    expect(options.name).toBe('account')
    expect(options.data.action).toBe('signIn')
    expect(options.data.requestId).toMatch(/^[A-Za-z0-9_-]{16,}$/)
  })

  it("renders 首页 with the town's hotlines, and a tap dials the number", async () => {
    const page = weapp.renderPage('pages/home/index')
    const buttons = await waitFor(() => {
      const found = page.querySelectorAll('.call-button')
      return found.length === 2 ? found : null
    })
    expect(page.dom?.textContent).toContain('王秀英，您好！')
    expect(buttons[1].dom?.textContent).toContain('023-47722220')

    buttons[1].dispatchEvent('tap')
    await waitFor(() => weapp.wx.makePhoneCall.mock.calls.length > 0)
    expect(weapp.wx.makePhoneCall.mock.calls[0][0]).toMatchObject({ phoneNumber: '023-47722220' })
  })

  it('shows the tabs of a resident (no 工作), and a tab tap replaces the page', async () => {
    const page = weapp.renderPage('pages/home/index')
    const tabs = await waitFor(() => {
      const found = page.querySelectorAll('.tab-bar__item')
      return found.length > 0 ? found : null
    })
    expect(tabs.map((tab) => tab.dom?.textContent)).toEqual(['首页', '学习', '举报', '我的'])

    tabs[3].dispatchEvent('tap')
    await waitFor(() => weapp.wx.redirectTo.mock.calls.length > 0)
    expect(weapp.wx.redirectTo.mock.calls[0][0]).toMatchObject({ url: '/pages/me/index' })
  })
})
