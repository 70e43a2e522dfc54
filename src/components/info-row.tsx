import { Text, View } from '@tarojs/components'

/** One label and value line of a card (个人信息, 入户记录详情). */
export function InfoRow({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='card__row'>
      <Text className='card__label'>{label}</Text>
      <Text className='card__value' id={id}>
        {value}
      </Text>
    </View>
  )
}
