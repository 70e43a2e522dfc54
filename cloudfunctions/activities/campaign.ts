import { campaignOn } from '../../domain/campaign'
import type { DayString } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import type { Database } from '../_lib/cloud'
import { listCampaigns, type CampaignDoc } from '../_lib/repos/campaigns'

/** Activities are logged into the campaign under way today (as visits are, by domain/campaign.ts's rule). */
export async function campaignFor(db: Database, townId: string, day: DayString): Promise<CampaignDoc> {
  const campaign = campaignOn(
    (await listCampaigns(db, townId)).map((doc) => ({ ...doc, id: doc._id })),
    day,
  )
  if (!campaign) throw new AppError('INVALID_INPUT', '现在没有进行中的反诈专项活动，请联系镇反诈办', 'heldOn')
  return campaign
}

export async function campaignOrNull(db: Database, townId: string, day: DayString): Promise<CampaignDoc | null> {
  return campaignOn((await listCampaigns(db, townId)).map((doc) => ({ ...doc, id: doc._id })), day)
}
