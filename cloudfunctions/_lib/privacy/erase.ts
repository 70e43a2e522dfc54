import type { Database } from '../cloud'
import { findHouseholds, markHouseholdsErased } from '../repos/households'
import { markTipsErased, type TipDoc } from '../repos/tips'
import { listVisitsOfHouseholds, markVisitsErased, type ErasableVisit, type ErasedBecause } from '../repos/visits'
import { deleteStoredFiles } from '../storage'

// Erasing personal data, for the retention purge and for a resident's request
// alike. Files go first, then the fields that point at them: a run cut short
// leaves records whose files are already gone, and the next run finishes
// them (a missing file counts as deleted). What the counters are made of
// (household, day, items, status) is never touched, so coverage, bulletins
// and the tip statistics read the same before and after.

export interface Erased {
  households: number
  visits: number
  tips: number
  files: number
}

export const NOTHING_ERASED: Erased = { households: 0, visits: 0, tips: 0, files: 0 }

export function addErased(a: Erased, b: Erased): Erased {
  return { households: a.households + b.households, visits: a.visits + b.visits, tips: a.tips + b.tips, files: a.files + b.files }
}

export async function eraseVisits(db: Database, visits: ErasableVisit[], because: ErasedBecause, at: Date): Promise<Erased> {
  if (visits.length === 0) return NOTHING_ERASED
  const files = await deleteStoredFiles(visits.flatMap((visit) => [visit.signature?.fileID ?? '', visit.photoFileID ?? '']))
  await markVisitsErased(db, visits, because, at)
  return { ...NOTHING_ERASED, visits: visits.length, files }
}

/** A resident's households: their visits' personal data, then the households' name and phone. */
export async function eraseHouseholds(db: Database, householdIds: string[], at: Date): Promise<Erased> {
  const visits = (await listVisitsOfHouseholds(db, householdIds)).filter((visit) => !visit.erasedAt)
  const erased = await eraseVisits(db, visits, 'request', at)
  await markHouseholdsErased(db, householdIds, at)
  return { ...erased, households: householdIds.length }
}

/**
 * After a campaign's visits were erased for retention: the households they
 * belonged to lose their name and phone too, unless a campaign still within
 * its retention has visited them since.
 */
export async function eraseHouseholdsDueWith(db: Database, householdIds: string[], keptCampaigns: ReadonlySet<string>, at: Date): Promise<number> {
  const households = await findHouseholds(db, [...new Set(householdIds)])
  const due = households.filter(
    (household) => !household.erasedAt && !Object.entries(household.campaignVisits ?? {}).some(([campaignId, count]) => count > 0 && keptCampaigns.has(campaignId)),
  )
  await markHouseholdsErased(db, due.map((household) => household._id), at)
  return due.length
}

/** A tip's evidence images and its tipster's contact and account link; what was reported stays for the police. */
export async function eraseTips(db: Database, tips: Pick<TipDoc, '_id' | 'evidence'>[], at: Date): Promise<Erased> {
  if (tips.length === 0) return NOTHING_ERASED
  const files = await deleteStoredFiles(tips.flatMap((tip) => Object.values(tip.evidence?.files ?? {}).map((file) => file?.fileID ?? '')))
  await markTipsErased(db, tips.map((tip) => tip._id), at)
  return { ...NOTHING_ERASED, tips: tips.length, files }
}
