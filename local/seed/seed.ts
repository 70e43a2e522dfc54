import type { CloudApp, Database } from '../../cloudfunctions/_lib/cloud'
import { collection, type CollectionName } from '../../cloudfunctions/_lib/collections'
import { userIdFor, type UserDoc } from '../../cloudfunctions/_lib/repos/users'
import { shanghaiDay } from '../../domain/dates'
import { demoActivity } from './demo-activity'
import { seedDemoArticles } from './demo-articles'
import { seedDemoDistrict } from './district'
import { DEMO_PHOTO_JPEG } from './demo-photo'
import { demoPlaces } from './demo-places'
import { seedDemoReminders } from './demo-reminders'
import { seedDemoTips } from './demo-tips'
import { DEMO_TOWN, DEMO_UNITS, DEMO_USERS, DEMO_VILLAGES, demoCampaigns } from './demo-town'
import { signaturePng } from './signature-png'

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

/**
 * The demo town's campaign so far: registers, visits and the counters they
 * moved, plus the signature images the visits point at. Only for the local
 * demo (npm start, browser tests); function tests start from an empty town.
 */
export async function seedDemoActivity(app: CloudApp, now = new Date()): Promise<{ households: number; visits: number }> {
  const db = app.database()
  const today = shanghaiDay(now)
  const campaign = demoCampaigns(today)[1]
  const cadre = DEMO_USERS.find((user) => user.openid === 'demo-cadre')
  const known = cadre?.villageId ? { [cadre.villageId]: { openid: cadre.openid, name: cadre.name } } : {}
  const uploads = await Promise.all(
    Array.from({ length: 12 }, (_, i) => app.uploadFile({ cloudPath: `signatures/demo/sig-${i + 1}.png`, fileContent: signaturePng(i + 1) })),
  )
  const activity = demoActivity(
    DEMO_VILLAGES,
    campaign,
    today,
    known,
    uploads.map((upload) => upload.fileID),
  )
  await addInBatches(db, 'users', activity.users)
  await addInBatches(db, 'households', activity.households)
  await addInBatches(db, 'visits', activity.visits)
  await addInBatches(db, 'coverage', activity.coverage)
  const photo = await app.uploadFile({ cloudPath: 'activities/demo/banner.jpg', fileContent: DEMO_PHOTO_JPEG })
  const police = DEMO_USERS.find((user) => user.openid === 'demo-police')
  const ledger = demoPlaces(
    campaign,
    today,
    {
      ...(cadre?.villageId ? { [cadre.villageId]: { openid: cadre.openid, name: cadre.name, role: 'cadre' } } : {}),
      '*': { openid: police?.openid ?? 'demo-police', name: police?.name ?? '何警官', role: 'police' },
    },
    photo.fileID,
  )
  await addInBatches(db, 'keyPlaces', ledger.places)
  await addInBatches(db, 'activities', ledger.activities)
  await addInBatches(db, 'placeTotals', ledger.totals)
  await addInBatches(db, 'placeCoverage', ledger.coverage)
  await seedDemoDistrict(app, now)
  await seedDemoReminders(db, now)
  await seedDemoTips(app, now)
  await seedDemoArticles(db, now)
  return { households: activity.households.length, visits: activity.visits.length }
}

async function addInBatches<T extends object>(db: Database, name: CollectionName, docs: T[], size = 1000): Promise<void> {
  for (let i = 0; i < docs.length; i += size) await collection(db, name).add(docs.slice(i, i + size))
}
