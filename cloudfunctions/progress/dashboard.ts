import { placeShare, placesProgress } from '../../domain/activities'
import { coverageId } from '../../domain/coverage-ledger'
import { progressOf } from '../../domain/coverage'
import { shanghaiDay, type DayString } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { compareByNeed, dailySeries, mergeByDay, sumDays, weekFigures, weekStartOf, type ByDay, type Dashboard, type DashboardRequest, type ProgressScope, type UnitProgress, type VillageProgress } from '../../domain/progress'
import { callerTownId, isTownWide, signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { listPlaceCoverage, listPlaceTotals, type PlaceCoverageDoc, type PlaceTotalsDoc } from '../_lib/repos/activities'
import { toSummary, type CampaignDoc } from '../_lib/repos/campaigns'
import type { CoverageDoc } from '../_lib/repos/coverage'
import type { UnitDoc, VillageDoc } from '../_lib/repos/places'
import { editedAt, resolveCampaign, townPlaces } from './campaign'
import { coverageDocs } from './counters'

// Read from the counters only: villages (实有户数, cached as reference data)
// and one coverage document per village (see counters.ts). Whatever the
// number of visits, this is the caller, then one or two queries.

interface Scope {
  kind: ProgressScope
  name: string
  villages: VillageDoc[]
  units: UnitDoc[]
}

export async function dashboard(db: Database, caller: Caller, input: DashboardRequest): Promise<Dashboard> {
  const townId = callerTownId(caller)
  const today = shanghaiDay()
  const [campaign, scope] = await Promise.all([resolveCampaign(db, townId, input.campaignId, today, editedAt(caller)), scopeOf(db, caller, townId)])
  const [coverage, places] = await Promise.all([coverageOf(db, campaign, scope), placeCountersOf(db, campaign)])
  return buildDashboard(campaign, scope, coverage, places, today)
}

interface PlaceCountersByVillage {
  totals: Map<string, PlaceTotalsDoc>
  coverage: Map<string, PlaceCoverageDoc>
}

/** 宣传台账's counters of the town: one small document per village, two queries in all. */
async function placeCountersOf(db: Database, campaign: CampaignDoc): Promise<PlaceCountersByVillage> {
  const [totals, coverage] = await Promise.all([listPlaceTotals(db, campaign.townId), listPlaceCoverage(db, campaign._id, campaign.townId)])
  return { totals: new Map(totals.map((doc) => [doc.villageId, doc])), coverage: new Map(coverage.map((doc) => [doc.villageId, doc])) }
}

/** Office and police see the town; a unit head their unit's villages; a cadre their own village. */
async function scopeOf(db: Database, caller: Caller, townId: string): Promise<Scope> {
  const user = signedInUser(caller)
  const { town, villages, units } = await townPlaces(db, townId, editedAt(caller))
  if (isTownWide(caller, townId)) return { kind: 'town', name: town?.name ?? '', villages, units }
  if (caller.roles.includes('unit_head') && user.unitId) {
    const unit = units.find((candidate) => candidate._id === user.unitId)
    if (unit) return { kind: 'unit', name: unit.name, villages: villages.filter((village) => village.unitId === unit._id), units }
  }
  if (caller.roles.includes('cadre') && user.villageId) {
    const village = villages.find((candidate) => candidate._id === user.villageId)
    if (village) return { kind: 'village', name: village.name, villages: [village], units }
  }
  throw new AppError('FORBIDDEN', '你的账号还没有分配村（社区）或单位，请联系镇反诈办')
}

async function coverageOf(db: Database, campaign: CampaignDoc, scope: Scope): Promise<Map<string, CoverageDoc>> {
  const ids = scope.kind === 'town' ? undefined : scope.villages.map((village) => coverageId(campaign._id, village._id))
  const docs = await coverageDocs(db, { campaignId: campaign._id, townId: campaign.townId, ids })
  return new Map(docs.map((doc) => [doc.villageId, doc]))
}

function buildDashboard(campaign: CampaignDoc, scope: Scope, coverage: Map<string, CoverageDoc>, places: PlaceCountersByVillage, today: DayString): Dashboard {
  const weekStart = weekStartOf(today)
  const unitNames = new Map(scope.units.map((unit) => [unit._id, unit.name]))
  const figures = (village: VillageDoc) => {
    const doc = coverage.get(village._id)
    return { covered: doc?.covered ?? 0, visits: doc?.visits ?? 0, byDay: (doc?.byDay ?? {}) as ByDay }
  }

  const villages = scope.villages
    .map((village) => {
      const { covered, visits, byDay } = figures(village)
      const week = sumDays(byDay, weekStart, today)
      const card: VillageProgress = {
        id: village._id,
        name: village.name,
        unitId: village.unitId,
        unitName: village.unitId ? (unitNames.get(village.unitId) ?? '') : '',
        progress: progressOf(village.registeredHouseholds, covered, campaign, today),
        visits,
        visitsThisWeek: week.visits,
        newlyCoveredThisWeek: week.newlyCovered,
        places: placeShare(places.totals.get(village._id)?.total ?? 0, places.coverage.get(village._id)?.covered ?? 0),
      }
      return { card, order: village.order, progress: card.progress }
    })
    .sort(compareByNeed)
    .map(({ card }) => card)

  const registered = scope.villages.reduce((sum, village) => sum + village.registeredHouseholds, 0)
  const covered = scope.villages.reduce((sum, village) => sum + figures(village).covered, 0)
  const byDay = mergeByDay(scope.villages.map((village) => figures(village).byDay))

  const units: UnitProgress[] =
    scope.kind !== 'town'
      ? []
      : scope.units.map((unit) => {
          const own = scope.villages.filter((village) => village.unitId === unit._id)
          const unitRegistered = own.reduce((sum, village) => sum + village.registeredHouseholds, 0)
          const unitCovered = own.reduce((sum, village) => sum + figures(village).covered, 0)
          return { id: unit._id, name: unit.name, villages: own.length, progress: progressOf(unitRegistered, unitCovered, campaign, today) }
        })

  return {
    campaign: toSummary(campaign),
    today,
    scope: scope.kind,
    scopeName: scope.name,
    total: progressOf(registered, covered, campaign, today),
    units,
    villages,
    daily: dailySeries(byDay, today),
    thisWeek: weekFigures(byDay, covered, today),
    places: placesProgress(
      {
        totals: scope.villages.flatMap((village) => places.totals.get(village._id) ?? []),
        coverage: scope.villages.flatMap((village) => places.coverage.get(village._id) ?? []),
      },
      campaign,
      today,
    ),
  }
}
