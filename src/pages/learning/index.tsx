import { View } from '@tarojs/components'
import { AccountGate } from '../../features/account/components/account-gate'
import { useMe } from '../../features/account/hooks/use-me'
import { LearningRecord } from '../../features/articles/components/learning-record'

export default function LearningPage() {
  const account = useMe()
  return (
    <View className='page'>
      <AccountGate account={account}>{() => <LearningRecord />}</AccountGate>
    </View>
  )
}
