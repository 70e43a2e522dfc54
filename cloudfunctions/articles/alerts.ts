import { summaryOf, htmlToBlocks } from '../../domain/article-body'
import { ARTICLE_PAGE, articleQuery, type AlertProgress } from '../../domain/articles'
import { messageTime } from '../../domain/messages'
import type { Database } from '../_lib/cloud'
import { broadcastPage, countGrantHolders } from '../_lib/notify/broadcast'
import { alertIdFor, findAlert, insertAlert, lockAlert, recordAlertPage, releaseAlert, type AlertDoc } from '../_lib/repos/alerts'
import type { ArticleDoc } from '../_lib/repos/articles'
import { alertProgress } from './views'

// 通知订阅者: a 诈骗手法预警 goes to every resident of the town holding a
// 防骗预警 grant, through the one message channel (_lib/notify), a page of
// holders at a time. One call sends for at most SEND_BUDGET_MS and says how
// far it got; the publisher's page calls again (continueAlert) until done,
// and a job left half-way is taken up by the next call. A call holding the
// job keeps others out, so nobody is sent the alert twice.

export const ALERT_PAGE_SIZE = 500
export const SEND_BUDGET_MS = 6000
/** Longer than a call may run (config.json's timeout): a call that died lets go by then. */
const LOCK_MS = 30_000

function alertValues(article: ArticleDoc) {
  return {
    title: article.title,
    summary: article.summary || summaryOf(htmlToBlocks(article.body), 20),
    publishedAt: messageTime(article.publishAt ?? new Date()),
  }
}

/** Starts the article's alert (once per article) and sends what fits in this call. */
export async function startAlert(db: Database, article: ArticleDoc, byUserId: string, now = new Date()): Promise<AlertProgress> {
  const total = await countGrantHolders(db, 'articleAlert')
  const alert: AlertDoc = {
    _id: alertIdFor(article._id),
    townId: article.townId,
    articleId: article._id,
    status: 'sending',
    cursor: null,
    sent: 0,
    failed: 0,
    skipped: 0,
    total,
    by: byUserId,
    startedAt: now,
    finishedAt: null,
    lockedUntil: new Date(0),
  }
  await insertAlert(db, alert)
  return sendAlert(db, article)
}

/** Sends the next pages of the article's alert, within the budget. */
export async function sendAlert(db: Database, article: ArticleDoc, budgetMs = SEND_BUDGET_MS): Promise<AlertProgress> {
  const id = alertIdFor(article._id)
  const started = Date.now()
  const alert = await findAlert(db, article._id)
  if (!alert || alert.status === 'done' || !(await lockAlert(db, id, new Date(), LOCK_MS))) return alertProgress(alert ?? (await findAlert(db, article._id))) as AlertProgress
  const values = alertValues(article)
  const page = `${ARTICLE_PAGE}?${articleQuery(article._id)}`
  let { cursor, sent, failed } = alert
  for (;;) {
    const result = await broadcastPage(db, 'articleAlert', values, page, {
      after: cursor,
      limit: ALERT_PAGE_SIZE,
      accept: (recipient) => recipient.townId === article.townId,
      tag: `${id}:${cursor ?? ''}`,
    })
    cursor = result.cursor
    sent += result.sent
    failed += result.failed
    await recordAlertPage(db, id, { ...result, cursor }, new Date())
    if (result.done) return { status: 'done', sent, failed, total: Math.max(alert.total, sent + failed) }
    if (Date.now() - started > budgetMs) break
  }
  await releaseAlert(db, id, new Date())
  return { status: 'sending', sent, failed, total: Math.max(alert.total, sent + failed) }
}
