import { Text, View } from '@tarojs/components'
import { can } from '../../../../domain/access'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { TipStatsView } from '../../../features/tips/components/tip-stats-view'

export default function TipStatsPage() {
  const account = useMe()
  return (
    <View className='page' id='tip-stats-page'>
      <AccountGate account={account}>
        {(me) =>
          can(me.roles, 'countTips') ? (
            <TipStatsView />
          ) : (
            <View className='notice'>
              <Text>举报统计给镇反诈办和派出所查看。</Text>
            </View>
          )
        }
      </AccountGate>
    </View>
  )
}
