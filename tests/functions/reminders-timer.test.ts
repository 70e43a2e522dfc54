import fs from 'fs'
import path from 'path'
import { main as account } from '../../cloudfunctions/account'
import { main as reminders } from '../../cloudfunctions/reminders'
import { remindTown, type Send } from '../../cloudfunctions/reminders/run'
import { sendMessage } from '../../cloudfunctions/_lib/notify'
import type { TownDoc } from '../../cloudfunctions/_lib/repos/places'
import type { ReminderDoc } from '../../cloudfunctions/_lib/repos/reminders'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { addDays, shanghaiDay, type DayString } from '../../domain/dates'
import type { Reply } from '../../domain/errors'
import { reminderKey, type ReminderRunReport } from '../../domain/reminders'
import type { FunctionConfig, LoadedFunction } from '../../local/runtime/load'
import { startScheduler } from '../../local/runtime/scheduler'
import { startFunctionHarness, type Harness } from '../support/functions'

// The timer: the local scheduler runs the reminders function on its
// config.json cron under a controlled clock; each person gets at most one
// reminder a day, a grant is spent per WeChat message, and a send that
// throws (or a run that dies) is recorded and tried again on a later day,
// never twice in one.

let h: Harness
const HEAD = 'demo-unit-head'
const HEAD_ID = userIdFor(HEAD)
const config = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions/reminders/config.json'), 'utf8')) as FunctionConfig

/** 09:00 Asia/Shanghai on `day`: when the weekday trigger fires. */
const nineOn = (day: DayString) => new Date(`${day}T09:00:00+08:00`)
const timerEvent = (at: Date) => ({ Type: 'Timer', TriggerName: 'weekdays', Time: at.toISOString(), Message: '' })
const runTimer = async (day: DayString) => {
  const reply = (await h.call('reminders', reminders, null, timerEvent(nineOn(day)))) as Reply<ReminderRunReport & { towns: number }>
  if (!reply.ok) throw new Error(JSON.stringify(reply.error))
  return reply.data
}
const attempt = async (day: DayString): Promise<ReminderDoc | undefined> => {
  const { data } = await h.db.collection('reminders').doc(reminderKey(day, HEAD_ID)).get()
  return data[0] as ReminderDoc | undefined
}
const grant = async () => {
  const reply = await h.call('account', account, HEAD, { action: 'grantMessages', payload: { templates: ['reminder'] }, requestId: h.newRequestId() })
  if (!reply.ok) throw new Error(JSON.stringify(reply.error))
}
async function town(): Promise<TownDoc> {
  const { data } = await h.db.collection('towns').doc('town-jiasi').get()
  return data[0] as TownDoc
}

/** The next weekdays after today in Asia/Shanghai (the campaign is under way on all of them). */
function weekdaysAfterToday(count: number): DayString[] {
  const days: DayString[] = []
  for (let day = addDays(shanghaiDay(), 1); days.length < count; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
    if (weekday !== 0 && weekday !== 6) days.push(day)
  }
  return days
}
const [DAY1, DAY2, DAY3, DAY4, DAY5] = weekdaysAfterToday(5)

beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

describe('the weekday timer', () => {
  it('is written for CloudBase’s clock: 09:00 Asia/Shanghai, Monday to Friday', () => {
    expect(config.triggers).toEqual([{ name: 'weekdays', type: 'timer', config: '0 0 9 * * MON-FRI *' }])
    expect(config.permissions?.openapi).toContain('subscribeMessage.send')
  })

  it('runs from the local scheduler at 09:00 of the controlled clock and reminds each lagging unit’s head', async () => {
    await grant()
    // One second before 09:00 of a weekday, moving at real speed.
    const start = nineOn(DAY1).getTime() - 1000
    const realStart = Date.now()
    const clock = () => new Date(start + (Date.now() - realStart))
    const fn: LoadedFunction = { name: 'reminders', main: reminders, config }
    const ran = new Promise<unknown>((resolve, reject) => {
      const stop = startScheduler([fn], { onRun: (_fn, _trigger, result) => (stop(), resolve(result)), onError: (_fn, _trigger, error) => (stop(), reject(error)) }, clock)
    })
    const reply = (await ran) as Reply<ReminderRunReport & { towns: number }>
    expect(reply).toMatchObject({ ok: true, data: { day: DAY1, towns: 1, sent: 1, noGrant: 0, unreachableUnits: 3 } })
    expect(await attempt(DAY1)).toMatchObject({ trigger: 'timer', outcome: 'sent', retry: false, requestedBy: 'system' })
    const { data: outbox } = await h.db.collection('outbox').where({ openid: HEAD }).get()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ template: 'reminder', page: expect.stringMatching(/^pages\/staff\/progress\/index\?villageId=/) })
    expect(await h.count('inbox', { userId: HEAD_ID })).toBe(1)
  })

  it('sends at most one reminder a person a day: a second firing the same day sends nothing', async () => {
    await grant()
    expect(await runTimer(DAY1)).toMatchObject({ sent: 0, alreadyToday: 1 })
    expect(await h.count('outbox', { openid: HEAD })).toBe(1)
    expect(await h.count('inbox', { userId: HEAD_ID })).toBe(1)
  })

  it('spends one grant per WeChat message; without one the reminder still reaches 消息', async () => {
    // The grant of the test before was not spent on DAY1.
    expect(await runTimer(DAY2)).toMatchObject({ sent: 1 })
    expect(await runTimer(DAY3)).toMatchObject({ sent: 0, noGrant: 1 })
    expect(await attempt(DAY3)).toMatchObject({ outcome: 'no_grant', retry: false })
    expect(await h.count('outbox', { openid: HEAD })).toBe(2)
    expect(await h.count('inbox', { userId: HEAD_ID })).toBe(3)
  })

  it('does nothing in quiet hours', async () => {
    const at = new Date(`${DAY3}T22:30:00+08:00`)
    const reply = await h.call('reminders', reminders, null, timerEvent(at))
    expect(reply).toMatchObject({ ok: true, data: { sent: 0, noGrant: 0, skippedTowns: { quiet_hours: 1 } } })
  })

  it('is no timer when a signed-in client sends a timer event', async () => {
    const before = await h.count('reminders')
    expect(await h.call('reminders', reminders, 'demo-office', timerEvent(nineOn(DAY5)))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.count('reminders')).toBe(before)
  })
})

describe('failures', () => {
  it('records a send that throws, leaves the message in 消息, and retries it on the next day’s run, not the same day', async () => {
    await grant()
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const throwing: Send = async () => {
      throw new Error('connect ETIMEDOUT api.weixin.qq.com')
    }
    const failed = await remindTown(h.db, await town(), { now: nineOn(DAY4), trigger: 'timer', send: throwing })
    expect(failed).toMatchObject({ sent: 0, failed: 1 })
    expect(logged).toHaveBeenCalledWith('[reminders] a reminder could not be sent', reminderKey(DAY4, HEAD_ID), expect.any(Error))
    logged.mockRestore()
    expect(await attempt(DAY4)).toMatchObject({ outcome: 'failed', code: 'EXCEPTION', retry: true })
    expect(await h.count('inbox', { userId: HEAD_ID })).toBe(4)

    // The same day again (a second firing, or 立即提醒): not retried.
    expect(await remindTown(h.db, await town(), { now: new Date(nineOn(DAY4).getTime() + 3600_000), trigger: 'timer', send: sendMessage })).toMatchObject({ sent: 0, alreadyToday: 1 })

    // The next day's run sends, as a retry of the failure, which is then settled.
    expect(await runTimer(DAY5)).toMatchObject({ sent: 1, retried: 1 })
    expect(await attempt(DAY5)).toMatchObject({ outcome: 'sent', retryOf: reminderKey(DAY4, HEAD_ID) })
    expect(await attempt(DAY4)).toMatchObject({ outcome: 'failed', retry: false })
  })

  it('a run that died after claiming sends nothing twice: the claim is finished as interrupted and retried the next day', async () => {
    const [day6, day7] = weekdaysAfterToday(7).slice(5)
    const claim = (await attempt(DAY5)) as ReminderDoc
    // What a run that died right after its claim leaves behind (no message anywhere yet).
    await h.db.collection('reminders').add({ ...claim, _id: reminderKey(day6, HEAD_ID), day: day6, outcome: 'sending', retry: true, retryOf: null, finishedAt: null, createdAt: nineOn(day6) })
    const outboxBefore = await h.count('outbox', { openid: HEAD })

    // Run again 20 minutes later the same day: nothing sent, the message put in 消息.
    const rerun = await remindTown(h.db, await town(), { now: new Date(nineOn(day6).getTime() + 20 * 60_000), trigger: 'timer' })
    expect(rerun).toMatchObject({ sent: 0, alreadyToday: 1 })
    expect(await h.count('outbox', { openid: HEAD })).toBe(outboxBefore)
    expect(await attempt(day6)).toMatchObject({ outcome: 'interrupted', retry: true })
    expect(await h.count('inbox', { _id: `in_${reminderKey(day6, HEAD_ID)}` })).toBe(1)

    await grant()
    expect(await runTimer(day7)).toMatchObject({ sent: 1, retried: 1 })
    expect(await attempt(day6)).toMatchObject({ retry: false })
  })

  it('with 定时提醒 off, the timer only retries what failed', async () => {
    const [day8, day9, day10] = weekdaysAfterToday(10).slice(7)
    await h.db.collection('towns').doc('town-jiasi').update({ reminderSettings: h.db.command.set({ scheduled: false, quietHours: { from: '21:00', to: '08:00' }, includeCadres: false }) })
    await grant()
    // 立即提醒 that failed on day 8 (the platform said system error).
    const failing: Send = async () => ({ outcome: 'failed', code: '-1', message: 'system error' })
    expect(await remindTown(h.db, await town(), { now: nineOn(day8), trigger: 'manual', requestedBy: 'demo-office', send: failing })).toMatchObject({ failed: 1 })
    expect(await attempt(day8)).toMatchObject({ outcome: 'failed', code: '-1', retry: true })
    expect(await runTimer(day9)).toMatchObject({ sent: 1, noGrant: 0, retried: 1 })
    expect(await runTimer(day10)).toMatchObject({ sent: 0, noGrant: 0, retried: 0, alreadyToday: 0 })
  })
})
