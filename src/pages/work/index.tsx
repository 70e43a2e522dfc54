import { Text, View } from '@tarojs/components'
import { isStaff } from '../../../domain/roles'
import { Section } from '../../components/section'
import { TabLayout } from '../../components/tab-layout'
import { AccountGate } from '../../features/account/components/account-gate'
import { useMe } from '../../features/account/hooks/use-me'
import { ToolList } from '../../features/work/components/tool-list'
import { toolsFor } from '../../features/work/tools'

export default function WorkPage() {
  const account = useMe()
  return (
    <TabLayout current='work' roles={account.me?.roles}>
      <AccountGate account={account}>
        {(me) =>
          isStaff(me.roles) ? (
            <Section title='我的工作'>
              <ToolList tools={toolsFor(me.roles)} />
            </Section>
          ) : (
            <View className='notice' id='work-not-staff'>
              <Text>工作台给村社干部、网格员、单位负责人、镇反诈办和派出所使用。需要开通的，请向镇反诈办要邀请码，在「我的」页面输入。</Text>
            </View>
          )
        }
      </AccountGate>
    </TabLayout>
  )
}
