import { messageTime } from '../../domain/messages'
import { TIP_KIND_LABELS } from '../../domain/tips'
import type { Database } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { sendMessage } from '../_lib/notify'
import type { TipDoc } from '../_lib/repos/tips'
import type { UserDoc } from '../_lib/repos/users'

// Subscribe messages of tips, through the one channel (_lib/notify): police
// hear of an urgent tip at once; a named tipster hears of each step. An
// anonymous tipster is never sent anything: a message needs their OPENID,
// and the tip keeps none. They follow it in 我的举报 with the receipt code.

export const TIP_DETAIL_PAGE = 'pages/staff/tip-detail/index'
export const MY_TIPS_PAGE = 'pages/my-tips/index'

/** A message that could not go never fails the tip: it is saved, and police see it in the queue. */
function quietly(promise: Promise<unknown>, what: string): Promise<void> {
  return promise.then(
    () => undefined,
    (error: unknown) => console.error(`[tips] ${what} not sent:`, error instanceof Error ? error.message : String(error)),
  )
}

/** 紧急举报提醒 to every officer of the town who holds a grant for it. */
export async function alertPolice(db: Database, tip: TipDoc): Promise<void> {
  const { data } = await collection(db, 'users').where({ townId: tip.townId, roles: 'police' }).limit(200).get()
  const amount = tip.amountLost > 0 ? `${tip.amountLost}元` : '金额未填'
  await Promise.all(
    (data as UserDoc[]).map((officer) =>
      quietly(
        sendMessage(
          db,
          { openid: officer.openid, userId: officer._id },
          'tipUrgent',
          { reference: tip.reference, kind: TIP_KIND_LABELS[tip.kind], amount: `${amount}·刚转账不久`, submittedAt: messageTime(tip.createdAt) },
          `${TIP_DETAIL_PAGE}?id=${tip._id}`,
        ),
        'urgent-tip alert',
      ),
    ),
  )
}

/** 举报处理进度提醒 to a named tipster who holds a grant for it. */
export async function tellTipster(db: Database, tip: TipDoc, phrase: string, note: string): Promise<void> {
  if (tip.anonymous || !tip.reporterId) return
  const { data } = await collection(db, 'users').doc(tip.reporterId).get()
  const reporter = data?.[0] as UserDoc | undefined
  if (!reporter) return
  await quietly(
    sendMessage(
      db,
      { openid: reporter.openid, userId: reporter._id },
      'tipStatus',
      { reference: tip.reference, status: phrase, note: note || '点开查看处理进度', updatedAt: messageTime(new Date()) },
      MY_TIPS_PAGE,
    ),
    'tip progress message',
  )
}
