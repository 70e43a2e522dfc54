import { Text, View } from '@tarojs/components'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { BulletinView } from '../../../features/progress/components/bulletin-view'

export default function BulletinPage() {
  const account = useMe()
  const { params } = useRouter()
  // Shared to a work group, the page opens on the same period; reading it still needs the office role.
  useShareAppMessage(() => ({ title: '全民反诈入户宣传工作进度通报', path: `/pages/staff/bulletin/index?from=${params.from ?? ''}&to=${params.to ?? ''}` }))
  return (
    <View className='page'>
      <AccountGate account={account}>
        {(me) =>
          me.roles.includes('office') ? (
            <BulletinView initial={{ from: params.from || undefined, to: params.to || undefined }} />
          ) : (
            <View className='notice' id='bulletin-forbidden'>
              <Text>通报由镇反诈办发布，请在工作群查看镇反诈办转发的通报。</Text>
            </View>
          )
        }
      </AccountGate>
    </View>
  )
}
