import { View } from '@tarojs/components'
import { PrivacyConsentSheet } from '../../../components/privacy-consent-sheet'
import { ActivityNew } from '../../../features/activities/components/activity-new'
import { PrivacyLink } from '../../../features/privacy/components/privacy-link'

// No sign-in gate here: at a market without signal the form still opens, from
// what the phone kept (see features/activities/hooks/use-activity-context.ts).
export default function ActivityNewPage() {
  return (
    <View className='page' id='activity-new-page'>
      <ActivityNew />
      <PrivacyLink text='登记的照片和位置如何使用、保存多久 ›' />
      <PrivacyConsentSheet purpose='宣传活动登记要拍现场照片（使用相机或相册），您点「记录当前位置」时还会记录活动位置。' />
    </View>
  )
}
