import { campaignOn } from '../../domain/campaign'
import { coverageId } from '../../domain/coverage-ledger'
import { progressOf } from '../../domain/coverage'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { compareByNeed, type DistrictOverview, type TownProgress } from '../../domain/progress'
import { signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { listCampaignsOfTowns } from '../_lib/repos/campaigns'
import { findCoverageStamps } from '../_lib/repos/coverage'
import { listTownsOfDistrict, listVillagesOfTowns } from '../_lib/repos/places'

// 区级进度: each town of the district against its own campaign, and the
// district's totals. Read-only and from the counters: four queries whatever
// the number of towns, villages or visits (towns, their campaigns, their
// villages, the current campaigns' coverage documents without byDay).

export async function districtOverview(db: Database, caller: Caller): Promise<DistrictOverview> {
  const districtId = signedInUser(caller).districtId
  if (!districtId) throw new AppError('FORBIDDEN', '你的账号还没有归属区县，请联系管理员')
  const today = shanghaiDay()
  const towns = await listTownsOfDistrict(db, districtId)
  const townIds = towns.map((town) => town._id)
  const [campaigns, villages] = await Promise.all([listCampaignsOfTowns(db, townIds), listVillagesOfTowns(db, townIds)])
  const current = new Map(
    towns.map((town) => [town._id, campaignOn(campaigns.filter((campaign) => campaign.townId === town._id).map((campaign) => ({ ...campaign, id: campaign._id })), today)]),
  )
  const ids = villages.flatMap((village) => {
    const campaign = current.get(village.townId)
    return campaign ? [coverageId(campaign._id, village._id)] : []
  })
  const covered = new Map((await findCoverageStamps(db, ids)).map((stamp) => [stamp._id, stamp.covered]))

  const rows: TownProgress[] = towns.map((town) => {
    const campaign = current.get(town._id) ?? null
    const own = villages.filter((village) => village.townId === town._id)
    const registered = own.reduce((sum, village) => sum + village.registeredHouseholds, 0)
    const done = campaign ? own.reduce((sum, village) => sum + (covered.get(coverageId(campaign._id, village._id)) ?? 0), 0) : 0
    return {
      id: town._id,
      name: town.name,
      campaign: campaign ? { id: campaign._id, name: campaign.name } : null,
      villages: own.length,
      progress: campaign ? progressOf(registered, done, campaign, today) : null,
    }
  })
  const counted = rows.flatMap((row) => (row.progress ? [row.progress] : []))
  const registered = counted.reduce((sum, progress) => sum + progress.registered, 0)
  const coveredTotal = counted.reduce((sum, progress) => sum + progress.covered, 0)
  return {
    districtId,
    today,
    towns: rows.sort((a, b) => (a.progress && b.progress ? compareByNeed({ progress: a.progress }, { progress: b.progress }) : a.progress ? -1 : b.progress ? 1 : 0)),
    total: { registered, covered: coveredTotal, percent: registered > 0 ? Math.round((coveredTotal / registered) * 1000) / 10 : 0 },
  }
}
