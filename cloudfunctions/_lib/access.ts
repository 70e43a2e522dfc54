import { AppError } from '../../domain/errors'
import type { Database } from './cloud'
import type { Caller } from './function'
import { findVillage, type VillageDoc } from './repos/places'
import type { UserDoc } from './repos/users'

// Who sees what of a village. Cadres see their own village; office and police
// their whole town; unit heads the villages their unit is responsible for.

export function signedInUser(caller: Caller): UserDoc {
  if (!caller.user) throw new AppError('UNAUTHENTICATED', '请先登录（重新打开小程序即可）')
  return caller.user
}

/** The caller's own town: every town-wide action acts on it, never on one named in the payload. */
export function callerTownId(caller: Caller): string {
  const townId = signedInUser(caller).townId
  if (!townId) throw new AppError('FORBIDDEN', '你的账号还没有归属镇（街道），请联系镇反诈办')
  return townId
}

export function isCadreOf(caller: Caller, villageId: string): boolean {
  return caller.roles.includes('cadre') && caller.user?.villageId === villageId
}

export function isTownWide(caller: Caller, townId: string): boolean {
  return (caller.roles.includes('office') || caller.roles.includes('police')) && caller.user?.townId === townId
}

export function isUnitHeadOf(caller: Caller, village: VillageDoc): boolean {
  return caller.roles.includes('unit_head') && Boolean(village.unitId) && caller.user?.unitId === village.unitId
}

/** Full personal data of the village's records: its cadres, office, police. */
export function mayReadVillageRecords(caller: Caller, village: VillageDoc): boolean {
  return isCadreOf(caller, village._id) || isTownWide(caller, village.townId)
}

/** Progress and masked lists: also the unit head responsible for it. */
export function mayWatchVillage(caller: Caller, village: VillageDoc): boolean {
  return mayReadVillageRecords(caller, village) || isUnitHeadOf(caller, village)
}

export async function requireVillage(db: Database, villageId: string, field = 'villageId'): Promise<VillageDoc> {
  const village = await findVillage(db, villageId)
  if (!village) throw new AppError('NOT_FOUND', '没有找到这个村（社区）', field)
  return village
}
