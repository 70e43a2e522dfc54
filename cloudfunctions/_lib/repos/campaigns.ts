import type { CampaignSummary } from '../../../domain/campaign'
import type { Milestone } from '../../../domain/coverage'
import type { DayString } from '../../../domain/dates'
import type { Database } from '../cloud'
import { collection } from '../collections'

export interface CampaignDoc {
  _id: string
  townId: string
  name: string
  startDay: DayString
  milestones: Milestone[]
  /** 督导提醒: remind this many days before a milestone whose target is not met (default in domain/reminders.ts). */
  reminderLeadDays?: number
  /** 宣传台账: share (%) of key places to carry a banner or poster by the campaign's end; none by default. */
  placeTargetPercent?: number | null
}

export async function listCampaigns(db: Database, townId: string): Promise<CampaignDoc[]> {
  const { data } = await collection(db, 'campaigns').where({ townId }).orderBy('startDay', 'desc').limit(100).get()
  return data as CampaignDoc[]
}

export function toSummary(doc: CampaignDoc): CampaignSummary {
  return { id: doc._id, name: doc.name, startDay: doc.startDay, milestones: doc.milestones }
}

export async function saveCampaignDoc(db: Database, campaign: CampaignDoc): Promise<void> {
  const { _id, ...doc } = campaign
  await collection(db, 'campaigns').doc(_id).set(doc)
}

/** The campaigns of several towns at once (a district's). */
export async function listCampaignsOfTowns(db: Database, townIds: string[]): Promise<CampaignDoc[]> {
  if (townIds.length === 0) return []
  const { data } = await collection(db, 'campaigns').where({ townId: db.command.in(townIds) }).limit(1000).get()
  return data as CampaignDoc[]
}
