import { tabsFor } from '../../components/tabs'
import { EntryLinks } from '../../components/entry-links'
import { HotlineList } from '../../components/hotline-list'
import { Section } from '../../components/section'
import { TabLayout } from '../../components/tab-layout'
import { AccountGate } from '../../features/account/components/account-gate'
import { Greeting } from '../../features/account/components/greeting'
import { useMe } from '../../features/account/hooks/use-me'
import { SuspiciousCallGuide } from '../../features/tips/components/suspicious-call-guide'

export default function HomePage() {
  const account = useMe()
  return (
    <TabLayout current='home' roles={account.me?.roles}>
      <AccountGate account={account}>
        {(me) => (
          <>
            <Greeting me={me} />
            <Section title='遇到可疑情况，一键拨打' id='hotlines'>
              <HotlineList hotlines={me.town?.hotlines ?? []} />
            </Section>
            <SuspiciousCallGuide />
            <Section title='更多'>
              <EntryLinks tabs={tabsFor(me.roles).filter((tab) => tab.key !== 'home')} />
            </Section>
          </>
        )}
      </AccountGate>
    </TabLayout>
  )
}
