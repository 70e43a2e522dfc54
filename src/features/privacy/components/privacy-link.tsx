import { Text, View } from '@tarojs/components'
import { openPage } from '../../../services/navigation'
import '../../../components/entry-links.css'
import '../privacy.css'

export const PRIVACY_PAGE = '/pages/privacy/index'

/** Under every form that asks for personal information: where to read what happens to it. */
export function PrivacyLink({ text = '我们如何使用和保护您的个人信息 ›' }: { text?: string }) {
  return (
    <Text className='privacy-link' id='privacy-link' onClick={() => openPage(PRIVACY_PAGE)}>
      {text}
    </Text>
  )
}

/** 个人信息与隐私: a big link on 我的. */
export function PrivacyEntry() {
  return (
    <View id='privacy-entry' className='card entry-link' onClick={() => openPage(PRIVACY_PAGE)}>
      <Text className='entry-link__title'>个人信息与隐私 ›</Text>
      <Text className='entry-link__hint'>我们收集什么、谁能看到、保存多久；申请查看或删除您的信息。</Text>
    </View>
  )
}
