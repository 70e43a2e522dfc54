import type { Database } from '../../cloudfunctions/_lib/cloud'
import { collection } from '../../cloudfunctions/_lib/collections'
import { userIdFor, type UserDoc } from '../../cloudfunctions/_lib/repos/users'
import { shanghaiDay } from '../../domain/dates'
import { DEMO_TOWN, DEMO_UNITS, DEMO_USERS, DEMO_VILLAGES, demoCampaigns } from './demo-town'

/** Writes the demo town through the SDK, as a deployment script would. */
export async function seedDemoTown(db: Database, now = new Date()): Promise<void> {
  await collection(db, 'towns').add(DEMO_TOWN)
  await collection(db, 'units').add(DEMO_UNITS)
  await collection(db, 'villages').add(DEMO_VILLAGES)
  await collection(db, 'campaigns').add(demoCampaigns(shanghaiDay(now)))
  const users: UserDoc[] = DEMO_USERS.map((user) => ({
    _id: userIdFor(user.openid),
    openid: user.openid,
    name: user.name,
    roles: user.roles,
    townId: DEMO_TOWN._id,
    villageId: user.villageId,
    unitId: user.unitId,
    createdAt: now,
    updatedAt: now,
  }))
  await collection(db, 'users').add(users)
}
