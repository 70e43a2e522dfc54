import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatInviteCode } from '../../../../domain/account'
import { BigButton } from '../../../components/big-button'
import './invites.css'

/** The code as people read it out (K7XM-3QPA), big, with a copy button. */
export function InviteCode({ code, copyable = true }: { code: string; copyable?: boolean }) {
  const formatted = formatInviteCode(code)
  return (
    <View className='invite-code'>
      <Text className='invite-code__text' selectable>
        {formatted}
      </Text>
      {copyable ? (
        <BigButton
          kind='secondary'
          inline
          className='invite-code__copy'
          onClick={() => void Taro.setClipboardData({ data: formatted }).catch(() => undefined)}
        >
          复制
        </BigButton>
      ) : null}
    </View>
  )
}
