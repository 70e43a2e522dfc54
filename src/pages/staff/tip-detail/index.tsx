import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { can } from '../../../../domain/access'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { TipDetailView } from '../../../features/tips/components/tip-detail-view'

/** Opened from the queue, or from a 紧急举报提醒 (?id=). */
export default function TipDetailPage() {
  const account = useMe()
  const { params } = useRouter()
  return (
    <View className='page' id='tip-detail-page'>
      <AccountGate account={account}>
        {(me) =>
          can(me.roles, 'handleTips') ? (
            <TipDetailView tipId={params.id ?? ''} />
          ) : (
            <View className='notice'>
              <Text>举报线索只有派出所民警可以查看和处理。</Text>
            </View>
          )
        }
      </AccountGate>
    </View>
  )
}
