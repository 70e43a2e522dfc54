import { fireEvent, render, waitFor } from '@testing-library/react'
import type { InboxItem, InboxPage } from '../../domain/inbox'
import type { MessageSettings } from '../../domain/messages'
import type { ReminderAttemptView, ReminderPreview, ReminderRunReport, ReminderSettingsView } from '../../domain/reminders'
import MePage from '../../src/pages/me/index'
import MessagesPage from '../../src/pages/messages/index'
import ProgressPage from '../../src/pages/staff/progress/index'
import RemindersPage from '../../src/pages/staff/reminders/index'
import WorkPage from '../../src/pages/work/index'
import { callsTo, findIn, makeMe, mockCloud, ok } from '../support/app-fixtures'
import { DASHBOARD } from '../support/dashboard-fixture'
import { taroMock } from '../support/taro-mock'

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, '') ?? ''

const settings = (remaining: number): MessageSettings => ({ templates: [{ key: 'reminder', id: 'tmpl-reminder', title: '入户进度督导提醒', remaining }] })

const message = (id: string, read: boolean): InboxItem => ({
  id,
  kind: 'reminder',
  title: '入户进度督导提醒',
  at: '2026-11-27T01:00:00.000Z',
  read,
  lines: [
    { text: '党群办包联的村（社区）中，有 1 个需要加把劲：' },
    { text: '高峰村：已覆盖 30/410 户（7.3%），进度严重落后。', page: 'pages/staff/progress/index?villageId=v-2', action: '查看高峰村的进度' },
  ],
})

describe('消息 and the badge on 我的', () => {
  it('shows the unread count on 我的; reading 消息 marks what was shown read and clears the badge', async () => {
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'unit_head'], { unreadMessages: 2 })),
      'account.inbox': () => ok<InboxPage>({ items: [message('in_2', false), message('in_1', false)], unread: 2, next: null }),
      'account.readInbox': () => ok({ unread: 0 }),
      'account.messageSettings': () => ok(settings(0)),
    })
    const me = render(<MePage />)
    expect(text(await findIn(me.container, '#tab-badge-me'))).toBe('2')
    expect(text(me.container.querySelector('#entry-messages-unread'))).toBe('2条未读')
    fireEvent.click(me.container.querySelector('#entry-messages') as HTMLElement)
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/messages/index' })

    const page = render(<MessagesPage />)
    await findIn(page.container, '#message-in_2')
    // Shown as new on this visit, and marked read on the server.
    expect(page.container.querySelectorAll('.inbox-item__new')).toHaveLength(2)
    await waitFor(() => expect(callsTo(cloud, 'readInbox')).toHaveLength(1))
    expect(callsTo(cloud, 'readInbox')[0].payload).toEqual({ ids: ['in_2', 'in_1'] })
    await waitFor(() => expect(me.container.querySelector('#tab-badge-me')).toBeNull())
    expect(me.container.querySelector('#entry-messages-unread')).toBeNull()

    // The reminder links to its village's progress, and offers to subscribe (no grant left).
    fireEvent.click(page.container.querySelector('#message-in_2 .big-button') as HTMLElement)
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/staff/progress/index?villageId=v-2' })
    await waitFor(() => expect(text(page.container.querySelector('#inbox-subscribe'))).toContain('现在不会收到微信提醒'))
  })

  it('keeps the badge when marking read does not get through (the next visit marks them)', async () => {
    mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'unit_head'], { unreadMessages: 1 })),
      'account.inbox': () => ok<InboxPage>({ items: [message('in_1', false)], unread: 1, next: null }),
      'account.readInbox': () => new Error('request:fail'),
      'account.messageSettings': () => ok(settings(0)),
    })
    const me = render(<MePage />)
    await findIn(me.container, '#tab-badge-me')
    const page = render(<MessagesPage />)
    await findIn(page.container, '#message-in_1')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(text(me.container.querySelector('#tab-badge-me'))).toBe('1')
  })

  it('says plainly when there are no messages', async () => {
    mockCloud({
      'account.signIn': () => ok(makeMe(['resident'])),
      'account.inbox': () => ok<InboxPage>({ items: [], unread: 0, next: null }),
    })
    const page = render(<MessagesPage />)
    await waitFor(() => expect(page.container.textContent).toContain('还没有消息'))
    expect(page.container.querySelector('#inbox-subscribe')).toBeNull()
  })
})

const PREVIEW: ReminderPreview = {
  today: '2026-11-27',
  campaign: { id: 'c-1', name: '2026年全民反诈入户宣传' },
  settings: { scheduled: true, quietHours: { from: '21:00', to: '08:00' }, includeCadres: false },
  leadDays: 7,
  quietNow: false,
  recipients: [
    {
      userId: 'u_zhou',
      name: '周敏',
      role: 'unit_head',
      scopeName: '党群办',
      villages: [{ id: 'v-2', name: '高峰村', reason: 'far_behind', percent: 7.3, targetPercent: 20, deadline: '2026-12-31', toGo: 52 }],
      message: { village: '高峰村', progress: '已覆盖7.3%，目标20%', deadline: '2026年12月31日', advice: '还差52户，每天约2户可按期完成' },
      page: 'pages/staff/progress/index?villageId=v-2',
      title: '入户进度督导提醒',
      lines: [{ text: '党群办包联的村（社区）中，有 1 个需要加把劲：' }],
      grants: 0,
      remindedToday: false,
    },
  ],
  unreachable: [{ unitId: 'u-2', unitName: '平安建设办', villages: [{ id: 'v-5', name: '观音村', reason: 'behind', percent: 10, targetPercent: 20, deadline: '2026-12-31', toGo: 64 }] }],
  unitsOnTrack: 1,
}
const REPORT: ReminderRunReport = { day: '2026-11-27', skipped: null, sent: 0, noGrant: 1, refused: 0, failed: 0, alreadyToday: 0, unreachableUnits: 1, retried: 0 }
const ATTEMPT: ReminderAttemptView = {
  id: 'rm_20261127_u_zhou',
  day: '2026-11-27',
  at: '2026-11-27T02:00:00.000Z',
  name: '周敏',
  role: 'unit_head',
  scopeName: '党群办',
  trigger: 'manual',
  villages: PREVIEW.recipients[0].villages,
  outcome: 'failed',
  code: '-1',
  retryPending: true,
  isRetry: false,
}
const SETTINGS: ReminderSettingsView = { settings: PREVIEW.settings, campaign: { id: 'c-1', name: '2026年全民反诈入户宣传', leadDays: 7 } }

describe('督导提醒 (office)', () => {
  const office = (extra: Parameters<typeof mockCloud>[0] = {}) =>
    mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'account.directory': () => ok({ villages: [], units: [{ id: 'u-1', name: '党群办' }, { id: 'u-2', name: '平安建设办' }] }),
      'reminders.settings': () => ok(SETTINGS),
      'reminders.attempts': () => ok({ items: [], next: null }),
      'reminders.preview': () => ok(PREVIEW),
      ...extra,
    })

  it('is a 工作 tool for office', async () => {
    office()
    const { container } = render(<WorkPage />)
    fireEvent.click(await findIn(container, '#tool-reminders'))
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/staff/reminders/index' })
  })

  it('previews what each head receives and who cannot be reached, then reminds and shows the record', async () => {
    let sent = false
    const cloud = office({
      'reminders.send': () => ((sent = true), ok(REPORT)),
      'reminders.attempts': () => ok({ items: sent ? [ATTEMPT] : [], next: null }),
    })
    const { container } = render(<RemindersPage />)
    fireEvent.click(await findIn(container, '#reminder-unit-u-1'))
    fireEvent.click(await findIn(container, '#reminder-preview-button'))
    const card = await findIn(container, '#preview-u_zhou')
    expect(text(card)).toContain('周敏·党群办')
    expect(text(card)).toContain('没有订阅微信提醒：只放入对方的「消息」')
    expect(text(card)).toContain('温馨提示还差52户，每天约2户可按期完成')
    expect(text(container.querySelector('#unreachable-u-2'))).toContain('还没有单位负责人的账号')
    expect(callsTo(cloud, 'preview')[0].payload).toEqual({ unitId: 'u-1' })

    fireEvent.click(await findIn(container, '#reminder-send-button'))
    expect(text(await findIn(container, '#reminder-report'))).toContain('没有订阅或拒收微信提醒的1人已放入「消息」')
    const [send] = callsTo(cloud, 'send')
    expect(send.payload).toEqual({ unitId: 'u-1' })
    expect(send.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    await waitFor(() => expect(text(container.querySelector('#attempt-rm_20261127_u_zhou'))).toContain('下次定时提醒时重试（错误码-1）'))
  })

  it('offers no send in quiet hours and says until when', async () => {
    office({ 'reminders.preview': () => ok({ ...PREVIEW, quietNow: true }) })
    const { container } = render(<RemindersPage />)
    fireEvent.click(await findIn(container, '#reminder-preview-button'))
    expect(text(await findIn(container, '#reminder-quiet'))).toContain('请在08:00以后再发')
    expect(container.querySelector('#reminder-send-button')).toBeNull()
  })

  it('saves the settings: quiet hours off, cadres included, ten days ahead', async () => {
    const cloud = office({ 'reminders.updateSettings': () => ok({ ...SETTINGS, settings: { ...SETTINGS.settings, quietHours: null, includeCadres: true } }) })
    const { container } = render(<RemindersPage />)
    fireEvent.click(await findIn(container, '#reminder-quiet-off'))
    fireEvent.click(container.querySelector('#reminder-cadres-on') as HTMLElement)
    fireEvent.click(container.querySelector('#reminder-lead-10') as HTMLElement)
    fireEvent.click(container.querySelector('#reminder-settings-save') as HTMLElement)
    await findIn(container, '#reminder-settings-saved')
    expect(callsTo(cloud, 'updateSettings')[0].payload).toEqual({ scheduled: true, quietHoursOn: false, quietFrom: '21:00', quietTo: '08:00', includeCadres: true, leadDays: 10, campaignId: 'c-1' })
  })

  it('is refused to a unit head with a word on where reminders arrive', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'unit_head'])) })
    const { container } = render(<RemindersPage />)
    expect(text(await findIn(container, '#reminders-forbidden'))).toContain('我的→消息')
  })
})

describe('进度看板 opened from a reminder', () => {
  it('puts the reminded village first and offers the head 订阅督导提醒', async () => {
    taroMock.routerParams = { villageId: 'v-2' }
    mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'unit_head'])),
      'progress.dashboard': () => ok({ ...DASHBOARD, scope: 'unit', units: [] }),
      'account.messageSettings': () => ok(settings(1)),
    })
    const { container } = render(<ProgressPage />)
    const focus = await findIn(container, '#dashboard-focus')
    expect(text(focus)).toContain('高峰村的进度')
    expect(text(focus)).toContain('严重落后')
    await waitFor(() => expect(text(container.querySelector('#progress-subscribe'))).toContain('还可以收到1条提醒'))
  })
})
