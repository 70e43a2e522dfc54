import { staffRolesOf, type SetRolesRequest, type UserPage, type UserView } from '../../domain/admin'
import { callerTownId } from '../_lib/access'
import { AppError } from '../../domain/errors'
import { STAFF_ROLES, type Role } from '../../domain/roles'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { decodeCursor } from '../_lib/paging'
import { recordAudit } from '../_lib/repos/audit'
import { findUnit, findVillage, listUnits, listVillages } from '../_lib/repos/places'
import { countTownRole, findUsersByIds, listTownUsers, updateUser, type UserDoc } from '../_lib/repos/users'

// 人员管理: who holds which role in the town, where they work, when they were
// last seen; office changes or removes a role (granting goes through invite
// codes, which the same page reaches). Nobody changes their own roles, and a
// town never loses its last office user.

const PAGE_SIZE = 50
/** A name search reads at most this many of the town's users. */
const SEARCH_WINDOW = 1000

export async function listUsers(db: Database, caller: Caller, input: { query: string; role?: (typeof STAFF_ROLES)[number]; cursor?: string }): Promise<UserPage> {
  const townId = callerTownId(caller)
  const before = decodeCursor(input.cursor)
  const roles = input.role ? [input.role] : input.query ? undefined : STAFF_ROLES
  const docs = input.query
    ? (await listTownUsers(db, { townId, roles, before, limit: SEARCH_WINDOW })).filter((user) => user.name.includes(input.query))
    : await listTownUsers(db, { townId, roles, before, limit: PAGE_SIZE + 1 })
  const page = docs.slice(0, PAGE_SIZE)
  const names = await placeNames(db, townId)
  const last = page[page.length - 1]
  return {
    users: page.map((user) => toView(user, caller, names)),
    nextCursor: docs.length > PAGE_SIZE && last ? new Date(last.createdAt).toISOString() : null,
  }
}

export async function setRoles(db: Database, caller: Caller, input: SetRolesRequest): Promise<UserView> {
  const townId = callerTownId(caller)
  const [user] = await findUsersByIds(db, [input.userId])
  if (!user || user.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这个用户', 'userId')
  if (user._id === caller.user?._id) throw new AppError('FORBIDDEN', '不能修改自己的角色，请请另一位镇反诈办同事操作')
  const roles: Role[] = ['resident', ...STAFF_ROLES.filter((role) => input.roles.includes(role))]
  const villageId = roles.includes('cadre') ? input.villageId ?? null : null
  const unitId = roles.includes('unit_head') ? input.unitId ?? null : null
  if (villageId) {
    const village = await findVillage(db, villageId)
    if (!village || village.townId !== townId) throw new AppError('INVALID_INPUT', '所选村（社区）不属于本镇，请重新选择', 'villageId')
  }
  if (unitId) {
    const unit = await findUnit(db, unitId)
    if (!unit || unit.townId !== townId) throw new AppError('INVALID_INPUT', '所选单位不属于本镇，请重新选择', 'unitId')
  }
  const lastOffice = () => new AppError('CONFLICT', '这是本镇最后一位镇反诈办人员，不能取消其角色；请先给另一位同事开通镇反诈办角色', 'roles')
  if (user.roles.includes('office') && !roles.includes('office') && (await countTownRole(db, townId, 'office')) <= 1) throw lastOffice()
  const now = new Date()
  await updateUser(db, user._id, { roles, villageId, unitId, updatedAt: now })
  // Two office users stepping each other down at once both see two before
  // either writes: look again after writing, and undo rather than leave none.
  if (user.roles.includes('office') && !roles.includes('office') && (await countTownRole(db, townId, 'office')) === 0) {
    await updateUser(db, user._id, { roles: user.roles, villageId: user.villageId, unitId: user.unitId, updatedAt: now })
    throw lastOffice()
  }
  await recordAudit(db, {
    townId,
    actor: caller.openid,
    action: 'admin.setRoles',
    target: user._id,
    detail: { name: user.name, before: staffRolesOf(user.roles), after: staffRolesOf(roles), villageId, unitId, reason: input.reason },
  })
  return toView({ ...user, roles, villageId, unitId }, caller, await placeNames(db, townId))
}

type PlaceNames = { villages: Map<string, string>; units: Map<string, string> }

async function placeNames(db: Database, townId: string): Promise<PlaceNames> {
  const [villages, units] = await Promise.all([listVillages(db, townId), listUnits(db, townId)])
  return { villages: new Map(villages.map((village) => [village._id, village.name])), units: new Map(units.map((unit) => [unit._id, unit.name])) }
}

function toView(user: UserDoc, caller: Caller, names: PlaceNames): UserView {
  const place = (id: string | null, map: Map<string, string>) => (id && map.has(id) ? { id, name: map.get(id) as string } : null)
  return {
    id: user._id,
    name: user.name,
    roles: user.roles,
    village: place(user.villageId, names.villages),
    unit: place(user.unitId, names.units),
    lastSeenAt: user.lastSeenAt ? new Date(user.lastSeenAt).toISOString() : null,
    createdAt: new Date(user.createdAt).toISOString(),
    self: user._id === caller.user?._id,
  }
}
