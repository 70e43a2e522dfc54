import { progressOf, type CampaignPlan } from '../../domain/coverage'
import { fieldAccepted, MESSAGE_TEMPLATES, type FieldKind } from '../../domain/messages'
import { wechatChannel, type OpenApi } from '../../cloudfunctions/_lib/notify/wechat'
import {
  DEFAULT_TOWN_REMINDER_SETTINGS,
  inQuietHours,
  leadDaysOf,
  planReminders,
  reminderContent,
  reminderKey,
  reminderReason,
  retryStillWanted,
  townReminderSettings,
  villagesToRemind,
  type PlanInput,
  type Recipient,
  type ReminderVillage,
} from '../../domain/reminders'

// 督导提醒's rule at its edges: exactly on target, the milestone's last day
// and the lead days before it, quiet hours on both sides of midnight, the
// daily cap; and the words, within WeChat's field rules whatever the names.

// 1,000 households: 200 (20%) by 3月31日, all by the year's end.
const PLAN: CampaignPlan = {
  startDay: '2026-03-01',
  milestones: [
    { day: '2026-03-31', targetPercent: 20 },
    { day: '2026-12-31', targetPercent: 100 },
  ],
}
const progress = (covered: number, today: string, registered = 1000) => progressOf(registered, covered, PLAN, today)

describe('who needs a reminder', () => {
  it('nobody whose milestone target is met, exactly on target included', () => {
    expect(reminderReason(progress(200, '2026-03-30'), 7)).toBeNull()
    expect(reminderReason(progress(199, '2026-03-30'), 7)).toBe('due_soon')
  })

  it('a village on pace only within the lead days of its milestone', () => {
    // On 3月23日 the milestone is 8 days away; on 3月24日, 7.
    expect(progress(190, '2026-03-23').status).toBe('on_track')
    expect(reminderReason(progress(190, '2026-03-23'), 7)).toBeNull()
    expect(reminderReason(progress(190, '2026-03-24'), 7)).toBe('due_soon')
    expect(reminderReason(progress(190, '2026-03-24'), 6)).toBeNull()
    expect(reminderReason(progress(190, '2026-03-31'), 0)).toBe('due_soon')
  })

  it('on the milestone’s last day, and not the day after once the next milestone is far and the pace is kept', () => {
    const lastDay = progress(199, '2026-03-31')
    expect(reminderReason(lastDay, 7)).toBe('due_soon')
    expect(reminderContent('unit_head', '党群办', villagesToRemind([village('v1', lastDay)], 7), '2026-03-31').lines[1].text).toContain('今天是阶段目标的最后一天')
    expect(reminderReason(progress(199, '2026-04-01'), 7)).toBeNull()
  })

  it('a village 落后 or 严重落后 whatever the date', () => {
    // On 3月15日 the pace expects 96 households (15 of the 31 days to 20%).
    expect(progress(50, '2026-03-15').status).toBe('far_behind')
    expect(reminderReason(progress(50, '2026-03-15'), 0)).toBe('far_behind')
    expect(progress(70, '2026-03-15').status).toBe('behind')
    expect(reminderReason(progress(70, '2026-03-15'), 0)).toBe('behind')
    expect(reminderReason(progress(90, '2026-03-15'), 7)).toBeNull()
  })

  it('a village short of the last milestone once it has passed', () => {
    expect(reminderReason(progress(990, '2027-01-05'), 7)).toBe('overdue')
    expect(reminderReason(progress(1000, '2027-01-05'), 7)).toBeNull()
  })

  it('nobody before the campaign expects anything, or in a campaign without milestones', () => {
    expect(reminderReason(progress(0, '2026-02-20'), 7)).toBeNull()
    expect(reminderReason(progressOf(1000, 0, { startDay: '2026-03-01', milestones: [] }, '2026-03-15'), 7)).toBeNull()
  })
})

describe('quiet hours (Asia/Shanghai)', () => {
  const at = (clock: string) => new Date(`2026-03-16T${clock}:00+08:00`)
  const night = { from: '21:00', to: '08:00' }

  it('span midnight: from 21:00 included to 08:00 excluded', () => {
    expect(inQuietHours(at('20:59'), night)).toBe(false)
    expect(inQuietHours(at('21:00'), night)).toBe(true)
    expect(inQuietHours(at('00:30'), night)).toBe(true)
    expect(inQuietHours(at('07:59'), night)).toBe(true)
    expect(inQuietHours(at('08:00'), night)).toBe(false)
  })

  it('within a day, and none when switched off', () => {
    expect(inQuietHours(at('12:00'), { from: '12:00', to: '14:00' })).toBe(true)
    expect(inQuietHours(at('14:00'), { from: '12:00', to: '14:00' })).toBe(false)
    expect(inQuietHours(at('03:00'), null)).toBe(false)
  })

  it('read on Shanghai’s clock even though functions run in UTC', () => {
    // 13:30 UTC is 21:30 in Shanghai.
    expect(inQuietHours(new Date('2026-03-16T13:30:00Z'), night)).toBe(true)
    expect(inQuietHours(new Date('2026-03-16T01:00:00Z'), night)).toBe(false)
  })
})

describe('settings as stored', () => {
  it('take the defaults for what is missing or malformed', () => {
    expect(townReminderSettings(undefined)).toEqual(DEFAULT_TOWN_REMINDER_SETTINGS)
    expect(townReminderSettings({ quietHours: null, includeCadres: true })).toEqual({ scheduled: true, quietHours: null, includeCadres: true })
    expect(townReminderSettings({ quietHours: { from: '25:00', to: '08:00' } }).quietHours).toEqual(DEFAULT_TOWN_REMINDER_SETTINGS.quietHours)
    expect(leadDaysOf({})).toBe(7)
    expect(leadDaysOf({ reminderLeadDays: 3 })).toBe(3)
    expect(leadDaysOf({ reminderLeadDays: -1 })).toBe(7)
  })
})

function village(id: string, p: ReturnType<typeof progress>, unitId: string | null = 'u1', order = 0, name = `${id}村`): ReminderVillage {
  return { id, name, unitId, order, progress: p }
}

const head = (userId: string, unitId: string): Recipient => ({ userId, openid: `o-${userId}`, name: `负责人${userId}`, role: 'unit_head', unitId, villageId: null })
const cadre = (userId: string, villageId: string): Recipient => ({ userId, openid: `o-${userId}`, name: `干部${userId}`, role: 'cadre', unitId: null, villageId })

describe('the plan of a day', () => {
  const today = '2026-03-15'
  const base: PlanInput = {
    today,
    settings: DEFAULT_TOWN_REMINDER_SETTINGS,
    leadDays: 7,
    villages: [
      village('v1', progress(50, today), 'u1', 0),
      village('v2', progress(150, today), 'u1', 1),
      village('v3', progress(180, today), 'u2', 2),
      village('v4', progress(30, today), 'u3', 3),
    ],
    units: [
      { id: 'u1', name: '党群办' },
      { id: 'u2', name: '经济办' },
      { id: 'u3', name: '财政办' },
    ],
    recipients: [head('h1', 'u1'), head('h2', 'u2'), cadre('c1', 'v1'), cadre('c4', 'v4')],
    remindedToday: new Set(),
  }

  it('reminds each head of a lagging unit once, about every lagging village, most in need first', () => {
    const plan = planReminders(base)
    expect(plan.due.map((planned) => [planned.recipient.userId, planned.villages.map((v) => v.id)])).toEqual([['h1', ['v1']]])
    expect(plan.unitsOnTrack).toBe(1)
    // 财政办's village is far behind, but the unit has no head account.
    expect(plan.unreachable).toEqual([{ unitId: 'u3', unitName: '财政办', villages: [expect.objectContaining({ id: 'v4', reason: 'far_behind' })] }])
  })

  it('caps at one reminder a person a day', () => {
    const plan = planReminders({ ...base, remindedToday: new Set(['h1']) })
    expect(plan.due).toEqual([])
    expect(plan.remindedToday.map((planned) => planned.recipient.userId)).toEqual(['h1'])
  })

  it('adds the cadres of each lagging village when the town wants them, about their village only, most in need first', () => {
    const plan = planReminders({ ...base, settings: { ...base.settings, includeCadres: true } })
    expect(plan.due.map((planned) => [planned.recipient.userId, planned.villages.map((v) => v.id)])).toEqual([
      ['h1', ['v1']],
      ['c4', ['v4']],
      ['c1', ['v1']],
    ])
  })

  it('narrows to one unit, or to the people whose failure is retried', () => {
    expect(planReminders({ ...base, unitId: 'u2' }).due).toEqual([])
    expect(planReminders({ ...base, unitId: 'u2' }).unreachable).toEqual([])
    expect(planReminders({ ...base, onlyUsers: new Set(['h2']) }).due).toEqual([])
  })

  it('keys a reminder by person and day, and retries a failure only on a later day within a week', () => {
    expect(reminderKey('2026-03-15', 'u_abc')).toBe('rm_20260315_u_abc')
    expect(retryStillWanted('2026-03-15', '2026-03-15')).toBe(false)
    expect(retryStillWanted('2026-03-15', '2026-03-16')).toBe(true)
    expect(retryStillWanted('2026-03-15', '2026-03-22')).toBe(true)
    expect(retryStillWanted('2026-03-15', '2026-03-23')).toBe(false)
  })
})

describe('the words', () => {
  const kinds = MESSAGE_TEMPLATES.reminder.fields as Record<string, FieldKind>
  const accepted = (fields: Record<string, string>) => Object.entries(kinds).every(([field, kind]) => fieldAccepted(kind, fields[field]))

  it('say where the village stands, the target, by when and what is left, and link to its progress', () => {
    const today = '2026-03-24'
    const content = reminderContent('unit_head', '党群办', villagesToRemind([village('v-shiliang', progress(150, today), 'u1', 0, '石梁村')], 7), today)
    expect(content.fields).toEqual({ village: '石梁村', progress: '已覆盖15%，目标20%', deadline: '2026年3月31日', advice: '还差50户，每天约7户可按期完成' })
    expect(accepted(content.fields)).toBe(true)
    expect(content.page).toBe('pages/staff/progress/index?villageId=v-shiliang')
    expect(content.lines[0].text).toBe('党群办包联的村（社区）中，有 1 个需要加把劲：')
    expect(content.lines[1]).toEqual({
      text: '石梁村：已覆盖 150/1000 户（15%），离阶段目标还有 7 天。3月31日前要达到 20%，还差 50 户，剩 8 天，每天约 7 户就能按期完成。',
      page: 'pages/staff/progress/index?villageId=v-shiliang',
      action: '查看石梁村的进度',
    })
  })

  it('name the first of several villages with their count, shortening the name but never the count', () => {
    const today = '2026-03-15'
    const long = '重庆市江津区贾嗣镇石梁村第十二村民小组片区'
    const villages = villagesToRemind(
      [village('a', progress(30, today), 'u1', 0, long), village('b', progress(40, today), 'u1', 1), village('c', progress(50, today), 'u1', 2)],
      7,
    )
    const content = reminderContent('unit_head', '党群办', villages, today)
    expect(content.fields.village).toMatch(/^重庆市江津区贾嗣镇石梁村第十…等3个村社$/)
    expect([...content.fields.village]).toHaveLength(20)
    expect(accepted(content.fields)).toBe(true)
    expect(content.lines).toHaveLength(5)
  })

  it('stay within 20 characters for a big village far from its target', () => {
    const today = '2026-03-02'
    const content = reminderContent('cadre', '青龙村', villagesToRemind([village('v', progressOf(99999, 0, PLAN, today), 'u1', 0, '青龙村')], 7), today)
    expect(accepted(content.fields)).toBe(true)
    expect(content.fields.advice).toBe('还差20000户，每天约667户')
    expect(content.lines[0].text).toBe('青龙村的入户宣传需要加把劲：')
  })

  it('say plainly when the deadline has passed', () => {
    const today = '2027-01-05'
    const content = reminderContent('unit_head', '党群办', villagesToRemind([village('v', progress(990, today))], 7), today)
    expect(content.fields).toMatchObject({ deadline: '2026年12月31日', advice: '期限已过，还差10户，请尽快补上' })
    expect(accepted(content.fields)).toBe(true)
  })
})

describe('the reminder as WeChat receives it', () => {
  it('is exactly the subscribeMessage.send request, under the account’s field keys, opening the village’s progress', async () => {
    const today = '2026-03-24'
    const content = reminderContent('unit_head', '党群办', villagesToRemind([village('v-shiliang', progress(150, today), 'u1', 0, '石梁村')], 7), today)
    const config = { reminder: { id: 'tmpl-reminder', keys: { village: 'thing1', progress: 'thing2', deadline: 'date3', advice: 'thing4' } } }
    const send = jest.fn().mockResolvedValue({ errCode: 0 })
    const openapi: OpenApi = { subscribeMessage: { send } }
    const delivery = await wechatChannel(() => openapi, config).deliver({} as never, { openid: 'o-head', template: 'reminder', page: content.page, fields: content.fields })
    expect(delivery).toEqual({ outcome: 'sent' })
    expect(send).toHaveBeenCalledWith({
      touser: 'o-head',
      templateId: 'tmpl-reminder',
      page: 'pages/staff/progress/index?villageId=v-shiliang',
      data: { thing1: { value: '石梁村' }, thing2: { value: '已覆盖15%，目标20%' }, date3: { value: '2026年3月31日' }, thing4: { value: '还差50户，每天约7户可按期完成' } },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    })
  })
})

