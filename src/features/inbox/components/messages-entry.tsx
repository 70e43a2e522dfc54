import { Text, View } from '@tarojs/components'
import { badgeText } from '../../../services/badges'
import { openPage } from '../../../services/navigation'
import '../../../components/entry-links.css'
import './inbox.css'

export const MESSAGES_PAGE = '/pages/messages/index'

/** The way into 消息 from 我的, with the unread count. */
export function MessagesEntry({ unread }: { unread: number }) {
  return (
    <View className='card entry-link' id='entry-messages' onClick={() => openPage(MESSAGES_PAGE)}>
      <View className='inbox-item__head'>
        <Text className='entry-link__title'>消息 ›</Text>
        {unread > 0 ? (
          <Text className='inbox-item__new' id='entry-messages-unread'>
            {badgeText(unread)} 条未读
          </Text>
        ) : null}
      </View>
      <Text className='entry-link__hint'>{unread > 0 ? '有新的提醒，点开看看' : '督导提醒等通知，微信没收到的也在这里'}</Text>
    </View>
  )
}
