import { HotlineList } from '../../components/hotline-list'
import { Section } from '../../components/section'
import { TabLayout } from '../../components/tab-layout'
import { AccountGate } from '../../features/account/components/account-gate'
import { useMe } from '../../features/account/hooks/use-me'
import { PrivacyLink } from '../../features/privacy/components/privacy-link'
import { MyTipsLink } from '../../features/tips/components/my-tips-link'
import { SuspiciousCallGuide } from '../../features/tips/components/suspicious-call-guide'
import { TipReport } from '../../features/tips/components/tip-report'

export default function TipsPage() {
  const account = useMe()
  return (
    <TabLayout current='tips' roles={account.me?.roles} privacyPurpose='网上举报可以附上证据图片（从相册选择或拍照），图片只交给本镇派出所民警；发送后要复制回执码。'>
      <AccountGate account={account}>
        {(me) => (
          <>
            <Section title='电话举报' id='hotlines'>
              <HotlineList hotlines={me.town?.hotlines ?? []} />
            </Section>
            <Section title='网上举报' id='tip-online'>
              <TipReport me={me} />
            </Section>
            <MyTipsLink />
            <SuspiciousCallGuide />
            <PrivacyLink text='举报的信息如何保存、谁能看到、匿名保护什么 ›' />
          </>
        )}
      </AccountGate>
    </TabLayout>
  )
}
