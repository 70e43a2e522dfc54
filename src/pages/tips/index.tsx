import { ComingSoon } from '../../components/coming-soon'
import { HotlineList } from '../../components/hotline-list'
import { Section } from '../../components/section'
import { TabLayout } from '../../components/tab-layout'
import { AccountGate } from '../../features/account/components/account-gate'
import { useMe } from '../../features/account/hooks/use-me'

export default function TipsPage() {
  const account = useMe()
  return (
    <TabLayout current='tips' roles={account.me?.roles}>
      <Section title='电话举报' id='hotlines'>
        <AccountGate account={account}>{(me) => <HotlineList hotlines={me.town?.hotlines ?? []} />}</AccountGate>
      </Section>
      <ComingSoon
        title='网上举报'
        description='在小程序里填写举报线索的功能即将上线。现在请直接拨打上面的电话举报。'
      />
    </TabLayout>
  )
}
