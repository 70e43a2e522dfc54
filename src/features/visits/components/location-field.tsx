import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { BigButton } from '../../../components/big-button'
import { FormField } from '../../../components/form-field'
import '../../../components/form-field.css'
import './visit-form.css'

export interface Position {
  latitude: number
  longitude: number
}

type Located = { ok: true; position: Position } | { ok: false; message: string }

const DENIED = '没有得到位置权限，本次不记录位置；不影响保存。'
const FAILED = '没有获取到位置（可能信号弱），可以不记录位置，直接保存。'

// About 1 m: enough to show the cadre was at the door, no more precise than that.
const round = (value: number) => Math.round(value * 1e5) / 1e5

/**
 * Asks for the position only now, after the user tapped: on weapp first
 * through WeChat's privacy agreement (requirePrivacyAuthorize, where the base
 * library has it), then getLocation; on H5 the browser's own prompt.
 */
async function locate(): Promise<Located> {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return { ok: false, message: '这个浏览器不能获取位置；不影响保存。' }
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (found) => resolve({ ok: true, position: { latitude: round(found.coords.latitude), longitude: round(found.coords.longitude) } }),
        (problem) => resolve({ ok: false, message: problem.code === 1 ? DENIED : FAILED }),
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      )
    })
  }
  if (typeof Taro.requirePrivacyAuthorize === 'function') {
    const agreed = await new Promise<boolean>((resolve) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
    })
    if (!agreed) return { ok: false, message: '您没有同意隐私保护指引，本次不记录位置；不影响保存。' }
  }
  try {
    const found = await Taro.getLocation({ type: 'gcj02' })
    return { ok: true, position: { latitude: round(found.latitude), longitude: round(found.longitude) } }
  } catch (problem) {
    const message = problem && typeof problem === 'object' && 'errMsg' in problem ? String(problem.errMsg) : ''
    return { ok: false, message: /auth|deny|denied|privacy/i.test(message) ? DENIED : FAILED }
  }
}

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
