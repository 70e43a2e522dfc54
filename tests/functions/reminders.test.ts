import { main as account } from '../../cloudfunctions/account'
import { main as reminders } from '../../cloudfunctions/reminders'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { Me } from '../../domain/account'
import { coverageId } from '../../domain/coverage-ledger'
import { shanghaiDay } from '../../domain/dates'
import type { Reply } from '../../domain/errors'
import type { InboxPage } from '../../domain/inbox'
import { fieldAccepted, MESSAGE_TEMPLATES, type FieldKind } from '../../domain/messages'
import type { ReminderAttemptView, ReminderPreview, ReminderRunReport, ReminderSettingsView } from '../../domain/reminders'
import { DEMO_VILLAGES, demoCampaigns } from '../../local/seed/demo-town'
import { startFunctionHarness, type Harness } from '../support/functions'
import { addStaff } from '../support/progress'

// 督导提醒 as office uses it: the preview says exactly what each head gets
// and who cannot be reached, 立即提醒 sends it (once a person a day), every
// attempt is recorded; and the head's 消息, which only they can read.

let h: Harness
const OFFICE = 'demo-office'
const HEAD = 'demo-unit-head'
const today = shanghaiDay()
const campaign = demoCampaigns(today)[1]

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

const call = <T>(openid: string, action: string, payload: unknown = {}, write = false) =>
  h.call<T>('reminders', reminders, openid, { action, payload, requestId: write ? h.newRequestId() : undefined })
const accountCall = <T>(openid: string, action: string, payload: unknown = {}, write = false) =>
  h.call<T>('account', account, openid, { action, payload, requestId: write ? h.newRequestId() : undefined })

const SETTINGS = { scheduled: true, quietHoursOn: false, quietFrom: '21:00', quietTo: '08:00', includeCadres: false, leadDays: 7 }

/** Every village of a unit at its milestone's target: nothing to remind it of. */
async function unitOnTrack(unitId: string) {
  for (const village of DEMO_VILLAGES.filter((candidate) => candidate.unitId === unitId)) {
    await h.db.collection('coverage').doc(coverageId(campaign._id, village._id)).set({
      campaignId: campaign._id,
      villageId: village._id,
      townId: 'town-jiasi',
      covered: village.registeredHouseholds,
      visits: village.registeredHouseholds,
      byDay: {},
      updatedAt: new Date(),
    })
  }
}

beforeAll(async () => {
  h = await startFunctionHarness()
  // The test must not depend on the hour it runs at: no quiet hours (they are tested in unit and timer tests).
  data(await call(OFFICE, 'updateSettings', SETTINGS, true))
  await unitOnTrack('unit-caizheng')
  await addStaff(h, { openid: 'wx-jingji-head', name: '郑丽', roles: ['resident', 'unit_head'], unitId: 'unit-jingji' })
})
afterAll(() => h.stop())

describe('the preview', () => {
  it('shows exactly what each head will receive, fitted to WeChat’s rules, and who cannot be reached', async () => {
    const preview = data(await call<ReminderPreview>(OFFICE, 'preview'))
    expect(preview.campaign?.id).toBe(campaign._id)
    expect(preview.quietNow).toBe(false)
    const zhou = preview.recipients.find((recipient) => recipient.name === '周敏')
    expect(zhou).toMatchObject({ role: 'unit_head', scopeName: '党群办（宣传）', grants: 0, remindedToday: false })
    // No visits yet: all three of the unit's villages are far behind, the biggest share to do first.
    expect(zhou?.villages.map((village) => village.reason)).toEqual(['far_behind', 'far_behind', 'far_behind'])
    expect(zhou?.message.village).toMatch(/等3个村社$/)
    for (const [field, kind] of Object.entries(MESSAGE_TEMPLATES.reminder.fields)) expect(fieldAccepted(kind as FieldKind, zhou?.message[field as 'village'] ?? '')).toBe(true)
    expect(zhou?.page).toMatch(/^pages\/staff\/progress\/index\?villageId=v-/)
    expect(zhou?.lines.map((line) => line.text).join('\n')).toContain('还差')
    // 平安建设办 lags but nobody holds its head's account; 财政办 is on track and gets nothing.
    expect(preview.unreachable.map((unit) => unit.unitName)).toEqual(['平安建设办'])
    expect(preview.recipients.map((recipient) => recipient.scopeName).sort()).toEqual(['党群办（宣传）', '经济办'])
    expect(preview.unitsOnTrack).toBe(1)
  })

  it('narrows to one unit, and refuses a unit of no town of the caller', async () => {
    const preview = data(await call<ReminderPreview>(OFFICE, 'preview', { unitId: 'unit-jingji' }))
    expect(preview.recipients.map((recipient) => recipient.name)).toEqual(['郑丽'])
    expect(preview.unreachable).toEqual([])
    expect(await call(OFFICE, 'preview', { unitId: 'unit-elsewhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'unitId' } })
  })

  it('is office’s: heads, cadres and police are refused', async () => {
    for (const openid of [HEAD, 'demo-cadre', 'demo-police', 'demo-resident']) {
      expect(await call(openid, 'preview')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await call(openid, 'send', {}, true)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })
})

describe('立即提醒', () => {
  it('reminds the unit’s head once: in 消息 always, by WeChat only with a grant; a second run the same day sends nothing', async () => {
    const first = data(await call<ReminderRunReport>(OFFICE, 'send', { unitId: 'unit-dangqun' }, true))
    expect(first).toMatchObject({ day: today, skipped: null, sent: 0, noGrant: 1, failed: 0, alreadyToday: 0 })
    expect(await h.count('inbox', { userId: userIdFor(HEAD) })).toBe(1)
    expect(await h.count('outbox', { openid: HEAD })).toBe(0)

    const again = data(await call<ReminderRunReport>(OFFICE, 'send', {}, true))
    expect(again).toMatchObject({ sent: 0, noGrant: 1, alreadyToday: 1, unreachableUnits: 1 })
    expect(await h.count('inbox', { userId: userIdFor(HEAD) })).toBe(1)

    const preview = data(await call<ReminderPreview>(OFFICE, 'preview', { unitId: 'unit-dangqun' }))
    expect(preview.recipients[0]).toMatchObject({ name: '周敏', remindedToday: true })
  })

  it('records every attempt with its outcome, newest first, for office', async () => {
    const { items } = data(await call<{ items: ReminderAttemptView[]; next: string | null }>(OFFICE, 'attempts'))
    expect(items.map((item) => [item.name, item.outcome, item.trigger])).toEqual(
      expect.arrayContaining([
        ['周敏', 'no_grant', 'manual'],
        ['郑丽', 'no_grant', 'manual'],
      ]),
    )
    expect(items.every((item) => item.day === today && !item.retryPending)).toBe(true)
    expect(await h.count('audit', { action: 'reminders.send' })).toBe(2)
  })

  it('refuses in quiet hours and sends nothing', async () => {
    const hour = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(11, 13))
    // Quiet hours around the current hour, whatever it is (two hours: the test may cross an hour).
    const from = `${String(hour).padStart(2, '0')}:00`
    const to = `${String((hour + 2) % 24).padStart(2, '0')}:00`
    data(await call(OFFICE, 'updateSettings', { ...SETTINGS, quietHoursOn: true, quietFrom: from, quietTo: to }, true))
    const before = await h.count('reminders')
    const refused = await call(OFFICE, 'send', { unitId: 'unit-pingan' }, true)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(refused.ok ? '' : refused.error.message).toContain('免打扰')
    expect(data(await call<ReminderPreview>(OFFICE, 'preview')).quietNow).toBe(true)
    expect(await h.count('reminders')).toBe(before)
    data(await call(OFFICE, 'updateSettings', SETTINGS, true))
  })
})

describe('settings', () => {
  it('keeps the town’s on the town and the lead days on the campaign, and validates them', async () => {
    const saved = data(await call<ReminderSettingsView>(OFFICE, 'updateSettings', { ...SETTINGS, quietHoursOn: true, quietFrom: '22:00', quietTo: '07:30', includeCadres: true, leadDays: 10 }, true))
    expect(saved).toEqual({ settings: { scheduled: true, quietHours: { from: '22:00', to: '07:30' }, includeCadres: true }, campaign: { id: campaign._id, name: campaign.name, leadDays: 10 } })
    expect(data(await call<ReminderSettingsView>(OFFICE, 'settings'))).toEqual(saved)
    const { data: towns } = await h.db.collection('towns').doc('town-jiasi').get()
    expect(towns[0].reminderSettings).toEqual(saved.settings)
    const { data: campaigns } = await h.db.collection('campaigns').doc(campaign._id).get()
    expect(campaigns[0].reminderLeadDays).toBe(10)

    expect(await call(OFFICE, 'updateSettings', { ...SETTINGS, quietHoursOn: true, quietFrom: '21:00', quietTo: '21:00' }, true)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'quietTo' } })
    expect(await call(OFFICE, 'updateSettings', { ...SETTINGS, leadDays: 61 }, true)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'leadDays' } })
    expect(await call(HEAD, 'updateSettings', SETTINGS, true)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    data(await call(OFFICE, 'updateSettings', SETTINGS, true))
  })

  it('with cadres included, a lagging village’s cadre is reminded about that village only', async () => {
    data(await call(OFFICE, 'updateSettings', { ...SETTINGS, includeCadres: true }, true))
    const preview = data(await call<ReminderPreview>(OFFICE, 'preview', { unitId: 'unit-dangqun' }))
    const cadre = preview.recipients.find((recipient) => recipient.role === 'cadre')
    expect(cadre).toMatchObject({ name: '李网格', scopeName: '新华村' })
    expect(cadre?.villages.map((village) => village.id)).toEqual(['v-xinhua'])
    expect(cadre?.page).toBe('pages/staff/progress/index?villageId=v-xinhua')
    data(await call(OFFICE, 'updateSettings', SETTINGS, true))
  })
})

describe('消息', () => {
  it('the head reads their reminder, sees the count on 我的, and marks it read', async () => {
    const me = data(await accountCall<Me>(HEAD, 'me'))
    expect(me.unreadMessages).toBe(1)
    const page = data(await accountCall<InboxPage>(HEAD, 'inbox'))
    expect(page.unread).toBe(1)
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({ kind: 'reminder', title: '入户进度督导提醒', read: false })
    expect(page.items[0].lines.some((line) => line.page?.startsWith('pages/staff/progress/index?villageId='))).toBe(true)

    expect(data(await accountCall<{ unread: number }>(HEAD, 'readInbox', { ids: [page.items[0].id] }, true))).toEqual({ unread: 0 })
    expect(data(await accountCall<Me>(HEAD, 'me')).unreadMessages).toBe(0)
    expect(data(await accountCall<InboxPage>(HEAD, 'inbox')).items[0].read).toBe(true)
  })

  it('no one reads or marks another’s messages', async () => {
    const { data: docs } = await h.db.collection('inbox').where({ userId: userIdFor('wx-jingji-head') }).get()
    const theirs = docs[0]._id as string
    expect(data(await accountCall<InboxPage>(OFFICE, 'inbox')).items).toEqual([])
    expect(data(await accountCall<{ unread: number }>(OFFICE, 'readInbox', { ids: [theirs] }, true))).toEqual({ unread: 0 })
    expect(data(await accountCall<InboxPage>('wx-jingji-head', 'inbox'))).toMatchObject({ unread: 1, items: [{ id: theirs, read: false }] })
  })

  it('puts a drifted badge right when the inbox is read', async () => {
    await h.db.collection('users').doc(userIdFor(HEAD)).update({ unreadMessages: 5 })
    expect(data(await accountCall<Me>(HEAD, 'me')).unreadMessages).toBe(5)
    expect(data(await accountCall<InboxPage>(HEAD, 'inbox')).unread).toBe(0)
    expect(data(await accountCall<Me>(HEAD, 'me')).unreadMessages).toBe(0)
  })
})

describe('the record, page by page', () => {
  it('loses no attempt made at the same instant as others (one run writes them all at once)', async () => {
    for (let i = 0; i < 34; i += 1) await addStaff(h, { openid: `wx-pingan-head-${i}`, name: `平安${i}`, roles: ['resident', 'unit_head'], unitId: 'unit-pingan' })
    expect(data(await call<ReminderRunReport>(OFFICE, 'send', { unitId: 'unit-pingan' }, true))).toMatchObject({ noGrant: 34 })
    const seen: string[] = []
    let before: string | null | undefined
    do {
      const page = data(await call<{ items: ReminderAttemptView[]; next: string | null }>(OFFICE, 'attempts', before ? { before } : {}))
      seen.push(...page.items.map((item) => item.id))
      before = page.next
    } while (before)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(await h.count('reminders', { townId: 'town-jiasi' }))
    expect(await call(OFFICE, 'attempts', { before: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'before' } })
  })
})
