import type { PurgeReport } from '../../../domain/privacy'
import type { Database } from '../cloud'
import { collection } from '../collections'

/** Per town: how far the purge of exported files has gone, and what its last run removed. */
export interface PurgeStateDoc {
  _id: string
  exportsThrough: Date | null
  lastReport: PurgeReport | null
}

export async function findPurgeState(db: Database, townId: string): Promise<PurgeStateDoc | null> {
  const { data } = await collection(db, 'purges').doc(townId).get()
  return (data?.[0] as PurgeStateDoc | undefined) ?? null
}

export async function savePurgeState(db: Database, state: PurgeStateDoc): Promise<void> {
  const { _id, ...fields } = state
  await collection(db, 'purges').doc(_id).set(fields)
}
