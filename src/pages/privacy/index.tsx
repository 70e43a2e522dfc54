import { View } from '@tarojs/components'
import { ErrorView } from '../../components/error-view'
import { Loading } from '../../components/loading'
import { Section } from '../../components/section'
import { useRead } from '../../hooks/use-read'
import { getNotice } from '../../features/privacy/api'
import { MyDataRequests } from '../../features/privacy/components/data-requests'
import { NoticeView } from '../../features/privacy/components/notice-view'

/** 个人信息与隐私: the notice, then the resident's requests to see or delete their data. */
export default function PrivacyPage() {
  const notice = useRead(getNotice)
  return (
    <View className='page' id='privacy-page'>
      <Section title='个人信息保护说明'>
        {notice.error && !notice.data ? <ErrorView error={notice.error} onRetry={notice.reload} retrying={notice.loading} /> : null}
        {notice.data ? <NoticeView notice={notice.data} /> : notice.error ? null : <Loading text='正在加载说明…' />}
      </Section>
      <Section title='查看或删除我的信息' id='my-data-section'>
        <MyDataRequests />
      </Section>
    </View>
  )
}
