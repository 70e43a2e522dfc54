import { retentionOf, type PrivacyNotice } from '../../domain/privacy'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { findDefaultTownId, findTown } from '../_lib/repos/places'

/** The notice's facts for the caller's town (a resident not placed yet: the deployment's default town). */
export async function privacyNotice(db: Database, caller: Caller): Promise<PrivacyNotice> {
  const townId = caller.user?.townId ?? (await findDefaultTownId(db))
  const town = townId ? await findTown(db, townId) : null
  return {
    town: town ? { name: town.name, region: town.region } : null,
    hotlines: town?.hotlines ?? [],
    retention: retentionOf(town?.retention),
  }
}
