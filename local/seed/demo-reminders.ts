import type { Database } from '../../cloudfunctions/_lib/cloud'
import { collection } from '../../cloudfunctions/_lib/collections'
import { addGrants } from '../../cloudfunctions/_lib/notify'
import { findTown } from '../../cloudfunctions/_lib/repos/places'
import { userIdFor, type UserDoc } from '../../cloudfunctions/_lib/repos/users'
import { remindTown } from '../../cloudfunctions/reminders/run'
import { addDays, shanghaiDay } from '../../domain/dates'
import { DEMO_TOWN } from './demo-town'

// 督导提醒 on day one: the heads of two more units hold accounts (财政办's
// does not, so office sees a unit it cannot reach), 平安建设办's head has
// subscribed, and the weekday timer has already run once, on the last
// weekday before today, through the function's own code: 周敏 has an unread
// 消息, /local/outbox holds the WeChat message 吴刚 received, and office sees
// the record of every attempt. Today is left free for 立即提醒.

const HEADS = [
  { openid: 'demo-head-pingan', name: '吴刚', unitId: 'unit-pingan', grants: 2 },
  { openid: 'demo-head-jingji', name: '郑丽', unitId: 'unit-jingji', grants: 0 },
]

/** The last Monday-to-Friday day before `day`. */
export function lastWeekdayBefore(day: string): string {
  let previous = addDays(day, -1)
  while ([0, 6].includes(new Date(`${previous}T00:00:00Z`).getUTCDay())) previous = addDays(previous, -1)
  return previous
}

export async function seedDemoReminders(db: Database, now = new Date()): Promise<void> {
  const heads: UserDoc[] = HEADS.map((head) => ({
    _id: userIdFor(head.openid),
    openid: head.openid,
    name: head.name,
    roles: ['resident', 'unit_head'],
    townId: DEMO_TOWN._id,
    villageId: null,
    unitId: head.unitId,
    createdAt: now,
    updatedAt: now,
  }))
  await collection(db, 'users').add(heads)
  for (const head of HEADS) for (let i = 0; i < head.grants; i += 1) await addGrants(db, userIdFor(head.openid), ['reminder'])
  const town = await findTown(db, DEMO_TOWN._id)
  if (!town) return
  const ranOn = lastWeekdayBefore(shanghaiDay(now))
  await remindTown(db, town, { now: new Date(`${ranOn}T09:00:00+08:00`), trigger: 'timer' })
}
