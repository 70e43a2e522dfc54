import { isStaff, type Role } from '../../domain/roles'

// The app's bottom tabs: pages of this mini-program, so they live with the UI.

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
