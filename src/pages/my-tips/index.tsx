import { View } from '@tarojs/components'
import { MyTipsView } from '../../features/tips/components/my-tips'

export default function MyTipsPage() {
  return (
    <View className='page' id='my-tips-page'>
      <MyTipsView />
    </View>
  )
}
