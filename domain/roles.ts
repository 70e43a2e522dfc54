export const ROLES = ['resident', 'cadre', 'unit_head', 'office', 'police'] as const
export type Role = (typeof ROLES)[number]

/** Roles granted by invite code; `resident` is everyone's. */
export const STAFF_ROLES = ['cadre', 'unit_head', 'office', 'police'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  resident: '群众',
  cadre: '村社干部/网格员',
  unit_head: '单位负责人',
  office: '镇反诈办',
  police: '派出所民警',
}

/** Who an action is open to: any signed-in user, or holders of one of the roles. */
export type Audience = 'anyone' | readonly Role[]

export function hasAnyRole(roles: readonly Role[], audience: Audience): boolean {
  if (audience === 'anyone') return true
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

export type TabKey = 'home' | 'learn' | 'tips' | 'work' | 'me'

export interface Tab {
  key: TabKey
  text: string
  path: string
}

const ALL_TABS: readonly Tab[] = [
  { key: 'home', text: '首页', path: '/pages/home/index' },
  { key: 'learn', text: '学习', path: '/pages/learn/index' },
  { key: 'tips', text: '举报', path: '/pages/tips/index' },
  { key: 'work', text: '工作', path: '/pages/work/index' },
  { key: 'me', text: '我的', path: '/pages/me/index' },
]

/** The bottom tabs a user sees: 工作 only for those with work tools. */
export function tabsFor(roles: readonly Role[]): Tab[] {
  return ALL_TABS.filter((tab) => tab.key !== 'work' || isStaff(roles))
}
