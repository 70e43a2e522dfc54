import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

/** Sending a 诈骗手法预警 to the subscribers: one job per article, resumed page by page. */
export interface AlertDoc {
  /** `alert_<articleId>`: an article alerts its subscribers once. */
  _id: string
  townId: string
  articleId: string
  status: 'sending' | 'done'
  /** The last user id a page reached. */
  cursor: string | null
  sent: number
  failed: number
  /** Grant holders of other towns, passed over. */
  skipped: number
  /** Subscribers when sending began. */
  total: number
  /** Who asked for it (user id). */
  by: string
  startedAt: Date
  finishedAt: Date | null
  /** A call sending pages holds the job until then; another waits its turn. */
  lockedUntil: Date
}

export const alertIdFor = (articleId: string) => `alert_${articleId}`

export async function findAlert(db: Database, articleId: string): Promise<AlertDoc | null> {
  const { data } = await collection(db, 'alerts').doc(alertIdFor(articleId)).get()
  return (data?.[0] as AlertDoc | undefined) ?? null
}

export async function alertsFor(db: Database, articleIds: readonly string[]): Promise<AlertDoc[]> {
  if (!articleIds.length) return []
  const { data } = await collection(db, 'alerts').where({ _id: db.command.in(articleIds.map(alertIdFor)) }).limit(articleIds.length).get()
  return data as AlertDoc[]
}

/** Starts the article's alert; false when it was started before. */
export async function insertAlert(db: Database, alert: AlertDoc): Promise<boolean> {
  try {
    await collection(db, 'alerts').add(alert)
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

/** Takes the job for `ms` unless another call holds it. */
export async function lockAlert(db: Database, id: string, now: Date, ms: number): Promise<boolean> {
  const { updated } = await collection(db, 'alerts').where({ _id: id, status: 'sending', lockedUntil: db.command.lte(now) }).update({ lockedUntil: new Date(now.getTime() + ms) })
  return updated > 0
}

export async function recordAlertPage(db: Database, id: string, page: { cursor: string | null; sent: number; failed: number; skipped: number; done: boolean }, now: Date): Promise<void> {
  const _ = db.command
  await collection(db, 'alerts')
    .doc(id)
    .update({
      cursor: page.cursor,
      sent: _.inc(page.sent),
      failed: _.inc(page.failed),
      skipped: _.inc(page.skipped),
      ...(page.done ? { status: 'done', finishedAt: now, lockedUntil: now } : {}),
    })
}

export async function releaseAlert(db: Database, id: string, now: Date): Promise<void> {
  await collection(db, 'alerts').doc(id).update({ lockedUntil: now })
}
