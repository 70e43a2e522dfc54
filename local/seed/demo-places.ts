import { createHash } from 'crypto'
import { marksPlace, placeNameKey, type ActivityKind, type FiveIn, type PlaceKind } from '../../domain/activities'
import { addDays, startOfShanghaiDay, type DayString } from '../../domain/dates'
import { placeCoverageId, placeIdFor, type ActivityDoc, type KeyPlaceDoc, type PlaceCoverageDoc, type PlaceTotalsDoc } from '../../cloudfunctions/_lib/repos/activities'
import type { CampaignDoc } from '../../cloudfunctions/_lib/repos/campaigns'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'

// 宣传台账 of the demo town: key places in a few villages, some with a banner
// or poster already, and the activities that put them there, with the
// counters exactly as the activities function would have left them. 新华村's
// 集贸市场 has no banner yet: the browser test puts one up.

type PlaceSeed = [villageId: string, kind: PlaceKind, name: string, address: string]
type ActivitySeed = [villageId: string, place: string | null, kind: ActivityKind, daysAgo: number, reached: number, note: string, fiveIn?: FiveIn]

const PLACES: PlaceSeed[] = [
  ['v-xinhua', 'market', '新华集贸市场', '新华场镇中街'],
  ['v-xinhua', 'bank', '农商行新华分理处', '新华场镇中街12号'],
  ['v-xinhua', 'residential', '新华安置小区1栋', ''],
  ['v-xinhua', 'residential', '新华安置小区2栋', ''],
  ['v-xinhua', 'school', '新华小学', ''],
  ['v-jiasi', 'market', '贾嗣农贸市场', '贾嗣正街'],
  ['v-jiasi', 'station', '贾嗣汽车站', ''],
  ['v-jiasi', 'residential', '滨江花园小区', ''],
  ['v-jiasi', 'bank', '邮储银行贾嗣支行', ''],
  ['v-jiasi', 'netcafe', '星空网咖', ''],
  ['v-yanba', 'market', '燕坝场镇市场', ''],
  ['v-yanba', 'wharf', '燕坝码头', ''],
]

const ACTIVITIES: ActivitySeed[] = [
  ['v-xinhua', '新华安置小区1栋', 'poster', 6, 4, '每个单元门口和电梯里各贴1张'],
  ['v-xinhua', '农商行新华分理处', 'bankCheck', 5, 1, '柜台有安全提示单，大额转账有提醒'],
  ['v-xinhua', '新华小学', 'fiveIn', 9, 320, '开学第一课：不给陌生人转账、不借出手机卡', 'school'],
  ['v-xinhua', null, 'talk', 3, 45, '3组院坝会，讲冒充客服退款、刷单返利'],
  ['v-jiasi', '贾嗣农贸市场', 'banner', 8, 2, '市场东西两个入口各挂1条'],
  ['v-jiasi', '滨江花园小区', 'poster', 4, 12, ''],
  ['v-jiasi', '星空网咖', 'leaflets', 2, 60, '给上网的年轻人发防刷单资料'],
  ['v-yanba', '燕坝码头', 'banner', 7, 1, ''],
]

export interface DemoPlaces {
  places: KeyPlaceDoc[]
  activities: ActivityDoc[]
  totals: PlaceTotalsDoc[]
  coverage: PlaceCoverageDoc[]
}

/** `author`: who logged them (cadre of 新华村 there, the police officer elsewhere); `photoFileID`: the demo photo. */
export function demoPlaces(campaign: CampaignDoc, today: DayString, authors: Record<string, { openid: string; name: string; role: string }>, photoFileID: string): DemoPlaces {
  const createdAt = startOfShanghaiDay(addDays(today, -10))
  const places: KeyPlaceDoc[] = PLACES.map(([villageId, kind, name, address]) => {
    const nameKey = placeNameKey(kind, name)
    return { _id: placeIdFor(villageId, nameKey), townId: campaign.townId, villageId, kind, name, nameKey, address, source: 'import', createdBy: 'seed', createdAt, marks: {} }
  })
  const byName = new Map(places.map((place) => [place.name, place]))
  const activities: ActivityDoc[] = ACTIVITIES.map(([villageId, placeName, kind, daysAgo, reached, note, fiveIn], i) => {
    const place = placeName ? (byName.get(placeName) ?? null) : null
    const author = authors[villageId] ?? authors['*']
    const heldOn = addDays(today, -daysAgo)
    const at = new Date(startOfShanghaiDay(heldOn).getTime() + 10 * 3600_000)
    if (place && marksPlace(kind)) place.marks[campaign._id] = (place.marks[campaign._id] ?? 0) + 1
    return {
      _id: `a_demo${createHash('sha256').update(String(i)).digest('hex').slice(0, 19)}`,
      requestId: `demo-activity-${i}`,
      requestHash: '',
      townId: campaign.townId,
      villageId,
      campaignId: campaign._id,
      kind,
      fiveIn: fiveIn ?? null,
      placeId: place?._id ?? null,
      placeKind: place?.kind ?? null,
      placeName: place?.name ?? '',
      venue: place ? '' : '3组院坝',
      heldOn,
      reached,
      note,
      photoFileIDs: [photoFileID],
      location: null,
      authorId: userIdFor(author.openid),
      authorName: author.name,
      authorRole: author.role,
      status: 'active',
      voidReason: '',
      voidedAt: null,
      voidedBy: null,
      corrections: [],
      createdAt: at,
      updatedAt: at,
    }
  })
  const villageIds = [...new Set(places.map((place) => place.villageId))]
  const now = new Date()
  const totals: PlaceTotalsDoc[] = villageIds.map((villageId) => {
    const own = places.filter((place) => place.villageId === villageId)
    const byKind: Partial<Record<PlaceKind, number>> = {}
    for (const place of own) byKind[place.kind] = (byKind[place.kind] ?? 0) + 1
    return { _id: villageId, townId: campaign.townId, villageId, total: own.length, byKind, updatedAt: now }
  })
  const coverage: PlaceCoverageDoc[] = villageIds.map((villageId) => {
    const covered = places.filter((place) => place.villageId === villageId && (place.marks[campaign._id] ?? 0) > 0)
    const byKind: Partial<Record<PlaceKind, number>> = {}
    for (const place of covered) byKind[place.kind] = (byKind[place.kind] ?? 0) + 1
    const own = activities.filter((activity) => activity.villageId === villageId)
    return {
      _id: placeCoverageId(campaign._id, villageId),
      campaignId: campaign._id,
      villageId,
      townId: campaign.townId,
      covered: covered.length,
      byKind,
      activities: own.length,
      reached: own.reduce((sum, activity) => sum + activity.reached, 0),
      updatedAt: now,
    }
  })
  return { places, activities, totals, coverage }
}
