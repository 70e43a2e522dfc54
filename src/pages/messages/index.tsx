import { View } from '@tarojs/components'
import { AccountGate } from '../../features/account/components/account-gate'
import { useMe } from '../../features/account/hooks/use-me'
import { InboxList } from '../../features/inbox/components/inbox-list'

/** 消息 (from 我的): the user's own messages; reading them clears the badge. */
export default function MessagesPage() {
  const account = useMe()
  return (
    <View className='page' id='messages-page'>
      <AccountGate account={account}>{(me) => <InboxList onUnread={(unread) => account.setMe({ ...me, unreadMessages: unread })} />}</AccountGate>
    </View>
  )
}
