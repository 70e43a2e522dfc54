import type { CloudApp } from '../../cloudfunctions/_lib/cloud'
import { collection } from '../../cloudfunctions/_lib/collections'
import type { CampaignDoc } from '../../cloudfunctions/_lib/repos/campaigns'
import type { TownDoc, UnitDoc, VillageDoc } from '../../cloudfunctions/_lib/repos/places'
import { userIdFor, type UserDoc } from '../../cloudfunctions/_lib/repos/users'
import { addDays, shanghaiDay, type DayString } from '../../domain/dates'
import type { Role } from '../../domain/roles'
import { demoActivity } from './demo-activity'
import { DEMO_TOWN } from './demo-town'

// A second, small demo town and their district (区县), so the local demo shows
// several towns in one environment: every town keeps to itself, and the
// district's 区反诈办 sees each town's progress, read-only. Names and figures
// are invented.

export const DEMO_DISTRICT_ID = 'district-demo'

export const SECOND_TOWN: TownDoc = {
  _id: 'town-shimen',
  name: '石门镇',
  region: '重庆市江津区',
  hotlines: [
    { label: '反诈专线', number: '96110' },
    { label: '石门派出所', number: '023-47700000' },
  ],
  districtId: DEMO_DISTRICT_ID,
}

const UNIT: UnitDoc = { _id: 'unit-shimen-zonghe', townId: SECOND_TOWN._id, name: '综治办', order: 0, headName: '罗芳' }

export const SECOND_TOWN_VILLAGES: VillageDoc[] = [
  { _id: 'v-shimen-sq', townId: SECOND_TOWN._id, name: '石门社区', kind: 'community', order: 0, registeredHouseholds: 520, policeOfficer: { name: '唐警官', phone: '023-47700000' }, unitId: UNIT._id, groups: [] },
  { _id: 'v-shimen-dh', townId: SECOND_TOWN._id, name: '大河村', kind: 'village', order: 1, registeredHouseholds: 380, policeOfficer: { name: '唐警官', phone: '023-47700000' }, unitId: UNIT._id, groups: [1, 2, 3, 4] },
]

function secondCampaign(today: DayString): CampaignDoc {
  return {
    _id: 'campaign-shimen',
    townId: SECOND_TOWN._id,
    name: '石门镇全民反诈入户宣传（演示）',
    startDay: addDays(today, -40),
    milestones: [
      { day: addDays(today, 20), targetPercent: 30 },
      { day: addDays(today, 120), targetPercent: 100 },
    ],
  }
}

interface DemoUser {
  openid: string
  name: string
  roles: Role[]
  townId: string | null
  districtId?: string
  /** For the local sign-in picker. */
  role: string
  detail: string
}

/** Listed at /local/signin after the first town's demo users. */
export const DISTRICT_DEMO_USERS: DemoUser[] = [
  { openid: 'demo-office-shimen', name: '吴主任', roles: ['resident', 'office'], townId: SECOND_TOWN._id, role: '镇反诈办（石门镇）', detail: '另一个镇的镇反诈办：能做的和陈主任一样，但只限石门镇，看不到贾嗣镇的任何数据' },
  { openid: 'demo-district', name: '刘科长', roles: ['resident', 'district'], townId: null, districtId: DEMO_DISTRICT_ID, role: '区反诈办', detail: '区级进度：各镇的覆盖进度和全区合计，只读，看不到任何一户的信息' },
]

/** Writes the second town with its campaign so far, and puts both demo towns in the district. */
export async function seedDemoDistrict(app: CloudApp, now = new Date()): Promise<void> {
  const db = app.database()
  const today = shanghaiDay(now)
  await collection(db, 'towns').doc(DEMO_TOWN._id).update({ districtId: DEMO_DISTRICT_ID })
  const { _id: townId, ...town } = SECOND_TOWN
  await collection(db, 'towns').doc(townId).set(town)
  await collection(db, 'units').add(UNIT)
  await collection(db, 'villages').add(SECOND_TOWN_VILLAGES)
  const campaign = secondCampaign(today)
  await collection(db, 'campaigns').add(campaign)
  const users: UserDoc[] = DISTRICT_DEMO_USERS.map((user) => ({
    _id: userIdFor(user.openid),
    openid: user.openid,
    name: user.name,
    roles: user.roles,
    townId: user.townId,
    villageId: null,
    unitId: null,
    districtId: user.districtId ?? null,
    createdAt: now,
    updatedAt: now,
  }))
  await collection(db, 'users').add(users)
  const activity = demoActivity(SECOND_TOWN_VILLAGES, campaign, today, {}, [])
  await collection(db, 'users').add(activity.users)
  for (const [name, docs] of [
    ['households', activity.households],
    ['visits', activity.visits],
    ['coverage', activity.coverage],
  ] as const) {
    for (let i = 0; i < docs.length; i += 1000) await collection(db, name).add(docs.slice(i, i + 1000))
  }
}
