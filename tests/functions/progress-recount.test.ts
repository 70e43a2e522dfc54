import { main as visits } from '../../cloudfunctions/visits'
import { coverageId } from '../../domain/coverage-ledger'
import { addDays, shanghaiDay, type DayString } from '../../domain/dates'
import { type ByDay } from '../../domain/progress'
import { compactByDay, type RecountReport } from '../../domain/recount'
import type { VisitDetail } from '../../domain/visits'
import { DEMO_VILLAGES, demoCampaigns } from '../../local/seed/demo-town'
import { startFunctionHarness, type Harness } from '../support/functions'
import { addStaff, data, logVisit, writeProgress } from '../support/progress'
import { seededRandom } from '../../local/seed/random'
import { MemoryStore, runRandomOperations, seedHouseholds } from '../support/progress-ledger'

// The dashboard trusts the incremental counters the ledger keeps with every
// visit change; recount rebuilds them from the visits. Here both are run
// against each other.

let h: Harness
const today = shanghaiDay()
const current = demoCampaigns(today)[1]
const VILLAGES = DEMO_VILLAGES.map((village) => village._id)

interface Counters {
  covered: number
  visits: number
  byDay: ByDay
}

async function countersOf(campaignId: string): Promise<Map<string, Counters>> {
  const { data: docs } = await h.db.collection('coverage').where({ campaignId }).limit(1000).get()
  return new Map(docs.map((doc) => [doc.villageId as string, { covered: doc.covered, visits: doc.visits, byDay: doc.byDay ?? {} } as Counters]))
}

async function talliesOf(campaignId: string): Promise<Map<string, { visits: number; coveredOn: DayString | null }>> {
  const tallies = new Map<string, { visits: number; coveredOn: DayString | null }>()
  for (let skip = 0; ; skip += 1000) {
    const { data: page } = await h.db.collection('households').orderBy('_id', 'asc').skip(skip).limit(1000).get()
    for (const doc of page) tallies.set(doc._id as string, { visits: doc.campaignVisits?.[campaignId] ?? 0, coveredOn: doc.coveredOn?.[campaignId] ?? null })
    if (page.length < 1000) return tallies
  }
}

const recount = async (payload: Record<string, unknown>) => data(await writeProgress<RecountReport>(h, 'demo-office', 'recount', payload))
const dayVisits = (byDay: ByDay) => Object.fromEntries(Object.entries(byDay).filter(([, count]) => count.visits !== 0).map(([day, count]) => [day, count.visits]))
const totalNewly = (byDay: ByDay) => Object.values(byDay).reduce((sum, count) => sum + count.newlyCovered, 0)

/** The incremental counters equal a full recount: covered, visits, every day's visits and newly covered, every household's tally. */
async function expectNoDrift(campaignId: string, report: RecountReport, before: { counters: Map<string, Counters>; tallies: Map<string, { visits: number }> }) {
  const after = await countersOf(campaignId)
  for (const village of report.villages) {
    expect({ village: village.villageId, ...village.after }).toEqual({ village: village.villageId, ...village.before })
    const was = before.counters.get(village.villageId) ?? { covered: 0, visits: 0, byDay: {} }
    const now = after.get(village.villageId) ?? { covered: 0, visits: 0, byDay: {} }
    expect(village.before).toEqual({ covered: was.covered, visits: was.visits })
    expect(dayVisits(now.byDay)).toEqual(dayVisits(was.byDay))
    expect(compactByDay(now.byDay)).toEqual(compactByDay(was.byDay))
    expect(totalNewly(now.byDay)).toBe(now.covered)
    expect({ village: village.villageId, drifted: village.drifted, householdsFixed: village.householdsFixed, daysFixed: village.daysFixed }).toEqual({
      village: village.villageId,
      drifted: false,
      householdsFixed: 0,
      daysFixed: 0,
    })
  }
  const tallies = await talliesOf(campaignId)
  for (const [id, tally] of before.tallies) expect({ id, visits: tallies.get(id)?.visits }).toEqual({ id, visits: tally.visits })
}

beforeAll(async () => {
  h = await startFunctionHarness()
  for (const villageId of VILLAGES) {
    for (const n of [1, 2]) await addStaff(h, { openid: `cadre${n}-${villageId}`, name: `网格员${n}`, roles: ['resident', 'cadre'], villageId })
  }
}, 60_000)
afterAll(() => h.stop())

describe('recount', () => {
  it('repairs counters and tallies that went wrong, reports the drift per village, and is audited', async () => {
    const logged: VisitDetail[] = []
    for (const door of ['1号', '2号', '3号']) logged.push(await logVisit(h, 'demo-cadre', 'v-xinhua', { newHousehold: { group: 9, door, headName: '户主', phone: '' } }))
    const id = coverageId(current._id, 'v-xinhua')
    await h.db.collection('coverage').doc(id).update({ covered: 8, visits: 2, byDay: { '2000-01-01': { visits: 4, newlyCovered: 0 } } })
    await h.db.collection('households').doc(logged[0].householdId).update({ campaignVisits: { [current._id]: 0 }, coveredOn: { [current._id]: h.db.command.remove() } })

    const report = await recount({ villageId: 'v-xinhua' })
    expect(report).toMatchObject({ campaignId: current._id, drifted: 1 })
    expect(report.villages).toEqual([
      expect.objectContaining({ villageId: 'v-xinhua', before: { covered: 8, visits: 2 }, after: { covered: 3, visits: 3 }, householdsFixed: 1, drifted: true }),
    ])
    const fixed = (await countersOf(current._id)).get('v-xinhua')
    expect(fixed).toEqual({ covered: 3, visits: 3, byDay: { [today]: { visits: 3, newlyCovered: 3 } } })
    const household = (await talliesOf(current._id)).get(logged[0].householdId)
    expect(household).toEqual({ visits: 1, coveredOn: today })
    expect(await h.count('audit', { action: 'progress.recount', actor: 'demo-office' })).toBe(1)

    const again = await recount({ villageId: 'v-xinhua' })
    expect(again.villages[0]).toMatchObject({ drifted: false, householdsFixed: 0, daysFixed: 0 })
  })

  it('covers every village of the town when no village is named, and refuses one it does not know', async () => {
    const report = await recount({})
    expect(report.villages.map((village) => village.villageId)).toEqual(VILLAGES)
    expect(report).toMatchObject({ drifted: 0, pending: [] })
    expect(await writeProgress(h, 'demo-office', 'recount', { villageId: 'v-nowhere' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'villageId' } })
  })

  it('finds no drift after 20,000 random creates, voids and corrections through the ledger, 8 at a time', async () => {
    // The 2021 campaign, untouched by the other tests; 40 households a village, so most visits are repeats.
    const campaign = demoCampaigns(today)[0]
    const store = new MemoryStore()
    seedHouseholds(store, 'town-jiasi', VILLAGES, 40)
    const run = await runRandomOperations(store, {
      operations: 20_000,
      concurrency: 8,
      seed: 2021,
      townId: 'town-jiasi',
      campaignId: campaign._id,
      villages: VILLAGES,
      householdsPerVillage: 40,
      firstDay: campaign.startDay,
      lastDay: '2021-12-31',
    })
    expect(run.creates + run.voids + run.corrections + run.refused + run.gaveUp).toBe(20_000)
    expect(Math.min(run.voids, run.corrections, store.conflicts)).toBeGreaterThan(100)

    for (const name of ['households', 'coverage', 'visits']) {
      const docs = [...store.docs(name).values()]
      for (let i = 0; i < docs.length; i += 1000) await h.db.collection(name).add(docs.slice(i, i + 1000))
    }
    const before = { counters: await countersOf(campaign._id), tallies: await talliesOf(campaign._id) }
    const report = await recount({ campaignId: campaign._id })
    expect(report.villages).toHaveLength(12)
    await expectNoDrift(campaign._id, report, before)
  }, 60_000)

  it('finds no drift after a few hundred creates, voids and corrections sent at once through the visits function', async () => {
    const random = seededRandom(7)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
    const mine = new Map<string, VisitDetail[]>()
    let refused = 0
    const worker = async (openid: string, villageId: string) => {
      mine.set(openid, [])
      for (let i = 0; i < 13; i += 1) {
        const own = mine.get(openid) as VisitDetail[]
        const roll = random()
        if (roll < 0.6 || own.length === 0) {
          own.push(await logVisit(h, openid, villageId, { visitedOn: addDays(today, -Math.floor(random() * 30)), newHousehold: { group: 8, door: `${1 + Math.floor(random() * 8)}号`, headName: '户主', phone: '' } }))
          continue
        }
        const target = pick(own)
        const reply =
          roll < 0.75
            ? await h.call('visits', visits, openid, { action: 'void', payload: { visitId: target.id, reason: '重复' }, requestId: h.newRequestId() })
            : await h.call('visits', visits, openid, {
                action: 'correct',
                payload: {
                  visitId: target.id,
                  unitName: target.unitName,
                  coworkers: [],
                  visitedOn: addDays(today, -Math.floor(random() * 30)),
                  items: random() < 0.4 ? [] : ['propaganda'],
                  otherContent: '走访',
                  residentName: target.residentName,
                  phone: target.phone,
                  phoneDeclinedReason: '',
                  reason: '更正',
                },
                requestId: h.newRequestId(),
              })
        if (!reply.ok) refused += 1
        else if (roll < 0.75) own.splice(own.indexOf(target), 1)
      }
    }
    const before0 = await h.count('visits', { campaignId: current._id })
    await Promise.all(VILLAGES.flatMap((villageId) => [1, 2].map((n) => worker(`cadre${n}-${villageId}`, villageId))))
    expect(await h.count('visits', { campaignId: current._id })).toBeGreaterThan(before0 + 150)
    expect(refused).toBeLessThan(20)

    const before = { counters: await countersOf(current._id), tallies: await talliesOf(current._id) }
    const report = await recount({})
    await expectNoDrift(current._id, report, before)
  }, 60_000)

  it('loses no visit logged while the village is being recounted', async () => {
    // Two cadres logging one after another, as at the door, while office recounts.
    const during = Promise.all(
      [1, 2].map(async (n) => {
        for (let i = 0; i < 6; i += 1) await logVisit(h, `cadre${n}-v-sanhe`, 'v-sanhe', { newHousehold: { group: 2, door: `${n}-${i + 1}号`, headName: '户主', phone: '' } })
      }),
    )
    const [first] = await Promise.all([recount({ villageId: 'v-sanhe' }), during])
    expect(first.villages).toHaveLength(1)
    const counters = (await countersOf(current._id)).get('v-sanhe')
    const report = await recount({ villageId: 'v-sanhe' })
    expect(report.villages[0]).toMatchObject({ drifted: false, before: { covered: counters?.covered, visits: counters?.visits } })
    expect(counters?.covered).toBeGreaterThanOrEqual(12)
  })

  it('keeps a household’s newly-covered day on its earliest active visit when the covering visit is re-dated', async () => {
    const visit = await logVisit(h, 'demo-cadre', 'v-xinhua', { newHousehold: { group: 11, door: '1号', headName: '户主', phone: '' } })
    const yesterday = addDays(today, -1)
    data(
      await h.call('visits', visits, 'demo-cadre', {
        action: 'correct',
        payload: { visitId: visit.id, unitName: visit.unitName, coworkers: [], visitedOn: yesterday, items: ['propaganda'], otherContent: '', residentName: visit.residentName, phone: visit.phone, phoneDeclinedReason: '', reason: '日期填错' },
        requestId: h.newRequestId(),
      }),
    )
    const report = await recount({ villageId: 'v-xinhua' })
    expect(report.villages[0]).toMatchObject({ drifted: false })
  })
})
