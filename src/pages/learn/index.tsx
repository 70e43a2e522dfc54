import { Text, View } from '@tarojs/components'
import { TabLayout } from '../../components/tab-layout'
import { useMe } from '../../features/account/hooks/use-me'
import { LearnFeed } from '../../features/articles/components/learn-feed'
import { openPage } from '../../services/navigation'
import '../../features/articles/components/article.css'

export default function LearnPage() {
  const account = useMe()
  return (
    <TabLayout current='learn' roles={account.me?.roles}>
      <View className='learn-head'>
        <Text className='learn-head__title'>反诈学习</Text>
        <Text className='learn-head__link' id='open-learning' onClick={() => openPage('/pages/learning/index')}>
          我的学习记录 ›
        </Text>
      </View>
      <LearnFeed />
    </TabLayout>
  )
}
