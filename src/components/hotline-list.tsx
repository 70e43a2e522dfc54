import { Text, View } from '@tarojs/components'
import type { Hotline } from '../../domain/account'
import { PhoneCallButton } from './phone-call-button'

/** The town's hotlines as one-tap call buttons; the numbers are data, never built in. */
export function HotlineList({ hotlines }: { hotlines: readonly Hotline[] }) {
  if (hotlines.length === 0) {
    return (
      <View className='notice'>
        <Text>本镇的求助电话还没有登记。请联系村（社区）干部或镇反诈办。</Text>
      </View>
    )
  }
  return (
    <View className='hotline-list'>
      {hotlines.map((hotline) => (
        <PhoneCallButton key={`${hotline.label}-${hotline.number}`} label={hotline.label} number={hotline.number} />
      ))}
    </View>
  )
}
