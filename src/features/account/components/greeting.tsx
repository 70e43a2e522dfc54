import { Text, View } from '@tarojs/components'
import type { Me } from '../../../../domain/account'
import './greeting.css'

export function Greeting({ me }: { me: Me }) {
  return (
    <View className='greeting'>
      <Text className='greeting__hello'>{me.name ? `${me.name}，您好！` : '您好！'}</Text>
      <Text className='greeting__town'>
        {me.town ? `${me.town.region}${me.town.name} 全民反诈` : '全民反诈，守护您的钱袋子'}
      </Text>
    </View>
  )
}
