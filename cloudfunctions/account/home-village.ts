import type { Me, PlaceRef } from '../../domain/account'
import { AppError } from '../../domain/errors'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { findVillage, listVillages } from '../_lib/repos/places'
import { updateUser } from '../_lib/repos/users'
import { buildMe, requireUser } from './profile'

// 所在村（社区）: where a resident says they live. It is theirs to say (nothing
// checks it), and it only decides which village their shares of articles
// count for; it grants nothing (a cadre's village comes from an invite).

export async function setHomeVillage(db: Database, caller: Caller, villageId: string): Promise<Me> {
  const user = requireUser(caller.user)
  if (villageId) {
    const village = await findVillage(db, villageId)
    if (!village || village.townId !== user.townId) throw new AppError('NOT_FOUND', '没有找到这个村（社区），请重新选择', 'villageId')
  }
  const homeVillageId = villageId || null
  await updateUser(db, user._id, { homeVillageId, updatedAt: new Date() })
  return buildMe(db, { ...user, homeVillageId })
}

/** The villages of the caller's town, to say which one they live in. */
export async function townVillages(db: Database, caller: Caller): Promise<PlaceRef[]> {
  const user = requireUser(caller.user)
  if (!user.townId) return []
  return (await listVillages(db, user.townId)).map((village) => ({ id: village._id, name: village.name }))
}
