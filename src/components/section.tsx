import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <View className='section' id={id}>
      <Text className='section__title'>{title}</Text>
      {children}
    </View>
  )
}
