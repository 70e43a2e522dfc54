import { Section } from '../../components/section'
import { TabLayout } from '../../components/tab-layout'
import { AccountGate } from '../../features/account/components/account-gate'
import { DemoUserSwitch } from '../../features/account/components/demo-user-switch'
import { ProfileCard } from '../../features/account/components/profile-card'
import { RedeemInviteForm } from '../../features/account/components/redeem-invite-form'
import { useMe } from '../../features/account/hooks/use-me'

export default function MePage() {
  const account = useMe()
  return (
    <TabLayout current='me' roles={account.me?.roles}>
      <AccountGate account={account}>
        {(me) => (
          <>
            <Section title='我的信息'>
              <ProfileCard me={me} onSaved={account.setMe} />
            </Section>
            <Section title='开通工作身份' id='redeem-section'>
              <RedeemInviteForm onRedeemed={account.setMe} />
            </Section>
          </>
        )}
      </AccountGate>
      <DemoUserSwitch />
    </TabLayout>
  )
}
