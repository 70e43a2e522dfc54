import { Text, View } from '@tarojs/components'
import './status-view.css'

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='status-view status-view--loading'>
      <View className='status-view__spinner' />
      <Text className='status-view__text'>{text}</Text>
    </View>
  )
}
