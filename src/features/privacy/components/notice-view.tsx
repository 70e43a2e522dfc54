import { Text, View } from '@tarojs/components'
import { privacyNoticeSections, type PrivacyNotice } from '../../../../domain/privacy'
import { HotlineList } from '../../../components/hotline-list'
import '../privacy.css'

/** 个人信息保护说明: what is collected, why, who sees it, how long it is kept, how to ask. */
export function NoticeView({ notice }: { notice: PrivacyNotice }) {
  return (
    <View id='privacy-notice'>
      {privacyNoticeSections(notice).map((section) => (
        <View key={section.title} className='card privacy-section'>
          <Text className='privacy-section__title'>{section.title}</Text>
          {section.paragraphs.map((paragraph) => (
            <Text key={paragraph} className='privacy-paragraph'>
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
      {notice.hotlines.length > 0 ? (
        <View className='card privacy-section'>
          <Text className='privacy-section__title'>联系我们</Text>
          <HotlineList hotlines={notice.hotlines} />
        </View>
      ) : null}
    </View>
  )
}
