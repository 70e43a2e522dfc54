import { campaignOn } from '../../domain/campaign'
import { daysBetween, type DayString } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { cached } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { listCampaigns, type CampaignDoc } from '../_lib/repos/campaigns'
import { findTown, listUnits, listVillages, type TownDoc, type UnitDoc, type VillageDoc } from '../_lib/repos/places'

/**
 * The campaign asked for, or the one under way on `day`; before any has
 * started, the next one to start (its progress is simply 0 and on track).
 */
export async function resolveCampaign(db: Database, townId: string, campaignId: string | undefined, day: DayString, notBefore: Date | null = null): Promise<CampaignDoc> {
  const campaigns = await cached(`town:${townId}:campaigns`, () => listCampaigns(db, townId), { notBefore })
  if (campaignId) {
    const chosen = campaigns.find((campaign) => campaign._id === campaignId)
    if (!chosen) throw new AppError('NOT_FOUND', '没有找到这个入户宣传活动', 'campaignId')
    return chosen
  }
  const current = campaignOn(
    campaigns.map((doc) => ({ ...doc, id: doc._id })),
    day,
  )
  const upcoming = [...campaigns].sort((a, b) => daysBetween(b.startDay, a.startDay))[0]
  const campaign = current ?? upcoming
  if (!campaign) throw new AppError('NOT_FOUND', '还没有设置入户宣传活动，请联系镇反诈办')
  return campaign
}

export interface TownPlaces {
  town: TownDoc | null
  /** In their standing order. */
  villages: VillageDoc[]
  units: UnitDoc[]
}

/**
 * The town, its villages (实有户数) and units: reference data, read at most
 * every REFERENCE_TTL_MS per instance, and again for a caller who changed it
 * since (`notBefore`, see _lib/cache.ts).
 */
export function townPlaces(db: Database, townId: string, notBefore: Date | null = null): Promise<TownPlaces> {
  return cached(
    `town:${townId}:places`,
    async () => {
      const [town, villages, units] = await Promise.all([findTown(db, townId), listVillages(db, townId), listUnits(db, townId)])
      return { town, villages, units }
    },
    { notBefore },
  )
}

/** When the caller last changed their town's reference data: their own reads must not be older. */
export function editedAt(caller: Caller): Date | null {
  return caller.user?.townEditedAt ?? null
}
