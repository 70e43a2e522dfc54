import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Section } from '../../components/section'
import { TabLayout } from '../../components/tab-layout'
import { AccountGate } from '../../features/account/components/account-gate'
import { DemoUserSwitch } from '../../features/account/components/demo-user-switch'
import { HomeVillage } from '../../features/account/components/home-village'
import { ProfileCard } from '../../features/account/components/profile-card'
import { RedeemInviteForm } from '../../features/account/components/redeem-invite-form'
import { useMe } from '../../features/account/hooks/use-me'
import { refreshMe } from '../../features/account/me-store'
import { MessagesEntry } from '../../features/inbox/components/messages-entry'
import { MyTipsLink } from '../../features/tips/components/my-tips-link'
import { LearningLink } from '../../features/articles/components/learning-link'
import { PrivacyEntry } from '../../features/privacy/components/privacy-link'

export default function MePage() {
  const account = useMe()
  // Messages may have arrived since sign-in: the unread count follows.
  useDidShow(() => void refreshMe())
  return (
    <TabLayout current='me' roles={account.me?.roles}>
      <AccountGate account={account}>
        {(me) => (
          <>
            <MessagesEntry unread={me.unreadMessages} />
            <MyTipsLink />
            <LearningLink />
            <Section title='我的信息'>
              <ProfileCard me={me} onSaved={account.setMe} />
              {me.village && me.roles.includes('cadre') ? null : (
                <View className='card' id='home-village-card'>
                  <HomeVillage me={me} onSaved={account.setMe} />
                </View>
              )}
            </Section>
            <Section title='开通工作身份' id='redeem-section'>
              <RedeemInviteForm onRedeemed={account.setMe} />
            </Section>
            <PrivacyEntry />
          </>
        )}
      </AccountGate>
      <DemoUserSwitch />
    </TabLayout>
  )
}
