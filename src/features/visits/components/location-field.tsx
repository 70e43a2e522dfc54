import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../components/big-button'
import { FormField } from '../../../components/form-field'
import '../../../components/form-field.css'
import { locate, type Position } from '../../../services/location'
import './visit-form.css'

export type { Position } from '../../../services/location'

export function LocationField({ value, onChange, error }: { value: Position | null; onChange: (value: Position | null) => void; error?: string }) {
  const [locating, setLocating] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const record = async () => {
    setLocating(true)
    setProblem(null)
    const located = await locate()
    setLocating(false)
    if (located.ok) onChange(located.position)
    else setProblem(located.message)
  }

  return (
    <FormField label='走访位置（可不记录）' name='location' error={error} hint='只在您点下面的按钮时获取一次，用于核实入户，不会一直定位。'>
      {value ? (
        <View className='location-field' id='location-recorded'>
          <Text className='visit-form__author'>
            已记录：纬度 {value.latitude}，经度 {value.longitude}
          </Text>
          <BigButton kind='secondary' inline onClick={() => onChange(null)} id='location-remove'>
            不记录位置
          </BigButton>
        </View>
      ) : (
        <BigButton kind='secondary' inline onClick={() => void record()} loading={locating} loadingText='正在定位…' id='location-record'>
          记录当前位置
        </BigButton>
      )}
      {problem ? <Text className='form-field__hint'>{problem}</Text> : null}
    </FormField>
  )
}
