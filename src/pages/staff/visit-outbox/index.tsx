import { View } from '@tarojs/components'
import { HouseholdPicker } from '../../../features/households/components/household-picker'
import { Outbox } from '../../../features/visits/components/outbox'

export default function VisitOutboxPage() {
  return (
    <View className='page' id='visit-outbox-page'>
      <Outbox renderHousehold={(props) => <HouseholdPicker {...props} />} />
    </View>
  )
}
