import { View } from '@tarojs/components'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { ArchiveExportPanel } from '../../../features/progress/components/archive-export-panel'

export default function ArchivePage() {
  const account = useMe()
  return (
    <View className='page'>
      <AccountGate account={account}>{(me) => <ArchiveExportPanel me={me} />}</AccountGate>
    </View>
  )
}
