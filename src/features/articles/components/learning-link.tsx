import { Text, View } from '@tarojs/components'
import { openPage } from '../../../services/navigation'
import '../../../components/entry-links.css'

/** 我的 → 我的学习记录. */
export function LearningLink() {
  return (
    <View className='card entry-link' id='open-learning-record' onClick={() => openPage('/pages/learning/index')}>
      <Text className='entry-link__title'>我的学习记录 ›</Text>
      <Text className='entry-link__hint'>读过哪些防骗文章，哪些点了「我已学习」</Text>
    </View>
  )
}
