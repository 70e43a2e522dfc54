import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Section } from '../../../components/section'
import { SubscribeButton } from '../../../components/subscribe-button'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { DashboardView } from '../../../features/progress/components/dashboard-view'
import { RecountPanel } from '../../../features/progress/components/recount-panel'

/** Opened from the 工作 tab, or from a reminder at one village (?villageId=). */
export default function ProgressPage() {
  const account = useMe()
  const { params } = useRouter()
  return (
    <View className='page'>
      <AccountGate account={account}>
        {(me) => (
          <>
            <DashboardView focusVillageId={params.villageId} footer={me.roles.includes('office') ? <RecountPanel /> : null} />
            {me.roles.includes('unit_head') ? (
              <Section title='督导提醒' id='progress-subscribe'>
                <View className='card'>
                  <Text className='text-block'>包联的村（社区）进度落后或阶段目标临近时，镇反诈办会提醒你。订阅后通过微信通知，每订阅一次收一条；提醒也都在「我的 → 消息」里。</Text>
                  <SubscribeButton template='reminder' label='订阅督导提醒' />
                </View>
              </Section>
            ) : null}
          </>
        )}
      </AccountGate>
    </View>
  )
}
