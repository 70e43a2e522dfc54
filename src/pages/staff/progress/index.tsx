import { View } from '@tarojs/components'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { DashboardView } from '../../../features/progress/components/dashboard-view'
import { RecountPanel } from '../../../features/progress/components/recount-panel'

export default function ProgressPage() {
  const account = useMe()
  return (
    <View className='page'>
      <AccountGate account={account}>{(me) => <DashboardView footer={me.roles.includes('office') ? <RecountPanel /> : null} />}</AccountGate>
    </View>
  )
}
