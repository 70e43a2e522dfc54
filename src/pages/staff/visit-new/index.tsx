import { View } from '@tarojs/components'
import { PrivacyConsentSheet } from '../../../components/privacy-consent-sheet'
import { HouseholdPicker } from '../../../features/households/components/household-picker'
import { PrivacyLink } from '../../../features/privacy/components/privacy-link'
import { VisitNew } from '../../../features/visits/components/visit-new'

// No sign-in gate here: at a door without signal the form still opens, from
// what the phone kept (see features/visits/hooks/use-form-context.ts).
export default function VisitNewPage() {
  return (
    <View className='page' id='visit-new-page'>
      <VisitNew renderHousehold={(props) => <HouseholdPicker {...props} />} />
      <PrivacyLink text='向群众说明：登记的信息如何使用、保存多久、怎样申请删除 ›' />
      <PrivacyConsentSheet purpose='入户登记要拍现场照片（使用相机或相册），经群众同意时还会记录走访位置。' />
    </View>
  )
}
