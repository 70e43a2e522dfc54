import type { Me, PlaceRef } from '../../domain/account'
import { AppError } from '../../domain/errors'
import type { Role } from '../../domain/roles'
import type { Database } from '../_lib/cloud'
import { isDuplicateKeyError } from '../_lib/db-errors'
import { recordAudit } from '../_lib/repos/audit'
import { findDefaultTownId, findTown, findUnit, findVillage, type VillageDoc } from '../_lib/repos/places'
import { findUserByOpenid, insertUser, updateUser, userIdFor, type UserDoc } from '../_lib/repos/users'

export const DEFAULT_USER_NAME = '微信用户'

/** The signed-in user, or UNAUTHENTICATED before the first signIn. */
export function requireUser(user: UserDoc | null): UserDoc {
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录（重新打开小程序即可）')
  return user
}

export async function buildMe(db: Database, user: UserDoc): Promise<Me> {
  const [town, village, unit, home] = await Promise.all([
    user.townId ? findTown(db, user.townId) : null,
    user.villageId ? findVillage(db, user.villageId) : null,
    user.unitId ? findUnit(db, user.unitId) : null,
    user.homeVillageId && user.homeVillageId !== user.villageId ? findVillage(db, user.homeVillageId) : null,
  ])
  return {
    userId: user._id,
    name: user.name,
    roles: user.roles,
    town: town ? { id: town._id, name: town.name, region: town.region, hotlines: town.hotlines } : null,
    village: village ? { id: village._id, name: village.name } : null,
    unit: unit ? { id: unit._id, name: unit.name } : null,
    homeVillage: homeVillageOf(user, village, home),
    unreadMessages: Math.max(user.unreadMessages ?? 0, 0),
  }
}

/** Where the user said they live, if it is (still) a village of their town. */
function homeVillageOf(user: UserDoc, village: VillageDoc | null, home: VillageDoc | null): PlaceRef | null {
  const found = user.homeVillageId && village?._id === user.homeVillageId ? village : home
  return found && found.townId === user.townId ? { id: found._id, name: found.name } : null
}

/**
 * First call creates the user as a resident of the deployment's default town.
 * Openids listed in BOOTSTRAP_OFFICE_OPENIDS (function configuration) become
 * office users: that is how a new deployment gets its first administrator.
 */
export async function signIn(db: Database, openid: string, existing: UserDoc | null): Promise<UserDoc> {
  let user = existing ?? (await createResident(db, openid))
  // 人员管理 shows when each user was last seen: a sign-in is each opening of the app.
  if (existing) await updateUser(db, user._id, { lastSeenAt: new Date() })
  if (isBootstrapOffice(openid) && !user.roles.includes('office')) {
    const roles: Role[] = [...user.roles, 'office']
    const townId = user.townId ?? (await findDefaultTownId(db))
    await updateUser(db, user._id, { roles, townId, updatedAt: new Date() })
    await recordAudit(db, { townId, actor: openid, action: 'account.bootstrapOffice', target: user._id })
    user = { ...user, roles, townId }
  }
  // 区反诈办 comes from configuration too: BOOTSTRAP_DISTRICT_OPENIDS of the district DISTRICT_ID.
  const districtId = process.env.DISTRICT_ID
  if (districtId && listed('BOOTSTRAP_DISTRICT_OPENIDS', openid) && !user.roles.includes('district')) {
    const roles: Role[] = [...user.roles, 'district']
    await updateUser(db, user._id, { roles, districtId, updatedAt: new Date() })
    await recordAudit(db, { townId: user.townId, actor: openid, action: 'account.bootstrapDistrict', target: user._id, detail: { districtId } })
    user = { ...user, roles, districtId }
  }
  return user
}

async function createResident(db: Database, openid: string): Promise<UserDoc> {
  const now = new Date()
  const user: UserDoc = {
    _id: userIdFor(openid),
    openid,
    name: DEFAULT_USER_NAME,
    roles: ['resident'],
    townId: await findDefaultTownId(db),
    villageId: null,
    unitId: null,
    createdAt: now,
    updatedAt: now,
    lastSeenAt: now,
  }
  try {
    await insertUser(db, user)
    return user
  } catch (error) {
    // A concurrent first call won the race: use the user it created.
    if (!isDuplicateKeyError(error)) throw error
    const created = await findUserByOpenid(db, openid)
    if (!created) throw error
    return created
  }
}

function isBootstrapOffice(openid: string): boolean {
  return listed('BOOTSTRAP_OFFICE_OPENIDS', openid)
}

/** An openid in a comma-separated list of the function's configuration. */
function listed(variable: string, openid: string): boolean {
  return (process.env[variable] ?? '')
    .split(',')
    .map((item) => item.trim())
    .includes(openid)
}
