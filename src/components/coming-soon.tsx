import { Text, View } from '@tarojs/components'
import './status-view.css'

/** A feature that is planned but not built: say so plainly, show nothing fake. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <View className='status-view status-view--soon'>
      <Text className='status-view__badge'>即将上线</Text>
      <Text className='status-view__title'>{title}</Text>
      <Text className='status-view__text'>{description}</Text>
    </View>
  )
}

export function EmptyView({ text }: { text: string }) {
  return (
    <View className='status-view status-view--empty'>
      <Text className='status-view__text'>{text}</Text>
    </View>
  )
}
