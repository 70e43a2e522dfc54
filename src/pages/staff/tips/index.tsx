import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { can } from '../../../../domain/access'
import { Section } from '../../../components/section'
import { SubscribeButton } from '../../../components/subscribe-button'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { TipExport } from '../../../features/tips/components/tip-export'
import { TipQueue, type QueueFilters } from '../../../features/tips/components/tip-queue'

export default function TipQueuePage() {
  const account = useMe()
  const [filters, setFilters] = useState<QueueFilters>({ status: 'submitted' })
  return (
    <View className='page' id='tip-queue-page'>
      <AccountGate account={account}>
        {(me) =>
          can(me.roles, 'handleTips') ? (
            <>
              <Section title='紧急举报提醒' id='tip-urgent-subscribe'>
                <View className='card'>
                  <Text className='text-block'>群众举报“24小时内已转账”时，马上通过微信提醒你，方便及时止付。每订阅一次收一条。</Text>
                  <SubscribeButton template='tipUrgent' label='订阅紧急举报提醒' />
                </View>
              </Section>
              <Section title='举报线索' id='tip-queue-section'>
                <TipQueue filters={filters} onFilters={setFilters} />
              </Section>
              <Section title='导出' id='tip-export-section'>
                <TipExport filters={filters} />
              </Section>
            </>
          ) : (
            <View className='notice' id='tip-queue-forbidden'>
              <Text>举报线索只有派出所民警可以查看和处理。</Text>
            </View>
          )
        }
      </AccountGate>
    </View>
  )
}
