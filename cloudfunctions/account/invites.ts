import { randomInt } from 'crypto'
import { callerTownId } from '../_lib/access'
import {
  generateInviteCode,
  type CreateInviteRequest,
  type Directory,
  type InviteStatus,
  type InviteView,
  type PlaceRef,
} from '../../domain/account'
import { AppError } from '../../domain/errors'
import type { Role } from '../../domain/roles'
import type { Caller } from '../_lib/function'
import type { Database } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { isDuplicateKeyError } from '../_lib/db-errors'
import { recordAudit } from '../_lib/repos/audit'
import { findInvite, insertInvite, listRecentInvites, type InviteDoc } from '../_lib/repos/invites'
import { findUnit, findVillage, listUnits, listVillages, type UnitDoc, type VillageDoc } from '../_lib/repos/places'
import { updateUser, type UserDoc } from '../_lib/repos/users'
import { requireUser } from './profile'

const DAY_MS = 24 * 60 * 60 * 1000
/** Wrong codes allowed per user and window before redeeming is paused. */
const MAX_FAILURES = 5
const FAILURE_WINDOW_MS = 60 * 60 * 1000

export async function createInvite(db: Database, caller: Caller, input: CreateInviteRequest): Promise<InviteView> {
  const townId = callerTownId(caller)
  const villageId = input.role === 'cadre' ? input.villageId ?? null : null
  const unitId = input.role === 'unit_head' ? input.unitId ?? null : null
  if (villageId) {
    const village = await findVillage(db, villageId)
    if (!village || village.townId !== townId) throw new AppError('INVALID_INPUT', '所选村（社区）不属于本镇，请重新选择', 'villageId')
  }
  if (unitId) {
    const unit = await findUnit(db, unitId)
    if (!unit || unit.townId !== townId) throw new AppError('INVALID_INPUT', '所选单位不属于本镇，请重新选择', 'unitId')
  }

  const now = new Date()
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const invite: InviteDoc = {
      _id: generateInviteCode(randomInt),
      townId,
      role: input.role,
      villageId,
      unitId,
      note: input.note,
      createdBy: caller.openid,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.validDays * DAY_MS),
      usedBy: null,
      usedAt: null,
      revokedAt: null,
    }
    try {
      await insertInvite(db, invite)
    } catch (error) {
      if (isDuplicateKeyError(error)) continue
      throw error
    }
    await recordAudit(db, { townId, actor: caller.openid, action: 'account.createInvite', target: invite._id, detail: { role: invite.role, villageId, unitId } })
    return toView(invite, await directoryOf(db, townId), now)
  }
  throw new AppError('INTERNAL', '生成邀请码失败，请重试')
}

export async function listInvites(db: Database, caller: Caller): Promise<InviteView[]> {
  const townId = callerTownId(caller)
  const [invites, directory] = await Promise.all([listRecentInvites(db, townId), directoryOf(db, townId)])
  const now = new Date()
  return invites.map((invite) => toView(invite, directory, now))
}

export async function revokeInvite(db: Database, caller: Caller, code: string): Promise<InviteView> {
  const townId = callerTownId(caller)
  const invite = await findInvite(db, code)
  if (!invite || invite.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这个邀请码', 'code')
  if (invite.usedBy) throw new AppError('CONFLICT', '这个邀请码已被使用，不能作废；如需收回权限请联系管理员', 'code')
  const revoked: InviteDoc = { ...invite, revokedAt: invite.revokedAt ?? new Date() }
  if (!invite.revokedAt) {
    await collection(db, 'invites').doc(code).update({ revokedAt: revoked.revokedAt })
    await recordAudit(db, { townId, actor: caller.openid, action: 'account.revokeInvite', target: code })
  }
  return toView(revoked, await directoryOf(db, townId), new Date())
}

/**
 * Grants the invite's role. The invite is marked used and the user updated in
 * one transaction, so one code can never make two staff members.
 */
export async function redeemInvite(db: Database, caller: Caller, code: string): Promise<UserDoc> {
  const user = requireUser(caller.user)
  const now = new Date()
  const failures = user.inviteFailures
  const windowOpen = failures && now.getTime() - new Date(failures.since).getTime() < FAILURE_WINDOW_MS
  if (windowOpen && failures.count >= MAX_FAILURES) {
    throw new AppError('RATE_LIMITED', '邀请码输错次数太多，请一小时后再试，或联系镇反诈办核对邀请码')
  }

  const refuse = async (message: string, code: 'INVALID_INPUT' | 'CONFLICT' = 'INVALID_INPUT'): Promise<never> => {
    const count = windowOpen ? failures.count + 1 : 1
    await updateUser(db, user._id, { inviteFailures: { count, since: windowOpen ? failures.since : now } })
    throw new AppError(code, message, 'code')
  }

  const invite = await findInvite(db, code)
  if (!invite) return refuse('邀请码不存在，请核对后重新输入')
  const problem = unusableReason(invite, now)
  if (problem) return refuse(problem)
  if (user.townId && user.townId !== invite.townId && user.roles.some((role) => role !== 'resident')) {
    return refuse('你已是其他乡镇的工作人员，不能使用这个乡镇的邀请码', 'CONFLICT')
  }

  const updated: UserDoc = {
    ...user,
    roles: addRole(user.roles, invite.role),
    townId: invite.townId,
    villageId: invite.role === 'cadre' ? invite.villageId : user.villageId,
    unitId: invite.role === 'unit_head' ? invite.unitId : user.unitId,
    updatedAt: now,
  }
  const stillUsable = await db.runTransaction(async (transaction: TransactionLike) => {
    const { data } = await transaction.collection('invites').doc(code).get()
    const current = data as InviteDoc | null
    if (!current || unusableReason(current, now)) return false
    await transaction.collection('invites').doc(code).update({ usedBy: user._id, usedAt: now })
    await transaction.collection('users').doc(user._id).update({
      roles: updated.roles,
      townId: updated.townId,
      villageId: updated.villageId,
      unitId: updated.unitId,
      updatedAt: now,
      inviteFailures: { count: 0, since: now },
    })
    return true
  })
  if (!stillUsable) return refuse('这个邀请码刚刚已被使用，请联系镇反诈办重新获取')

  await recordAudit(db, { townId: invite.townId, actor: caller.openid, action: 'account.redeemInvite', target: code, detail: { role: invite.role } })
  return updated
}

// runTransaction's callback receives an untyped transaction in the SDK's
// declarations; this is the part of it we use.
interface TransactionLike {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>
      update(data: Record<string, unknown>): Promise<unknown>
    }
  }
}

function unusableReason(invite: InviteDoc, now: Date): string | null {
  if (invite.revokedAt) return '这个邀请码已作废，请联系镇反诈办重新获取'
  if (invite.usedBy) return '这个邀请码已被使用，请联系镇反诈办重新获取'
  if (new Date(invite.expiresAt).getTime() <= now.getTime()) return '这个邀请码已过期，请联系镇反诈办重新获取'
  return null
}

function addRole(roles: readonly Role[], role: Role): Role[] {
  return roles.includes(role) ? [...roles] : [...roles, role]
}

/** The villages and units a caller works with: the whole town for office and police, a unit head's own unit. */
/**
 * The villages (and units) the caller works with: office and police the whole
 * town, a unit head the unit's villages, a cadre their own village. Pages
 * offer exactly these; each action still checks the village itself.
 */
export async function directoryFor(db: Database, caller: Caller): Promise<Directory> {
  const townId = callerTownId(caller)
  const [villages, units] = await Promise.all([listVillages(db, townId), listUnits(db, townId)])
  if (caller.roles.includes('office') || caller.roles.includes('police')) return toDirectory(villages, units)
  const user = requireUser(caller.user)
  const unitId = caller.roles.includes('unit_head') ? user.unitId : null
  const villageId = caller.roles.includes('cadre') ? user.villageId : null
  return toDirectory(
    villages.filter((village) => village._id === villageId || (unitId !== null && village.unitId === unitId)),
    units.filter((unit) => unit._id === unitId),
  )
}

export async function directoryOf(db: Database, townId: string): Promise<Directory> {
  const [villages, units] = await Promise.all([listVillages(db, townId), listUnits(db, townId)])
  return toDirectory(villages, units)
}

function toDirectory(villages: VillageDoc[], units: UnitDoc[]): Directory {
  return {
    villages: villages.map((village) => ({ id: village._id, name: village.name })),
    units: units.map((unit) => ({ id: unit._id, name: unit.name })),
  }
}

function statusOf(invite: InviteDoc, now: Date): InviteStatus {
  if (invite.usedBy) return 'used'
  if (invite.revokedAt) return 'revoked'
  if (new Date(invite.expiresAt).getTime() <= now.getTime()) return 'expired'
  return 'active'
}

function toView(invite: InviteDoc, directory: Directory, now: Date): InviteView {
  const find = (list: PlaceRef[], id: string | null) => (id ? list.find((item) => item.id === id) ?? null : null)
  return {
    code: invite._id,
    role: invite.role,
    village: find(directory.villages, invite.villageId),
    unit: find(directory.units, invite.unitId),
    note: invite.note,
    status: statusOf(invite, now),
    createdAt: new Date(invite.createdAt).toISOString(),
    expiresAt: new Date(invite.expiresAt).toISOString(),
    usedAt: invite.usedAt ? new Date(invite.usedAt).toISOString() : null,
  }
}
