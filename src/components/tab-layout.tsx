import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { Role } from '../../domain/roles'
import type { TabKey } from './tabs'
import { hideHomeButton } from '../services/navigation'
import { TabBar } from './tab-bar'

/** A tab page: its content, then the role-filtered tab bar fixed at the bottom. */
export function TabLayout({ current, roles, children }: { current: TabKey; roles: readonly Role[] | undefined; children: ReactNode }) {
  useDidShow(hideHomeButton)
  return (
    <View className='page page--with-tabs'>
      {children}
      <TabBar current={current} roles={roles} />
    </View>
  )
}
