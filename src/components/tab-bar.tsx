import { Text, View } from '@tarojs/components'
import { useSyncExternalStore } from 'react'
import type { Role } from '../../domain/roles'
import { tabsFor, type TabKey } from './tabs'
import { badgeText, getTabBadges, subscribeTabBadges } from '../services/badges'
import { openTab } from '../services/navigation'
import './tab-bar.css'

// Why not the native tabBar: it always shows every tab in app.config, and
// 工作 must only appear for staff. Taro's `custom-tab-bar` is no way out here:
// in Taro 4.2.1 the H5 router skips custom tab bars ("TODO: custom-tab-bar" in
// @tarojs/router), so it would work on weapp only. A plain component at the
// bottom of each tab page works the same on both builds and in jsdom tests.

export interface TabBarProps {
  current: TabKey
  /** Until sign-in answers, everyone gets the resident tabs. */
  roles: readonly Role[] | undefined
}

export function TabBar({ current, roles }: TabBarProps) {
  const tabs = tabsFor(roles ?? ['resident'])
  const badges = useSyncExternalStore(subscribeTabBadges, getTabBadges, getTabBadges)
  return (
    <View className='tab-bar' id='tab-bar'>
      {tabs.map((tab) => {
        const active = tab.key === current
        const badge = badges[tab.key] ?? 0
        return (
          <View
            key={tab.key}
            id={`tab-${tab.key}`}
            className={`tab-bar__item${active ? ' tab-bar__item--active' : ''}`}
            onClick={() => {
              if (!active) openTab(tab.path)
            }}
          >
            <Text className='tab-bar__text'>{tab.text}</Text>
            {badge > 0 ? (
              <Text className='tab-bar__badge' id={`tab-badge-${tab.key}`}>
                {badgeText(badge)}
              </Text>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
