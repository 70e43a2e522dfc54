import { shanghaiDay, startOfShanghaiDay } from '../../../domain/dates'
import { exportsDueBefore, retentionOf, tipsDueBefore, visitsDueFrom, type PurgeReport, type RetentionSettings } from '../../../domain/privacy'
import type { Database } from '../cloud'
import { listCampaigns } from '../repos/campaigns'
import { dropAnswers, listExpiredAnswers } from '../repos/data-requests'
import { listExportsSince } from '../repos/audit'
import { listTowns, type TownDoc } from '../repos/places'
import { CAMPAIGN_PURGED, findPurgeState, savePurgeState } from '../repos/purges'
import { listDueTips } from '../repos/tips'
import { listCampaignVisitsAfter } from '../repos/visits'
import { listCampaignActivitiesAfter, markActivityPhotosErased } from '../repos/activities'
import { deleteStoredFiles } from '../storage'
import { addErased, eraseHouseholdsDueWith, eraseTips, eraseVisits, NOTHING_ERASED, type Erased } from './erase'

// The retention purge (maintenance timer): removes exactly what each town's
// retention settings say is due (domain/privacy.ts), a batch at a time, and
// stops before the function's time is up; the next run goes on where it
// stopped: exported files and each campaign's visits from the point the last
// run reached (kept in the town's `purges` document), tips since nothing
// already erased is selected again.

const BATCH = 500

export async function purgeDue(db: Database, now: Date, deadline: number): Promise<PurgeReport> {
  const report: PurgeReport = { at: now.toISOString(), towns: 0, visits: 0, households: 0, tips: 0, activities: 0, exports: 0, answers: 0, files: 0, unfinished: false }
  for (const town of await listTowns(db, 1000)) {
    const townReport = await purgeTown(db, town, now, deadline)
    report.towns += 1
    for (const key of ['visits', 'households', 'tips', 'activities', 'exports', 'answers', 'files'] as const) report[key] += townReport[key]
    report.unfinished ||= townReport.unfinished
    if (Date.now() > deadline) {
      report.unfinished = true
      break
    }
  }
  return report
}

async function purgeTown(db: Database, town: TownDoc, now: Date, deadline: number): Promise<PurgeReport> {
  const settings = retentionOf(town.retention)
  const state = await findPurgeState(db, town._id)
  const outOfTime = () => Date.now() > deadline
  const visits = await purgeVisits(db, town._id, settings, now, state?.visitsThrough ?? {}, outOfTime)
  const activities = outOfTime() ? null : await purgeActivityPhotos(db, town._id, settings, now, state?.activitiesThrough ?? {}, outOfTime)
  const tips = outOfTime() ? null : await purgeTips(db, town._id, settings, now, outOfTime)
  const exports = outOfTime() ? null : await purgeExports(db, town._id, settings, now, state?.exportsThrough ?? null, outOfTime)
  const answers = outOfTime() ? 0 : await purgeAnswers(db, town._id, now, outOfTime)
  const erased = addErased(visits.erased, tips?.erased ?? NOTHING_ERASED)
  const report: PurgeReport = {
    at: now.toISOString(),
    towns: 1,
    visits: erased.visits,
    households: erased.households,
    tips: erased.tips,
    activities: activities?.activities ?? 0,
    exports: exports?.files ?? 0,
    answers,
    files: erased.files + (activities?.files ?? 0) + (exports?.files ?? 0),
    unfinished: !visits.done || !activities?.done || !tips?.done || !exports?.done || outOfTime(),
  }
  await savePurgeState(db, { _id: town._id, exportsThrough: exports?.through ?? state?.exportsThrough ?? null, visitsThrough: visits.through, activitiesThrough: activities?.through ?? state?.activitiesThrough ?? {}, lastReport: report })
  return report
}

/**
 * The visits of every campaign past its retention, each campaign walked once
 * in id order from where the last run stopped. A campaign ended years before
 * it is due, so no visit joins it behind the cursor.
 */
async function purgeVisits(
  db: Database,
  townId: string,
  settings: RetentionSettings,
  now: Date,
  cursors: Readonly<Record<string, string>>,
  outOfTime: () => boolean,
): Promise<{ erased: Erased; done: boolean; through: Record<string, string> }> {
  const today = shanghaiDay(now)
  const campaigns = await listCampaigns(db, townId)
  const due = campaigns.filter((campaign) => visitsDueFrom(campaign, settings) <= today)
  const kept = new Set(campaigns.filter((campaign) => !due.includes(campaign)).map((campaign) => campaign._id))
  const through = { ...cursors }
  let erased = NOTHING_ERASED
  for (const campaign of due) {
    while (through[campaign._id] !== CAMPAIGN_PURGED) {
      if (outOfTime()) return { erased, done: false, through }
      const page = await listCampaignVisitsAfter(db, campaign._id, through[campaign._id] ?? null, BATCH)
      if (page.length === 0) {
        through[campaign._id] = CAMPAIGN_PURGED
        break
      }
      const batch = page.filter((visit) => !visit.erasedAt)
      erased = addErased(erased, await eraseVisits(db, batch, 'retention', now))
      const households = await eraseHouseholdsDueWith(db, batch.map((visit) => visit.householdId), kept, now)
      erased = addErased(erased, { ...NOTHING_ERASED, households })
      through[campaign._id] = page[page.length - 1]._id
    }
  }
  return { erased, done: true, through }
}

/**
 * 宣传台账 photos (people at a talk, a street) and locations, kept as long as
 * the visits of the same campaign; the record, its counts and the place's
 * coverage stay. The same walk by id as the visits'.
 */
async function purgeActivityPhotos(
  db: Database,
  townId: string,
  settings: RetentionSettings,
  now: Date,
  cursors: Readonly<Record<string, string>>,
  outOfTime: () => boolean,
): Promise<{ activities: number; files: number; done: boolean; through: Record<string, string> }> {
  const today = shanghaiDay(now)
  const due = (await listCampaigns(db, townId)).filter((campaign) => visitsDueFrom(campaign, settings) <= today)
  const through = { ...cursors }
  let activities = 0
  let files = 0
  for (const campaign of due) {
    while (through[campaign._id] !== CAMPAIGN_PURGED) {
      if (outOfTime()) return { activities, files, done: false, through }
      const page = await listCampaignActivitiesAfter(db, campaign._id, through[campaign._id] ?? null, BATCH)
      if (page.length === 0) {
        through[campaign._id] = CAMPAIGN_PURGED
        break
      }
      const batch = page.filter((activity) => !activity.photosErasedAt)
      files += await deleteStoredFiles(batch.flatMap((activity) => activity.photoFileIDs ?? []))
      await markActivityPhotosErased(db, batch.map((activity) => activity._id), now)
      activities += batch.length
      through[campaign._id] = page[page.length - 1]._id
    }
  }
  return { activities, files, done: true, through }
}

async function purgeTips(db: Database, townId: string, settings: RetentionSettings, now: Date, outOfTime: () => boolean): Promise<{ erased: Erased; done: boolean }> {
  const before = startOfShanghaiDay(tipsDueBefore(shanghaiDay(now), settings))
  let erased = NOTHING_ERASED
  for (;;) {
    if (outOfTime()) return { erased, done: false }
    const batch = await listDueTips(db, townId, before, BATCH)
    if (batch.length === 0) return { erased, done: true }
    erased = addErased(erased, await eraseTips(db, batch, now))
  }
}

/** Exported files (found through the audit trail, which records each one) made before the town's exportDays. */
async function purgeExports(
  db: Database,
  townId: string,
  settings: RetentionSettings,
  now: Date,
  since: Date | null,
  outOfTime: () => boolean,
): Promise<{ files: number; through: Date | null; done: boolean }> {
  const before = exportsDueBefore(now, settings)
  let through = since
  let files = 0
  for (;;) {
    if (outOfTime()) return { files, through, done: false }
    const batch = await listExportsSince(db, { townId, after: through, before, limit: BATCH })
    if (batch.length === 0) return { files, through, done: true }
    files += await deleteStoredFiles(batch.map((entry) => (typeof entry.detail.fileID === 'string' ? entry.detail.fileID : '')))
    through = batch[batch.length - 1].at
  }
}

async function purgeAnswers(db: Database, townId: string, now: Date, outOfTime: () => boolean): Promise<number> {
  let dropped = 0
  while (!outOfTime()) {
    const ids = await listExpiredAnswers(db, townId, shanghaiDay(now), BATCH)
    if (ids.length === 0) break
    await dropAnswers(db, ids)
    dropped += ids.length
  }
  return dropped
}
