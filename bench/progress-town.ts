// A town of 30 villages with 1,000,000 visits for bench/progress.bench.ts,
// written straight into the local server's SQLite file (no HTTP): villages,
// units, users, a campaign, every household with its tally, every visit as the
// visits function stores it, and the coverage counters those visits add up to
// (computed by domain/recount's recounter, so they are exactly consistent).
// One village also gets a 10-day window of exactly EXPORT_VISITS active,
// mostly signed visits whose signature PNGs are written into storage.
import { mkdirSync, writeFileSync } from 'fs'
import { dirname, join } from 'path'
import type { CampaignDoc } from '../cloudfunctions/_lib/repos/campaigns'
import type { CoverageDoc } from '../cloudfunctions/_lib/repos/coverage'
import { householdIdFor, type HouseholdDoc } from '../cloudfunctions/_lib/repos/households'
import type { UnitDoc, VillageDoc } from '../cloudfunctions/_lib/repos/places'
import { userIdFor, type UserDoc } from '../cloudfunctions/_lib/repos/users'
import type { VisitDoc } from '../cloudfunctions/_lib/repos/visits'
import { coverageId, emptyTally } from '../domain/coverage-ledger'
import { addDays, daysBetween, startOfShanghaiDay, type DayString } from '../domain/dates'
import { compactByDay, VillageRecounter } from '../domain/recount'
import { visitFilePath } from '../domain/files'
import { isQualifying, type VisitItem } from '../domain/visits'
import { encode } from '../local/tcb-server/ejson'
import { Store, type CollectionSpec } from '../local/tcb-server/store'
import { seededRandom } from '../local/seed/random'
import { signaturePng } from '../local/seed/signature-png'

export const TOWN = 'town-bench'
export const VILLAGE_COUNT = 30
export const EXPORT_VILLAGE = 'bv-01'
export const EXPORT_VISITS = 2000
const EXPORT_DAYS = 10
const DISTINCT_SIGNATURES = 200
const BATCH = 20_000

export interface BenchTown {
  today: DayString
  campaign: CampaignDoc
  exportFrom: DayString
  exportTo: DayString
  visits: number
  households: number
  signatureFiles: number
  signatureBytes: number
}


const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程'
const GIVEN = '明国华建平志勇秀英兰玉芳桂珍淑德文军红梅丽强伟敏静金福春海云'

export function generateTown(dataDir: string, collections: CollectionSpec[], totalVisits: number, today: DayString): BenchTown {
  const random = seededRandom(20210202)
  const pick = <T>(items: readonly T[] | string): T => items[Math.floor(random() * items.length)] as T
  const person = () => `${pick<string>(SURNAMES)}${pick<string>(GIVEN)}${random() < 0.5 ? pick<string>(GIVEN) : ''}`
  const store = new Store(dataDir)
  // Load first, index after: one CREATE INDEX sort beats a million index inserts.
  store.ensureCollections(collections.map((spec) => ({ name: spec.name, indexes: [] })))
  const insert = (collection: string, docs: { _id: string }[]) => {
    const write = store.db.transaction((batch: { _id: string }[]) => {
      for (const doc of batch) store.apply({ kind: 'insert', collection, id: doc._id, doc: doc as unknown as Record<string, unknown>, text: encode(doc) })
    })
    for (let i = 0; i < docs.length; i += BATCH) write(docs.slice(i, i + BATCH))
  }

  const startDay = addDays(today, -200)
  const campaign: CampaignDoc = {
    _id: 'campaign-bench',
    townId: TOWN,
    name: '全民反诈入户宣传（基准）',
    startDay,
    milestones: [
      { day: addDays(startDay, 26), targetPercent: 20 },
      { day: addDays(today, 120), targetPercent: 100 },
    ],
  }
  const units: UnitDoc[] = Array.from({ length: 5 }, (_, i) => ({ _id: `bu-${i + 1}`, townId: TOWN, name: `单位${i + 1}`, order: i, headName: person() }))
  const villages: VillageDoc[] = Array.from({ length: VILLAGE_COUNT }, (_, i) => ({
    _id: `bv-${String(i + 1).padStart(2, '0')}`,
    townId: TOWN,
    name: `基准${i + 1}村`,
    kind: 'village',
    order: i,
    registeredHouseholds: 3000 + Math.floor(random() * 5000),
    policeOfficer: { name: '何警官', phone: '023-47651042' },
    unitId: units[i % units.length]._id,
  }))
  const now = new Date()
  const user = (openid: string, name: string, roles: UserDoc['roles'], extra: Partial<UserDoc> = {}): UserDoc => ({
    _id: userIdFor(openid), openid, name, roles, townId: TOWN, villageId: null, unitId: null, createdAt: now, updatedAt: now, ...extra,
  })
  const users: UserDoc[] = [
    user('bench-office', '镇反诈办', ['resident', 'office']),
    user('bench-police', '何警官', ['resident', 'police']),
    ...units.map((unit) => user(`bench-head-${unit._id}`, unit.headName, ['resident', 'unit_head'], { unitId: unit._id })),
    ...villages.flatMap((village) => [1, 2, 3].map((n) => user(`bench-cadre-${village._id}-${n}`, person(), ['resident', 'cadre'], { villageId: village._id }))),
  ]
  insert('towns', [{ _id: TOWN, name: '基准镇', region: '重庆市江津区', hotlines: [] } as { _id: string }])
  insert('units', units)
  insert('villages', villages)
  insert('campaigns', [campaign])
  insert('users', users)

  // Villages at different stages: a share of their households reached, and of the million visits.
  const reach = villages.map(() => 0.1 + random() * 0.85)
  const weights = villages.map(() => 0.5 + random())
  const weightSum = weights.reduce((sum, w) => sum + w, 0)
  const span = daysBetween(startDay, today)
  const exportFrom = addDays(today, -20)
  const exportTo = addDays(exportFrom, EXPORT_DAYS - 1)
  const storage = join(dataDir, 'storage')
  const pngs = Array.from({ length: DISTINCT_SIGNATURES }, (_, i) => signaturePng(i + 1))
  let signatureFiles = 0
  let signatureBytes = 0
  let visitCount = 0
  let householdCount = 0
  const coverage: CoverageDoc[] = []

  villages.forEach((village, index) => {
    const count = index === villages.length - 1 ? totalVisits - visitCount : Math.round((totalVisits * weights[index]) / weightSum)
    const cadres = users.filter((u) => u.villageId === village._id)
    const reached = Math.max(1, Math.floor(village.registeredHouseholds * reach[index]))
    const households: HouseholdDoc[] = Array.from({ length: village.registeredHouseholds }, (_, n) => {
      const group = 1 + (n % 12)
      const key = `${group}组${Math.floor(n / 12) + 1}号`
      return {
        _id: householdIdFor(village._id, key), townId: TOWN, villageId: village._id, group, addressKey: key, address: `${village.name}${key}`,
        headName: person(), phone: `139${String(10_000_000 + Math.floor(random() * 89_999_999))}`, source: 'import', createdBy: 'bench', createdAt: now,
        ...emptyTally(),
      }
    })
    const counter = new VillageRecounter()
    const visits: VisitDoc[] = []
    for (let i = 0; i < count; i += 1) {
      const inWindow = village._id === EXPORT_VILLAGE && i < EXPORT_VISITS
      const visitedOn = inWindow ? addDays(exportFrom, i % EXPORT_DAYS) : pickDay(village._id === EXPORT_VILLAGE)
      const household = households[Math.floor(random() * reached)]
      const cadre = cadres[i % cadres.length]
      const requestId = `bench-${village._id}-${i}`
      const roll = random()
      const kind = roll < 0.94 ? 'signed' : roll < 0.97 ? 'proxy' : 'refused'
      const items: VisitItem[] = random() < 0.95 ? ['propaganda', 'warningSigned'] : []
      const status = !inWindow && random() < 0.02 ? 'voided' : 'active'
      const at = new Date(startOfShanghaiDay(visitedOn).getTime() + (8 + random() * 10) * 3600_000)
      const signaturePath = visitFilePath('signature', { villageId: village._id, uploaderId: cadre._id, requestId })
      const fileID = kind === 'refused' ? null : `cloud://local.local-storage/${signaturePath}`
      if (inWindow && fileID) {
        const png = pngs[i % pngs.length]
        const file = join(storage, signaturePath)
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, png)
        signatureFiles += 1
        signatureBytes += png.length
      }
      const resident = household.headName
      visits.push({
        _id: `v_${village._id}_${i}`, requestId, requestHash: requestId, townId: TOWN, villageId: village._id, campaignId: campaign._id, householdId: household._id,
        group: household.group, address: household.address, unitName: `${village.name}村委会`, authorId: cadre._id, authorName: cadre.name,
        coworkers: random() < 0.3 ? [person()] : [], visitedOn, items, otherContent: items.length === 0 ? '人口普查' : '', qualifying: isQualifying(items),
        residentName: resident, phone: household.phone, phoneDeclinedReason: '',
        signature: { kind, fileID, reason: kind === 'refused' ? '老人不识字' : kind === 'proxy' ? '本人眼睛不好' : '', proxyName: kind === 'proxy' ? person() : '' },
        photoFileID: null, location: null, status, voidReason: status === 'voided' ? '重复登记' : '', voidedAt: status === 'voided' ? at : null,
        voidedBy: status === 'voided' ? cadre._id : null, corrections: [], createdAt: at, updatedAt: at,
      })
      if (status === 'active') counter.add({ householdId: household._id, visitedOn, qualifying: isQualifying(items) })
    }
    for (const household of households) {
      const tally = counter.households.get(household._id)
      if (tally) {
        household.campaignVisits = { [campaign._id]: tally.visits }
        household.coveredOn = { [campaign._id]: tally.coveredOn }
        household.campaignDays = { [campaign._id]: tally.days }
      }
    }
    const figures = counter.result()
    coverage.push({
      _id: coverageId(campaign._id, village._id), campaignId: campaign._id, villageId: village._id, townId: TOWN,
      covered: figures.covered, visits: figures.visits, byDay: compactByDay(figures.byDay), updatedAt: now,
    })
    insert('households', households)
    insert('visits', visits)
    visitCount += count
    householdCount += households.length
  })
  insert('coverage', coverage)
  store.ensureCollections(collections)
  store.close()
  return { today, campaign, exportFrom, exportTo, visits: visitCount, households: householdCount, signatureFiles, signatureBytes }

  /** A campaign day; outside the export window for the export village, so the window holds exactly EXPORT_VISITS. */
  function pickDay(avoidWindow: boolean): DayString {
    for (;;) {
      const day = addDays(startDay, Math.floor(random() * (span + 1)))
      if (!avoidWindow || day < exportFrom || day > exportTo) return day
    }
  }
}
