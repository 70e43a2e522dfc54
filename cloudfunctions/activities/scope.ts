import { AppError } from '../../domain/errors'
import { isCadreOf, isTownWide, isUnitHeadOf, mayWatchVillage, requireVillage, signedInUser } from '../_lib/access'
import { cached } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { listVillages, type VillageDoc } from '../_lib/repos/places'

// Who logs activities where: a cadre (or grid worker) in their village, a unit
// head in the villages their unit is responsible for, police anywhere in
// their town. Office oversees (reads, corrects, voids) but logs nothing.

export function mayLogIn(caller: Caller, village: VillageDoc): boolean {
  return isCadreOf(caller, village._id) || isUnitHeadOf(caller, village) || (caller.roles.includes('police') && isTownWide(caller, village.townId))
}

/** Keeping the village's list of places: its cadres, office; and those who log there (adding one on the spot). */
export function mayAddPlaceIn(caller: Caller, village: VillageDoc): boolean {
  return mayLogIn(caller, village) || (caller.roles.includes('office') && isTownWide(caller, village.townId))
}

export async function villageToLog(db: Database, caller: Caller, villageId: string): Promise<VillageDoc> {
  signedInUser(caller)
  const village = await cached(`village:${villageId}`, () => requireVillage(db, villageId), { notBefore: caller.user?.townEditedAt })
  if (!mayLogIn(caller, village)) throw new AppError('FORBIDDEN', '你只能为本村（社区）或本单位负责的村（社区）登记宣传活动', 'villageId')
  return village
}

export async function villageToWatch(db: Database, caller: Caller, villageId: string): Promise<VillageDoc> {
  const village = await requireVillage(db, villageId)
  if (!mayWatchVillage(caller, village)) throw new AppError('FORBIDDEN', '你不能查看这个村（社区）的宣传台账', 'villageId')
  return village
}

/** The villages the caller may log activities for, in their standing order. */
export async function villagesToLog(db: Database, caller: Caller): Promise<VillageDoc[]> {
  const user = signedInUser(caller)
  if (!user.townId) return []
  const villages = await listVillages(db, user.townId)
  return villages.filter((village) => mayLogIn(caller, village))
}
