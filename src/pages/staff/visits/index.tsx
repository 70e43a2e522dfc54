import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { Me } from '../../../../domain/account'
import { Section } from '../../../components/section'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { MyVisits } from '../../../features/visits/components/my-visits'
import { VisitList } from '../../../features/visits/components/visit-list'
import { VillagePicker } from '../village-picker'

// ?scope=mine: 我的入户记录. ?scope=village: a village's records — a cadre's
// own village; office and police pick any village of the town, a unit head
// one of the unit's villages (masked lists; full records only for office and police).
export default function VisitsPage() {
  const { params } = useRouter()
  const account = useMe()
  const scope = params.scope === 'village' ? 'village' : 'mine'
  return (
    <View className='page' id={`visits-page-${scope}`}>
      <AccountGate account={account}>{(me) => (scope === 'mine' ? <MyVisits /> : <VillageVisits me={me} />)}</AccountGate>
    </View>
  )
}

function VillageVisits({ me }: { me: Me }) {
  if (me.roles.includes('office') || me.roles.includes('police') || me.roles.includes('unit_head')) {
    return <VillagePicker>{(village) => <VisitList key={village.id} scope='village' villageId={village.id} />}</VillagePicker>
  }
  if (me.roles.includes('cadre') && me.village) {
    return (
      <Section title={`${me.village.name}的入户记录`}>
        <VisitList scope='village' villageId={me.village.id} />
      </Section>
    )
  }
  return (
    <View className='notice' id='visits-forbidden'>
      <Text>村（社区）的入户记录由本村社干部、包村单位负责人、镇反诈办和派出所查看。</Text>
    </View>
  )
}
