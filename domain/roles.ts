export const ROLES = ['resident', 'cadre', 'unit_head', 'office', 'police', 'district'] as const
export type Role = (typeof ROLES)[number]

/**
 * A town's staff roles, granted by its office's invite codes; `resident` is
 * everyone's. `district` (区反诈办) is above the towns: configured, read-only,
 * it sees each town's progress and never household-level data.
 */
export const STAFF_ROLES = ['cadre', 'unit_head', 'office', 'police'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  resident: '群众',
  cadre: '村社干部/网格员',
  unit_head: '单位负责人',
  office: '镇反诈办',
  police: '派出所民警',
  district: '区反诈办',
}

/**
 * Who an action is open to: any signed-in user, holders of one of the roles,
 * or (`public`, reads only) also callers without a WeChat identity.
 */
export type Audience = 'public' | 'anyone' | readonly Role[]

export function hasAnyRole(roles: readonly Role[], audience: Audience): boolean {
  if (audience === 'anyone' || audience === 'public') return true
  return audience.some((role) => roles.includes(role))
}

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => role !== 'resident')
}

/** A staff role's scope: cadres belong to a village, unit heads to a unit. */
export function scopeOf(role: StaffRole): 'village' | 'unit' | 'town' {
  if (role === 'cadre') return 'village'
  if (role === 'unit_head') return 'unit'
  return 'town'
}
