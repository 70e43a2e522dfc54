import { Text, View } from '@tarojs/components'
import type { Tab } from './tabs'
import { openTab } from '../services/navigation'
import './entry-links.css'

const HINTS: Record<string, string> = {
  learn: '常见骗局和防骗知识',
  tips: '发现诈骗线索，马上告诉我们',
  work: '入户登记、邀请码等工作工具',
  me: '我的信息、开通工作身份',
}

/** Big links to the other tabs, for users who do not look at the bottom bar. */
export function EntryLinks({ tabs }: { tabs: readonly Tab[] }) {
  return (
    <View className='entry-links'>
      {tabs.map((tab) => (
        <View key={tab.key} id={`entry-${tab.key}`} className='card entry-link' onClick={() => openTab(tab.path)}>
          <Text className='entry-link__title'>{tab.text} ›</Text>
          {HINTS[tab.key] ? <Text className='entry-link__hint'>{HINTS[tab.key]}</Text> : null}
        </View>
      ))}
    </View>
  )
}
