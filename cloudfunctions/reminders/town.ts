import { campaignOn } from '../../domain/campaign'
import { progressOf } from '../../domain/coverage'
import { addDays, shanghaiDay, startOfShanghaiDay, type DayString } from '../../domain/dates'
import {
  leadDaysOf,
  planReminders,
  retryStillWanted,
  RETRY_WITHIN_DAYS,
  townReminderSettings,
  type Recipient,
  type ReminderPlan,
  type ReminderVillage,
  type TownReminderSettings,
} from '../../domain/reminders'
import { cached } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { listCampaigns, type CampaignDoc } from '../_lib/repos/campaigns'
import { listCoverageStamps } from '../_lib/repos/coverage'
import { listUnits, listVillages, type TownDoc, type UnitDoc, type VillageDoc } from '../_lib/repos/places'
import { recentReminders, type ReminderStamp } from '../_lib/repos/reminders'
import type { UserDoc } from '../_lib/repos/users'

// What a reminder run needs to know about one town, read from reference data
// and the coverage counters (never the visits): the campaign under way, each
// village's progress, who can be reminded, and who already was today.

export interface TownState {
  town: TownDoc
  today: DayString
  settings: TownReminderSettings
  campaign: CampaignDoc | null
  leadDays: number
  villages: ReminderVillage[]
  units: UnitDoc[]
  recipients: Recipient[]
  /** The town's attempts of the last RETRY_WITHIN_DAYS days and today. */
  recent: ReminderStamp[]
}

/** Villages, units and campaigns change a few times a year: an instance keeps them briefly (see _lib/cache.ts). */
export function townReference(db: Database, townId: string): Promise<{ villages: VillageDoc[]; units: UnitDoc[]; campaigns: CampaignDoc[] }> {
  return cached(`reminders:reference:${townId}`, async () => {
    const [villages, units, campaigns] = await Promise.all([listVillages(db, townId), listUnits(db, townId), listCampaigns(db, townId)])
    return { villages, units, campaigns }
  })
}

/** The campaign the dashboard shows today (the one under way, else the latest started); none before any starts. */
export function currentCampaign(campaigns: readonly CampaignDoc[], today: DayString): CampaignDoc | null {
  return campaignOn(
    campaigns.map((doc) => ({ ...doc, id: doc._id })),
    today,
  )
}

export async function loadTownState(db: Database, town: TownDoc, now: Date): Promise<TownState> {
  const today = shanghaiDay(now)
  const settings = townReminderSettings(town.reminderSettings)
  const since = startOfShanghaiDay(addDays(today, -RETRY_WITHIN_DAYS))
  const [reference, recent, recipients] = await Promise.all([
    townReference(db, town._id),
    recentReminders(db, town._id, since),
    listRecipients(db, town._id, settings.includeCadres),
  ])
  const campaign = currentCampaign(reference.campaigns, today)
  const covered = new Map<string, number>()
  if (campaign) {
    for (const stamp of await listCoverageStamps(db, { campaignId: campaign._id, townId: town._id })) covered.set(stamp.villageId, stamp.covered)
  }
  const villages: ReminderVillage[] = campaign
    ? reference.villages.map((village) => ({
        id: village._id,
        name: village.name,
        unitId: village.unitId,
        order: village.order,
        progress: progressOf(village.registeredHouseholds, covered.get(village._id) ?? 0, campaign, today),
      }))
    : []
  return { town, today, settings, campaign, leadDays: campaign ? leadDaysOf(campaign) : 0, villages, units: reference.units, recipients, recent }
}

type RecipientUser = Pick<UserDoc, '_id' | 'openid' | 'name' | 'roles' | 'unitId' | 'villageId'>

/** Unit heads with a unit, and (when the town includes them) cadres with a village. */
async function listRecipients(db: Database, townId: string, includeCadres: boolean): Promise<Recipient[]> {
  const _ = db.command
  const roles = includeCadres ? _.in(['unit_head', 'cadre']) : 'unit_head'
  const users: RecipientUser[] = []
  for (;;) {
    const { data } = await collection(db, 'users')
      .where({ townId, roles })
      .skip(users.length)
      .limit(1000)
      .field({ _id: true, openid: true, name: true, roles: true, unitId: true, villageId: true })
      .get()
    users.push(...(data as RecipientUser[]))
    if (data.length < 1000) break
  }
  return users.flatMap((user) => {
    const found: Recipient[] = []
    const base = { userId: user._id, openid: user.openid, name: user.name }
    if (user.roles.includes('unit_head') && user.unitId) found.push({ ...base, role: 'unit_head', unitId: user.unitId, villageId: null })
    if (includeCadres && user.roles.includes('cadre') && user.villageId) found.push({ ...base, role: 'cadre', unitId: null, villageId: user.villageId })
    return found
  })
}

/** Users with an attempt today: the daily cap. */
export function remindedOn(recent: readonly ReminderStamp[], today: DayString): Set<string> {
  return new Set(recent.filter((stamp) => stamp.day === today).map((stamp) => stamp.userId))
}

/** Each user's latest earlier failure still worth retrying today. */
export function pendingRetries(recent: readonly ReminderStamp[], today: DayString): Map<string, ReminderStamp> {
  const retries = new Map<string, ReminderStamp>()
  for (const stamp of recent) {
    if (!stamp.retry || !retryStillWanted(stamp.day, today)) continue
    const known = retries.get(stamp.userId)
    if (!known || known.day < stamp.day) retries.set(stamp.userId, stamp)
  }
  return retries
}

export function planFor(state: TownState, options: { unitId?: string; onlyUsers?: ReadonlySet<string> } = {}): ReminderPlan {
  return planReminders({
    today: state.today,
    settings: state.settings,
    leadDays: state.leadDays,
    villages: state.villages,
    units: state.units.map((unit) => ({ id: unit._id, name: unit.name })),
    recipients: state.recipients,
    remindedToday: remindedOn(state.recent, state.today),
    unitId: options.unitId,
    onlyUsers: options.onlyUsers,
  })
}
