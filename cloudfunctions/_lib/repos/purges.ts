import type { PurgeReport } from '../../../domain/privacy'
import type { Database } from '../cloud'
import { collection } from '../collections'

/** Per town: how far the purge has gone (exported files; each due campaign's visits), and what its last run removed. */
export interface PurgeStateDoc {
  _id: string
  exportsThrough: Date | null
  /** Per due campaign, the last visit id the purge has passed; `done` once it reached the end. */
  visitsThrough?: Record<string, string>
  /** The same walk over each due campaign's activities (宣传台账: their photos and location). */
  activitiesThrough?: Record<string, string>
  lastReport: PurgeReport | null
}

/** The `visitsThrough` value of a campaign whose visits have all been purged. */
export const CAMPAIGN_PURGED = 'done'

export async function findPurgeState(db: Database, townId: string): Promise<PurgeStateDoc | null> {
  const { data } = await collection(db, 'purges').doc(townId).get()
  return (data?.[0] as PurgeStateDoc | undefined) ?? null
}

export async function savePurgeState(db: Database, state: PurgeStateDoc): Promise<void> {
  const { _id, ...fields } = state
  await collection(db, 'purges').doc(_id).set(fields)
}
