import * as v from 'valibot'
import type { PlaceRef } from './account'
import type { Milestone } from './coverage'
import type { DayString } from './dates'
import { day, docId, optionalText } from './fields'
import { STAFF_ROLES, type Role, type StaffRole } from './roles'
import { unitFields, villageFields, type TownSettings } from './town'

// 镇级管理: what office edits in the app (the town, its villages and units, the
// campaigns), who holds which role, and the audit trail. Town data is checked
// with domain/town.ts, the schemas town:import uses too.

export const saveVillageSchema = v.object({
  /** Absent: a new village. */
  villageId: v.optional(docId('村（社区）')),
  ...villageFields,
})
export type SaveVillageRequest = v.InferOutput<typeof saveVillageSchema>
export type SaveVillageInput = v.InferInput<typeof saveVillageSchema>

export const saveUnitSchema = v.object({
  unitId: v.optional(docId('单位')),
  ...unitFields,
})
export type SaveUnitRequest = v.InferOutput<typeof saveUnitSchema>
export type SaveUnitInput = v.InferInput<typeof saveUnitSchema>


export const removeVillageSchema = v.object({ villageId: docId('村（社区）') })
export const removeUnitSchema = v.object({ unitId: docId('单位') })

/** What 镇级管理 shows: everything office may change, as it stands. */
export interface TownSetup {
  town: { id: string } & TownSettings
  villages: {
    id: string
    name: string
    kind: 'village' | 'community'
    groups: number[]
    registeredHouseholds: number
    policeOfficer: { name: string; phone: string } | null
    unitId: string | null
    order: number
  }[]
  units: { id: string; name: string; headName: string; order: number; heads: PlaceRef[] }[]
  /** placeTargetPercent: 宣传台账's target for key places by the campaign's end (null: none, only the share is shown). */
  campaigns: { id: string; name: string; startDay: DayString; milestones: Milestone[]; placeTargetPercent: number | null }[]
}

// ---------------------------------------------------------------- people

export const listUsersSchema = v.object({
  /** Part of a name. */
  query: optionalText('姓名', 20),
  role: v.optional(v.picklist(STAFF_ROLES, '请选择角色')),
  /** Opaque cursor from the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(64))),
})

/** A user's staff roles and where they work: what office grants, changes or takes away. */
export const setRolesSchema = v.pipe(
  v.object({
    userId: docId('用户'),
    roles: v.pipe(v.array(v.picklist(STAFF_ROLES, '角色无效'), '请选择角色'), v.maxLength(STAFF_ROLES.length, '角色重复')),
    villageId: v.optional(v.nullable(docId('村（社区）'))),
    unitId: v.optional(v.nullable(docId('单位'))),
    reason: optionalText('原因', 50),
  }),
  v.forward(
    v.check((input) => !input.roles.includes('cadre') || Boolean(input.villageId), '村社干部要选择所在村（社区）'),
    ['villageId'],
  ),
  v.forward(
    v.check((input) => !input.roles.includes('unit_head') || Boolean(input.unitId), '单位负责人要选择单位'),
    ['unitId'],
  ),
)
export type SetRolesRequest = v.InferOutput<typeof setRolesSchema>
export type SetRolesInput = v.InferInput<typeof setRolesSchema>

export interface UserView {
  id: string
  name: string
  roles: Role[]
  village: PlaceRef | null
  unit: PlaceRef | null
  /** Last sign-in, ISO; null if never since this was kept. */
  lastSeenAt: string | null
  createdAt: string
  /** The caller themself: office cannot change their own roles. */
  self: boolean
}

export interface UserPage {
  users: UserView[]
  nextCursor: string | null
}

/** The staff roles a user keeps: resident is everyone's and is never granted or removed. */
export function staffRolesOf(roles: readonly Role[]): StaffRole[] {
  return STAFF_ROLES.filter((role) => roles.includes(role))
}

// ---------------------------------------------------------------- audit

export const auditQuerySchema = v.object({
  /** One audited action, e.g. `progress.exportArchive` (AUDIT_ACTION_LABELS lists them). */
  action: optionalText('操作', 40),
  from: v.optional(day('开始日期')),
  to: v.optional(day('结束日期')),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(64))),
})
export type AuditQuery = v.InferOutput<typeof auditQuerySchema>

export interface AuditEntryView {
  id: string
  at: string
  action: string
  /** 导出存档, 更正入户记录...: the action in words. */
  actionLabel: string
  actorName: string
  target: string
  detail: Record<string, unknown>
}

export interface AuditPage {
  entries: AuditEntryView[]
  nextCursor: string | null
}

/** What each audited action is called on screen; an unknown one shows as itself. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'account.bootstrapOffice': '初始化镇反诈办账号',
  'account.bootstrapDistrict': '初始化区反诈办账号',
  'account.createInvite': '生成邀请码',
  'account.revokeInvite': '作废邀请码',
  'account.redeemInvite': '使用邀请码',
  'activities.correct': '更正宣传活动记录',
  'activities.void': '作废宣传活动记录',
  'activities.commitPlaceImport': '导入重点场所',
  'activities.exportArchive': '导出宣传活动台账',
  'admin.saveTown': '修改镇（街道）信息',
  'admin.saveVillage': '修改村（社区）',
  'admin.removeVillage': '删除村（社区）',
  'admin.saveUnit': '修改单位',
  'admin.removeUnit': '删除单位',
  'admin.saveCampaign': '修改入户宣传活动',
  'admin.setRoles': '修改人员角色',
  'households.import': '导入户籍名册',
  'progress.exportArchive': '导出入户记录存档',
  'progress.bulletinExport': '导出通报',
  'progress.recount': '重新统计',
  'visits.correct': '更正入户记录',
  'visits.void': '作废入户记录',
}
