import { randomUUID } from 'crypto'
import { callerTownId } from '../_lib/access'
import { coverageId } from '../../domain/coverage-ledger'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { type ByDay } from '../../domain/progress'
import { compactByDay, daysDiffering, VillageRecounter, type RecountReport, type RecountRequest, type VillageRecount } from '../../domain/recount'
import { isQualifying } from '../../domain/visits'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { recordAudit } from '../_lib/repos/audit'
import type { CampaignDoc } from '../_lib/repos/campaigns'
import { listHouseholdTalliesPage } from '../_lib/repos/households'
import { listVillages, type VillageDoc } from '../_lib/repos/places'
import { claimForRecount, RecountInterrupted, writeRecountedCoverage, writeTallyFixes, type CoverageKey, type TallyFix } from '../_lib/repos/recount'
import { listCampaignVisitsPage, type VisitCursor } from '../_lib/repos/visits'
import { editedAt, resolveCampaign } from './campaign'

// Rebuilds a campaign's counters from its active visits, so the incremental
// ones (domain/coverage-ledger) can be checked and trusted: per household the
// tally (qualifying visits, day first covered), per village covered, visits
// and byDay. Villages are done one after another; within one, memory grows
// with its households and days, never with its visits, which are read a page
// at a time.

const VISIT_PAGE = 1000
const HOUSEHOLD_PAGE = 1000
/** Household tallies rewritten per transaction. */
const FIXES_PER_TRANSACTION = 100
/** Visits logged during a recount make it start the village over; after this many tries it gives up. */
const ATTEMPTS = 5
/** Villages recounted at once: each is mostly waiting on the database. */
const VILLAGES_AT_ONCE = 3
/**
 * No village is started after this much of the call (the function has 60 s):
 * a town of a million visits takes longer than one call, so the report names
 * the villages left, to be recounted one by one.
 */
const BUDGET_MS = 40_000

export async function recount(db: Database, caller: Caller, input: RecountRequest): Promise<RecountReport> {
  const townId = callerTownId(caller)
  const campaign = await resolveCampaign(db, townId, input.campaignId, shanghaiDay(), editedAt(caller))
  const villages = (await listVillages(db, townId)).filter((village) => !input.villageId || village._id === input.villageId)
  if (input.villageId && villages.length === 0) throw new AppError('INVALID_INPUT', '没有找到这个村（社区）', 'villageId')

  const started = Date.now()
  const done = new Map<string, VillageRecount>()
  let next = 0
  const worker = async () => {
    while (next < villages.length && Date.now() - started < BUDGET_MS) {
      const village = villages[next]
      next += 1
      done.set(village._id, await recountVillage(db, campaign, village))
    }
  }
  await Promise.all(Array.from({ length: Math.min(VILLAGES_AT_ONCE, villages.length) }, worker))
  const results = villages.flatMap((village) => done.get(village._id) ?? [])
  const report: RecountReport = {
    campaignId: campaign._id,
    villages: results,
    drifted: results.filter((result) => result.drifted).length,
    pending: villages.slice(next).map((village) => village._id),
  }

  await recordAudit(db, {
    townId,
    actor: caller.openid,
    action: 'progress.recount',
    target: input.villageId ?? townId,
    detail: {
      campaignId: campaign._id,
      villages: results.length,
      pending: report.pending,
      drifted: results.filter((result) => result.drifted).map(({ villageId, before, after, householdsFixed, daysFixed }) => ({ villageId, before, after, householdsFixed, daysFixed })),
    },
  })
  return report
}

export async function recountVillage(db: Database, campaign: CampaignDoc, village: VillageDoc): Promise<VillageRecount> {
  const key: CoverageKey = { id: coverageId(campaign._id, village._id), campaignId: campaign._id, villageId: village._id, townId: village.townId }
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const token = randomUUID()
    const before = await claimForRecount(db, key, token)
    const counter = await countVisits(db, campaign._id, village._id)
    const fixes = await tallyFixes(db, campaign._id, village._id, counter)
    const after = counter.result()
    try {
      for (let i = 0; i < fixes.length; i += FIXES_PER_TRANSACTION) {
        await writeTallyFixes(db, key, token, campaign._id, fixes.slice(i, i + FIXES_PER_TRANSACTION))
      }
      await writeRecountedCoverage(db, key, token, { covered: after.covered, visits: after.visits, byDay: compactByDay(after.byDay) })
    } catch (error) {
      if (error instanceof RecountInterrupted) continue
      throw error
    }
    const beforeFigures = { covered: before?.covered ?? 0, visits: before?.visits ?? 0 }
    const daysFixed = daysDiffering((before?.byDay ?? {}) as ByDay, after.byDay).length
    return {
      villageId: village._id,
      villageName: village.name,
      before: beforeFigures,
      after: { covered: after.covered, visits: after.visits },
      householdsFixed: fixes.length,
      daysFixed,
      drifted: beforeFigures.covered !== after.covered || beforeFigures.visits !== after.visits || fixes.length > 0 || daysFixed > 0,
    }
  }
  throw new AppError('CONFLICT', `${village.name}正在频繁录入入户记录，重新统计没能完成，请稍后再试`)
}

async function countVisits(db: Database, campaignId: string, villageId: string): Promise<VillageRecounter> {
  const counter = new VillageRecounter()
  let cursor: VisitCursor | null = null
  for (;;) {
    const page = await listCampaignVisitsPage(db, { campaignId, villageId, cursor, limit: VISIT_PAGE })
    for (const visit of page) counter.add({ householdId: visit.householdId, visitedOn: visit.visitedOn, qualifying: isQualifying(visit.items) })
    if (page.length < VISIT_PAGE) return counter
    const last = page[page.length - 1]
    cursor = { visitedOn: last.visitedOn, id: last._id }
  }
}

/** Households of the village whose stored tally for the campaign differs from the recount. */
async function tallyFixes(db: Database, campaignId: string, villageId: string, counter: VillageRecounter): Promise<TallyFix[]> {
  const fixes: TallyFix[] = []
  let afterKey: string | null = null
  for (;;) {
    const page = await listHouseholdTalliesPage(db, villageId, afterKey, HOUSEHOLD_PAGE)
    for (const household of page) {
      const expected = counter.households.get(household._id)
      const visits = expected?.visits ?? 0
      const coveredOn = expected?.coveredOn ?? null
      const days = expected?.days ?? {}
      if (
        (household.campaignVisits?.[campaignId] ?? 0) !== visits ||
        (household.coveredOn?.[campaignId] ?? null) !== coveredOn ||
        !sameDays(household.campaignDays[campaignId] ?? {}, days)
      ) {
        fixes.push({ householdId: household._id, visits, coveredOn, days })
      }
    }
    if (page.length < HOUSEHOLD_PAGE) return fixes
    afterKey = page[page.length - 1].addressKey
  }
}

function sameDays(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((day) => a[day] === b[day])
}
