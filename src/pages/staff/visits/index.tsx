import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { MyVisits } from '../../../features/visits/components/my-visits'
import { VisitList } from '../../../features/visits/components/visit-list'
import { VillageTool } from '../staff-tool'

// ?scope=mine: 我的入户记录. ?scope=village: the records of a village one works
// with (lists masked; full records only for those the server allows).
export default function VisitsPage() {
  const { params } = useRouter()
  if (params.scope === 'village') {
    return (
      <VillageTool id='visits-page-village' capability='readVisits' denied='村（社区）的入户记录由本村社干部、包村单位负责人、镇反诈办和派出所查看。'>
        {(village) => <VisitList key={village.id} scope='village' villageId={village.id} />}
      </VillageTool>
    )
  }
  return <MyVisitsPage />
}

function MyVisitsPage() {
  const account = useMe()
  return (
    <View className='page' id='visits-page-mine'>
      <AccountGate account={account}>{() => <MyVisits />}</AccountGate>
    </View>
  )
}
