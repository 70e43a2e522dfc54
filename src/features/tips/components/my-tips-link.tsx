import { Text, View } from '@tarojs/components'
import { openPage } from '../../../services/navigation'
import '../../../components/entry-links.css'

export const MY_TIPS_PATH = '/pages/my-tips/index'

/** 我的举报: a big link, from the 举报 tab and from 我的. */
export function MyTipsLink() {
  return (
    <View id='my-tips-link' className='card entry-link' onClick={() => openPage(MY_TIPS_PATH)}>
      <Text className='entry-link__title'>我的举报 ›</Text>
      <Text className='entry-link__hint'>查看举报的处理进度、民警的回复和奖励；也可以输入回执码查询。</Text>
    </View>
  )
}
