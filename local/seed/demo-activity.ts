import { emptyTally, ledgerChange, type HouseholdTally } from '../../domain/coverage-ledger'
import { addDays, daysBetween, startOfShanghaiDay, type DayString } from '../../domain/dates'
import { isQualifying, type VisitItem } from '../../domain/visits'
import type { CampaignDoc } from '../../cloudfunctions/_lib/repos/campaigns'
import type { CoverageDoc } from '../../cloudfunctions/_lib/repos/coverage'
import { householdIdFor, type HouseholdDoc } from '../../cloudfunctions/_lib/repos/households'
import type { VillageDoc } from '../../cloudfunctions/_lib/repos/places'
import { userIdFor, type UserDoc } from '../../cloudfunctions/_lib/repos/users'
import type { VisitDoc } from '../../cloudfunctions/_lib/repos/visits'
import { seededRandom } from './random'

// A demo town in the middle of its campaign: every village's register, and
// weeks of visits by its cadres, with the counters exactly as the visits
// function would have left them (computed by the same ledger). Villages are
// at different stages, so the dashboard shows every status.

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程'
const GIVEN = '明国华建平志勇秀英兰玉芳桂珍淑德文军红梅丽强伟敏静金福春海云'
const CADRE_GIVEN = ['小燕', '建国', '海波', '红英', '志强', '玉兰', '文静', '德明']
/** Share of each village's households visited so far, in seed order. */
const REACHED = [0.41, 0.36, 0.12, 0.27, 0.52, 0.07, 0.22, 0.34, 0.17, 0.29, 0.6, 0.14]

export interface DemoActivity {
  users: UserDoc[]
  households: HouseholdDoc[]
  visits: VisitDoc[]
  coverage: CoverageDoc[]
}


/** `knownCadres`: cadres who exist already (the demo users), by village. */
export function demoActivity(
  villages: VillageDoc[],
  campaign: CampaignDoc,
  today: DayString,
  knownCadres: Record<string, { openid: string; name: string }>,
  /** Uploaded signature images the signed visits point at, in turn. */
  signatureFileIDs: readonly string[],
): DemoActivity {
  const random = seededRandom(20210202)
  const pick = <T>(items: readonly T[] | string): T => items[Math.floor(random() * items.length)] as T
  const now = new Date()
  const users: UserDoc[] = []
  const households: HouseholdDoc[] = []
  const visits: VisitDoc[] = []
  const tallies: Record<string, HouseholdTally> = {}
  const coverage = new Map<string, CoverageDoc>()
  const span = Math.max(daysBetween(campaign.startDay, today), 0)

  villages.forEach((village, index) => {
    // Two cadres per village; 新华村's first is the demo cadre one can sign in as.
    const authors = [0, 1].map((k) => {
      const known = k === 0 ? knownCadres[village._id] : undefined
      const openid = known?.openid ?? `demo-cadre-${village._id}-${k}`
      const user: UserDoc = {
        _id: userIdFor(openid),
        openid,
        name: known?.name ?? `${pick(SURNAMES)}${CADRE_GIVEN[(index + k * 5) % CADRE_GIVEN.length]}`,
        roles: ['resident', 'cadre'],
        townId: village.townId,
        villageId: village._id,
        unitId: null,
        createdAt: now,
        updatedAt: now,
      }
      if (!known) users.push(user)
      return user
    })

    const register: HouseholdDoc[] = []
    for (let i = 0; i < village.registeredHouseholds; i += 1) {
      const group = village.kind === 'village' ? Math.floor(i / 110) + 1 : null
      const key = village.kind === 'village' ? `${group}组${(i % 110) + 1}号` : `${Math.floor(i / 24) + 1}栋${Math.floor((i % 24) / 8) + 1}单元${Math.floor((i % 8) / 2) + 1}0${(i % 2) + 1}室`
      const household: HouseholdDoc = {
        _id: householdIdFor(village._id, key),
        townId: village.townId,
        villageId: village._id,
        group,
        addressKey: key,
        address: `${village.name}${key}`,
        headName: `${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.5 ? pick(GIVEN) : ''}`,
        phone: random() < 0.85 ? `1${pick('3578')}${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : '',
        source: 'import',
        createdBy: 'demo-seed',
        createdAt: startOfShanghaiDay(campaign.startDay),
        ...emptyTally(),
      }
      register.push(household)
    }
    households.push(...register)

    const reached = Math.round(village.registeredHouseholds * REACHED[index % REACHED.length])
    const order = register.map((household) => ({ household, at: random() })).sort((a, b) => a.at - b.at)
    const plan = order.slice(0, reached).map(({ household }) => household)
    // Some households were visited twice; a few visits carried no anti-fraud work.
    const repeats = plan.filter(() => random() < 0.1)
    const others = order.slice(reached, reached + Math.round(reached * 0.03)).map(({ household }) => household)
    const entries = [...plan.map((h) => ({ h, qualifying: true })), ...repeats.map((h) => ({ h, qualifying: true })), ...others.map((h) => ({ h, qualifying: false }))]

    entries.forEach(({ h, qualifying }, n) => {
      // Later days are busier: the campaign gathers pace.
      const day = addDays(campaign.startDay, Math.min(Math.floor(Math.sqrt(random()) * (span + 1)), span))
      const author = authors[n % 2]
      const items: VisitItem[] = qualifying ? (['propaganda', 'warningSigned', 'appInstalled', 'callAlert'] as VisitItem[]).filter((_, k) => k === 0 || random() < 0.5) : []
      const roll = random()
      const kind = roll < 0.86 ? 'signed' : roll < 0.95 ? 'refused' : 'proxy'
      // Working hours that day, never later than now.
      const createdAt = new Date(Math.min(startOfShanghaiDay(day).getTime() + (9 + random() * 9) * 3600_000, now.getTime() - random() * 3600_000))
      const visit: VisitDoc = {
        _id: `v_demo_${village._id}_${n}`,
        requestId: `demo-${village._id}-${n}`,
        requestHash: 'demo',
        townId: village.townId,
        villageId: village._id,
        campaignId: campaign._id,
        householdId: h._id,
        group: h.group,
        address: h.address,
        unitName: `${village.name}${village.kind === 'community' ? '居委会' : '村委会'}`,
        authorId: author._id,
        authorName: author.name,
        coworkers: random() < 0.3 ? [authors[(n + 1) % 2].name] : [],
        visitedOn: day,
        items,
        otherContent: qualifying ? '' : '人口信息核对',
        qualifying: isQualifying(items),
        residentName: random() < 0.8 ? h.headName : `${h.headName[0]}${pick(GIVEN)}`,
        phone: h.phone,
        phoneDeclinedReason: h.phone ? '' : '不愿留电话',
        signature: {
          kind,
          fileID: kind === 'refused' || signatureFileIDs.length === 0 ? null : signatureFileIDs[n % signatureFileIDs.length],
          reason: kind === 'refused' ? '老人不识字，口头确认' : kind === 'proxy' ? '户主外出务工' : '',
          proxyName: kind === 'proxy' ? `${h.headName[0]}${pick(GIVEN)}` : '',
        },
        photoFileID: null,
        location: null,
        status: 'active',
        voidReason: '',
        voidedAt: null,
        voidedBy: null,
        corrections: [],
        createdAt,
        updatedAt: createdAt,
      }
      visits.push(visit)

      const change = ledgerChange(null, { householdId: h._id, campaignId: campaign._id, villageId: village._id, day, qualifying: visit.qualifying }, tallies)
      Object.assign(tallies, change.households)
      for (const [id, delta] of Object.entries(change.coverage)) {
        const doc = coverage.get(id) ?? { _id: id, campaignId: campaign._id, villageId: village._id, townId: village.townId, covered: 0, visits: 0, byDay: {}, updatedAt: now }
        doc.covered += delta.covered
        doc.visits += delta.visits
        for (const [d, count] of Object.entries(delta.byDay)) {
          const was = doc.byDay[d] ?? { visits: 0, newlyCovered: 0 }
          doc.byDay[d] = { visits: was.visits + count.visits, newlyCovered: was.newlyCovered + count.newlyCovered }
        }
        coverage.set(id, doc)
      }
    })
  })

  for (const household of households) {
    const tally = tallies[household._id]
    if (tally) Object.assign(household, tally)
  }
  return { users, households, visits, coverage: [...coverage.values()] }
}
