import type { DayString } from '../../../domain/dates'
import type { ReminderLine, ReminderOutcome, ReminderTrigger, ReminderVillageView, RecipientRole } from '../../../domain/reminders'
import type { MessageFields } from '../../../domain/messages'
import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

/**
 * One reminder to one person on one day (督导提醒): what they were sent and
 * how it went. Its id is the reminder's key (domain reminderKey), claimed
 * before anything is sent: the daily cap and a rerun's idempotency both
 * rest on that insert.
 */
export interface ReminderDoc {
  _id: string
  townId: string
  day: DayString
  campaignId: string
  userId: string
  openid: string
  name: string
  role: RecipientRole
  scopeName: string
  trigger: ReminderTrigger
  /** Office's openid for 立即提醒; `system` for the timer. */
  requestedBy: string
  villages: ReminderVillageView[]
  message: { fields: MessageFields<'reminder'>; page: string }
  title: string
  lines: ReminderLine[]
  outcome: ReminderOutcome
  code: string | null
  error: string | null
  /** To be tried again by a later day's run: failures, and claims whose run died (still `sending`). */
  retry: boolean
  /** The failed attempt this one retries. */
  retryOf: string | null
  createdAt: Date
  finishedAt: Date | null
}

/** Resolves false when this person already has a reminder today (the key is taken). */
export async function claimReminder(db: Database, doc: ReminderDoc): Promise<boolean> {
  try {
    await collection(db, 'reminders').add(doc)
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

export async function finishReminder(db: Database, id: string, patch: Pick<ReminderDoc, 'outcome' | 'code' | 'error' | 'retry'>, now = new Date()): Promise<void> {
  await collection(db, 'reminders').doc(id).update({ ...patch, finishedAt: now })
}

/** An earlier failure was tried again (or given up): no later run retries it. */
export async function closeRetry(db: Database, id: string): Promise<void> {
  await collection(db, 'reminders').doc(id).update({ retry: false })
}

export type ReminderStamp = Pick<ReminderDoc, '_id' | 'userId' | 'day' | 'outcome' | 'retry' | 'createdAt'>

/** The town's attempts since `since` (today's, for the daily cap, and recent failures to retry), without their text. */
export async function recentReminders(db: Database, townId: string, since: Date): Promise<ReminderStamp[]> {
  const _ = db.command
  const found: ReminderStamp[] = []
  for (;;) {
    const { data } = await collection(db, 'reminders')
      .where({ townId, createdAt: _.gte(since) })
      .orderBy('createdAt', 'desc')
      .skip(found.length)
      .limit(1000)
      .field({ _id: true, userId: true, day: true, outcome: true, retry: true, createdAt: true })
      .get()
    found.push(...(data as ReminderStamp[]))
    if (data.length < 1000) return found
  }
}

export async function findReminders(db: Database, ids: readonly string[]): Promise<ReminderDoc[]> {
  if (ids.length === 0) return []
  const { data } = await collection(db, 'reminders').where({ _id: db.command.in([...ids]) }).limit(1000).get()
  return data as ReminderDoc[]
}

/** What office reads: the town's attempts, newest first; `before` is where the previous page ended. */
export async function listReminders(db: Database, townId: string, before: { at: Date; id: string } | null, limit: number): Promise<ReminderDoc[]> {
  const _ = db.command
  const where = before ? _.and([{ townId }, _.or([{ createdAt: _.lt(before.at) }, { createdAt: before.at, _id: _.lt(before.id) }])]) : { townId }
  const { data } = await collection(db, 'reminders').where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit).get()
  return data as ReminderDoc[]
}
