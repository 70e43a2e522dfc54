import { DASHBOARD } from '../support/dashboard-fixture'
import { makeMe } from '../support/app-fixtures'
import { loadWeapp, waitFor } from './support/weapp-harness'

describe('进度看板 in the built weapp (dist/)', () => {
  const weapp = loadWeapp(({ name, data }) => {
    if (name === 'account' && data.action === 'signIn') return { ok: true, data: makeMe(['resident', 'office']) }
    if (name === 'progress' && data.action === 'dashboard') return { ok: true, data: DASHBOARD }
    if (name === 'progress' && data.action === 'recount') return { ok: true, data: { campaignId: 'c-1', drifted: 0, villages: [], pending: [] } }
    return { ok: false, error: { code: 'NOT_FOUND', message: 'no such action in this test' } }
  })

  it('renders the town, the villages most in need first and the 8-week chart, and a tap on 核对计数 recounts', async () => {
    const page = weapp.renderPage('pages/staff/progress/index')
    const names = await waitFor(() => {
      const found = page.querySelectorAll('.progress-card__name')
      return found.length >= 3 ? found : null
    })
    expect(names.map((node) => node.dom?.textContent)).toEqual(['党群办（2个村社）', '高峰村', '新华村'])
    expect(page.dom?.textContent).toContain('严重落后')
    expect(page.querySelectorAll('.daily-chart__bar')).toHaveLength(56)

    const recount = await waitFor(() => page.querySelector('#recount .big-button'))
    recount.dispatchEvent('tap')
    await waitFor(() => weapp.wx.callFunction.mock.calls.some(([options]) => (options as { data: { action: string } }).data.action === 'recount'))
  })
})
