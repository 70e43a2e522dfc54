import { Picker, Text, View } from '@tarojs/components'
import type { Period } from '../api'
import './progress.css'

/** From and to as two date pickers; the form below shows the schema's error for `to`. */
export function PeriodPicker({ value, onChange, max }: { value: Period; onChange: (next: Period) => void; max: string }) {
  return (
    <View className='date-row'>
      <Picker mode='date' value={value.from} end={max} onChange={(event) => onChange({ ...value, from: String(event.detail.value) })}>
        <View className='date-row__picker' id='period-from'>
          <Text>从 {value.from}</Text>
        </View>
      </Picker>
      <Picker mode='date' value={value.to} end={max} onChange={(event) => onChange({ ...value, to: String(event.detail.value) })}>
        <View className='date-row__picker' id='period-to'>
          <Text>到 {value.to}</Text>
        </View>
      </Picker>
    </View>
  )
}
