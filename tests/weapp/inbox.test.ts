import type { InboxPage } from '../../domain/inbox'
import { makeMe } from '../support/app-fixtures'
import { loadWeapp, waitFor } from './support/weapp-harness'

// 消息 in the compiled mini-program: the head's reminder, marked read once
// shown, its link opening the village's progress, and the badge on 我的.

const INBOX: InboxPage = {
  unread: 1,
  next: null,
  items: [
    {
      id: 'in_rm_20261127_u_zhou',
      kind: 'reminder',
      title: '入户进度督导提醒',
      at: '2026-11-27T01:00:00.000Z',
      read: false,
      lines: [
        { text: '党群办包联的村（社区）中，有 1 个需要加把劲：' },
        { text: '石梁村：已覆盖 103/860 户（12%），进度严重落后。', page: 'pages/staff/progress/index?villageId=v-shiliang', action: '查看石梁村的进度' },
      ],
    },
  ],
}

describe('消息 in the built weapp (dist/)', () => {
  let unread = 1
  const weapp = loadWeapp(({ name, data }) => {
    if (name === 'account' && (data.action === 'signIn' || data.action === 'me')) return { ok: true, data: makeMe(['resident', 'unit_head'], { unreadMessages: unread }) }
    if (name === 'account' && data.action === 'inbox') return { ok: true, data: INBOX }
    if (name === 'account' && data.action === 'readInbox') return { ok: true, data: { unread: (unread = 0) } }
    if (name === 'account' && data.action === 'messageSettings') return { ok: true, data: { templates: [{ key: 'reminder', id: 'tmpl-reminder', title: '入户进度督导提醒', remaining: 0 }] } }
    return { ok: false, error: { code: 'NOT_FOUND', message: 'no such action in this test' } }
  })
  const calls = (action: string) => weapp.wx.callFunction.mock.calls.map(([options]) => (options as { data: { action: string; payload: unknown } }).data).filter((data) => data.action === action)

  it('shows the unread count on 我的', async () => {
    const page = weapp.renderPage('pages/me/index')
    const badge = await waitFor(() => page.querySelector('#tab-badge-me'))
    expect(badge.dom?.textContent).toBe('1')
  })

  it('shows the reminder, marks it read, and its button opens the village’s progress', async () => {
    const page = weapp.renderPage('pages/messages/index')
    const item = await waitFor(() => page.querySelector('.inbox-item'))
    expect(item.dom?.textContent).toContain('石梁村：已覆盖 103/860 户（12%），进度严重落后。')
    expect(item.dom?.textContent).toContain('新')
    await waitFor(() => calls('readInbox').length > 0)
    expect(calls('readInbox')[0].payload).toEqual({ ids: ['in_rm_20261127_u_zhou'] })

    const open = await waitFor(() => page.querySelector('.inbox-item .big-button'))
    open.dispatchEvent('tap')
    await waitFor(() => weapp.wx.navigateTo.mock.calls.length > 0)
    expect(weapp.wx.navigateTo.mock.calls[0][0]).toMatchObject({ url: '/pages/staff/progress/index?villageId=v-shiliang' })
    expect(page.querySelector('#inbox-subscribe')).toBeTruthy()
  })

  it('shows no badge on 我的 once read', async () => {
    const page = weapp.renderPage('pages/me/index')
    await waitFor(() => page.querySelector('#entry-messages'))
    await waitFor(() => (page.querySelector('#tab-badge-me') ? null : true))
  })
})
