import { Text, View } from '@tarojs/components'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { RosterImport } from '../../../features/households/components/roster-import'
import { VillagePicker } from '../village-picker'

// A cadre keeps the own village's register; the office any village's.
export default function RosterPage() {
  const account = useMe()
  return (
    <View className='page' id='roster-page'>
      <AccountGate account={account}>
        {(me) => {
          if (me.roles.includes('office')) return <VillagePicker>{(village) => <RosterImport key={village.id} village={village} uploaderId={me.userId} />}</VillagePicker>
          if (me.roles.includes('cadre') && me.village) return <RosterImport village={me.village} uploaderId={me.userId} />
          return (
            <View className='notice' id='roster-forbidden'>
              <Text>户籍名册由本村社干部或镇反诈办维护。</Text>
            </View>
          )
        }}
      </AccountGate>
    </View>
  )
}
