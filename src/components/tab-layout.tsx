import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { Role } from '../../domain/roles'
import type { TabKey } from './tabs'
import { hideHomeButton } from '../services/navigation'
import { PrivacyConsentSheet } from './privacy-consent-sheet'
import { TabBar } from './tab-bar'

/** A tab page: its content, then the role-filtered tab bar fixed at the bottom. */
export function TabLayout({
  current,
  roles,
  privacyPurpose,
  children,
}: {
  current: TabKey
  roles: readonly Role[] | undefined
  /** What the page asks of the phone, said on WeChat's consent sheet. */
  privacyPurpose?: string
  children: ReactNode
}) {
  useDidShow(hideHomeButton)
  return (
    <View className='page page--with-tabs'>
      {children}
      <TabBar current={current} roles={roles} />
      <PrivacyConsentSheet purpose={privacyPurpose} />
    </View>
  )
}
