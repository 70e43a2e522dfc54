import { View } from '@tarojs/components'
import { HouseholdPicker } from '../../../features/households/components/household-picker'
import { VisitNew } from '../../../features/visits/components/visit-new'

// No sign-in gate here: at a door without signal the form still opens, from
// what the phone kept (see features/visits/hooks/use-form-context.ts).
export default function VisitNewPage() {
  return (
    <View className='page' id='visit-new-page'>
      <VisitNew renderHousehold={(props) => <HouseholdPicker {...props} />} />
    </View>
  )
}
