import { inboxIdFor } from '../../domain/inbox'
import {
  inQuietHours,
  isRetriable,
  reminderKey,
  villageView,
  type PlannedReminder,
  type ReminderRunReport,
  type ReminderTrigger,
} from '../../domain/reminders'
import type { Database } from '../_lib/cloud'
import { grantsFor, sendMessage, type Delivery } from '../_lib/notify'
import { deliverToInbox } from '../_lib/repos/inbox'
import { claimReminder, closeRetry, findReminders, finishReminder, type ReminderDoc, type ReminderStamp } from '../_lib/repos/reminders'
import type { TownDoc } from '../_lib/repos/places'
import { loadTownState, pendingRetries, planFor, type TownState } from './town'

// One reminder run for one town: the timer's (every town, weekdays 09:00) or
// office's 立即提醒. Each person's reminder of the day is claimed first under
// its key (domain reminderKey), then put in their 消息, then sent as a
// subscribe message; the claim is what keeps a rerun, or a second run the
// same day, from sending twice. A failure is recorded and a later day's run
// tries again.

/** A claim still `sending` after this long belongs to a run that died (the function's timeout is well under it). */
export const STALE_CLAIM_MS = 15 * 60_000
/** People reminded at once: each reminder is a few sequential round trips. */
const PARALLEL = 8

export type Send = typeof sendMessage

export interface RunOptions {
  now: Date
  trigger: ReminderTrigger
  /** Office's openid for 立即提醒. */
  requestedBy?: string
  /** 立即提醒 of one unit. */
  unitId?: string
  /** The subscribe-message sender (tests replace it to make a send throw). */
  send?: Send
}

export function emptyReport(day: string, skipped: ReminderRunReport['skipped'] = null): ReminderRunReport {
  return { day, skipped, sent: 0, noGrant: 0, refused: 0, failed: 0, alreadyToday: 0, unreachableUnits: 0, retried: 0 }
}

export async function remindTown(db: Database, town: TownDoc, options: RunOptions): Promise<ReminderRunReport> {
  const state = await loadTownState(db, town, options.now)
  if (inQuietHours(options.now, state.settings.quietHours)) return emptyReport(state.today, 'quiet_hours')
  if (!state.campaign) return emptyReport(state.today, 'no_campaign')
  return remindWith(db, state, options)
}

/** Runs the plan of a loaded town (the caller has checked quiet hours and the campaign). */
export async function remindWith(db: Database, state: TownState, options: RunOptions): Promise<ReminderRunReport> {
  const report = emptyReport(state.today)
  await recoverStaleClaims(db, state.recent, options.now)
  const retries = pendingRetries(state.recent, state.today)
  // With 定时提醒 off, the timer only retries what failed.
  const onlyUsers = options.trigger === 'timer' && !state.settings.scheduled ? new Set(retries.keys()) : undefined
  const plan = planFor(state, { unitId: options.unitId, onlyUsers })
  report.alreadyToday = plan.remindedToday.length
  report.unreachableUnits = plan.unreachable.length
  // Who holds a grant, read once for the town: no grant-spending write for those who hold none.
  const granted = await grantsFor(
    db,
    plan.due.map((planned) => planned.recipient.userId),
    'reminder',
  )

  await inPool(plan.due, PARALLEL, async (planned) => {
    const retryOf = retries.get(planned.recipient.userId)?._id ?? null
    let outcome: Outcome
    try {
      outcome = await remindOne(db, state, planned, { ...options, retryOf, hasGrant: (granted.get(planned.recipient.userId) ?? 0) > 0 })
    } catch (error) {
      // The claim stays `sending`: a later run recovers and retries it.
      console.error('[reminders] a reminder was left unfinished', planned.recipient.userId, error)
      outcome = 'failed'
    }
    if (outcome === 'already') report.alreadyToday += 1
    else {
      if (outcome === 'sent') report.sent += 1
      else if (outcome === 'no_grant') report.noGrant += 1
      else if (outcome === 'refused') report.refused += 1
      else report.failed += 1
      if (retryOf) report.retried += 1
    }
  })

  // A full run settles every earlier failure: retried above, or no longer anything to say.
  if (options.trigger === 'timer') {
    const due = new Set(plan.due.map((planned) => planned.recipient.userId))
    for (const [userId, failed] of retries) if (!due.has(userId)) await closeRetry(db, failed._id)
  }
  return report
}

type Outcome = Delivery['outcome'] | 'already'

async function remindOne(db: Database, state: TownState, planned: PlannedReminder, options: RunOptions & { retryOf: string | null; hasGrant: boolean }): Promise<Outcome> {
  const { recipient, content } = planned
  const key = reminderKey(state.today, recipient.userId)
  const claim: ReminderDoc = {
    _id: key,
    townId: state.town._id,
    day: state.today,
    campaignId: state.campaign?._id ?? '',
    userId: recipient.userId,
    openid: recipient.openid,
    name: recipient.name,
    role: recipient.role,
    scopeName: planned.scopeName,
    trigger: options.trigger,
    requestedBy: options.requestedBy ?? 'system',
    villages: planned.villages.map(villageView),
    message: { fields: content.fields, page: content.page },
    title: content.title,
    lines: content.lines,
    outcome: 'sending',
    code: null,
    error: null,
    // Until finished: a run that dies here leaves it for the next day's run.
    retry: true,
    retryOf: options.retryOf,
    createdAt: options.now,
    finishedAt: null,
  }
  if (!(await claimReminder(db, claim))) return 'already'

  let delivery: Delivery
  try {
    await deliverToInbox(db, { _id: inboxIdFor(key), userId: recipient.userId, townId: state.town._id, kind: 'reminder', title: content.title, lines: content.lines, createdAt: options.now })
    delivery = options.hasGrant
      ? await (options.send ?? sendMessage)(db, { openid: recipient.openid, userId: recipient.userId }, 'reminder', content.fields, content.page)
      : { outcome: 'no_grant' }
  } catch (error) {
    console.error('[reminders] a reminder could not be sent', key, error)
    delivery = { outcome: 'failed', code: 'EXCEPTION', message: error instanceof Error ? error.message : String(error) }
  }
  const code = delivery.outcome === 'failed' || delivery.outcome === 'refused' ? delivery.code : null
  const message = delivery.outcome === 'failed' ? delivery.message.slice(0, 200) : null
  await finishReminder(db, key, { outcome: delivery.outcome, code, error: message, retry: isRetriable(delivery.outcome) })
  if (options.retryOf) await closeRetry(db, options.retryOf)
  return delivery.outcome
}

/**
 * Claims whose run died before finishing: whether WeChat got the message is
 * unknown, so it is not sent again today; the message is put in 消息 (if it
 * is not there yet) and the claim marked interrupted, for the next day's run
 * to retry.
 */
async function recoverStaleClaims(db: Database, recent: ReminderStamp[], now: Date): Promise<void> {
  const stale = recent.filter((stamp) => stamp.outcome === 'sending' && now.getTime() - new Date(stamp.createdAt).getTime() > STALE_CLAIM_MS)
  if (stale.length === 0) return
  for (const doc of await findReminders(db, stale.map((stamp) => stamp._id))) {
    await deliverToInbox(db, { _id: inboxIdFor(doc._id), userId: doc.userId, townId: doc.townId, kind: 'reminder', title: doc.title, lines: doc.lines, createdAt: doc.createdAt })
    await finishReminder(db, doc._id, { outcome: 'interrupted', code: null, error: null, retry: true }, now)
  }
  for (const stamp of stale) stamp.outcome = 'interrupted'
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next]
      next += 1
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
}
