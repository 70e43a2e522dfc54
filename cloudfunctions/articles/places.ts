import type { PlaceRef } from '../../domain/account'
import { AppError } from '../../domain/errors'
import type { Caller } from '../_lib/function'
import { cached } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import { findTown, findVillage, listTowns, listUnits, listVillages, type TownDoc, type UnitDoc, type VillageDoc } from '../_lib/repos/places'
import type { Credit } from '../_lib/repos/reads'
import type { UserDoc } from '../_lib/repos/users'

// Reference data the article actions read often (cached per instance), and
// where a user's shares and reads are credited.

export const townById = (db: Database, townId: string): Promise<TownDoc | null> => cached(`town:${townId}`, () => findTown(db, townId))
export const villageById = (db: Database, villageId: string): Promise<VillageDoc | null> => cached(`village:${villageId}`, () => findVillage(db, villageId))
export const villagesOf = (db: Database, townId: string): Promise<VillageDoc[]> => cached(`villages:${townId}`, () => listVillages(db, townId))
export const unitsOf = (db: Database, townId: string): Promise<UnitDoc[]> => cached(`units:${townId}`, () => listUnits(db, townId))

/** The caller's town, or for a caller without identity the one asked for, else the deployment's only town. */
export async function readerTownId(db: Database, caller: Caller | null, asked: string | undefined): Promise<string> {
  const own = caller?.user?.townId
  if (own) return own
  if (asked) return asked
  const towns = await cached('towns:first', () => listTowns(db, 2))
  if (towns.length === 1) return towns[0]._id
  throw new AppError('NOT_FOUND', '没有找到这个乡镇的文章，请从分享的链接打开')
}

export function signedInTown(caller: Caller): { user: UserDoc; townId: string } {
  const user = caller.user
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录（重新打开小程序即可）')
  if (!user.townId) throw new AppError('FORBIDDEN', '你的账号还没有加入乡镇，请联系镇反诈办')
  return { user, townId: user.townId }
}

/** The village a user's shares and reads count for: a cadre's own, else where they said they live. */
export function homeVillageIdOf(user: UserDoc): string | null {
  if (user.roles.includes('cadre') && user.villageId) return user.villageId
  return user.homeVillageId ?? null
}

export async function creditOf(db: Database, user: UserDoc): Promise<{ credit: Credit; village: PlaceRef | null }> {
  const villageId = homeVillageIdOf(user)
  const village = villageId ? await villageById(db, villageId) : null
  if (village && village.townId === user.townId) {
    return { credit: { key: `v:${village._id}`, villageId: village._id, unitId: village.unitId }, village: { id: village._id, name: village.name } }
  }
  if (user.roles.includes('unit_head') && user.unitId) return { credit: { key: `u:${user.unitId}`, villageId: null, unitId: user.unitId }, village: null }
  return { credit: TOWN_CREDIT, village: null }
}

/** Reads and shares no village or unit can be credited with. */
export const TOWN_CREDIT: Credit = { key: 'town', villageId: null, unitId: null }
