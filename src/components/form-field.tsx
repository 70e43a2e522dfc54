import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './form-field.css'

export interface FormFieldProps {
  label: string
  /** The schema's Chinese message for this field, shown right under the input. */
  error?: string
  hint?: string
  children: ReactNode
  /** Names the field in tests and in the error's DOM id. */
  name: string
}

export function FormField({ label, error, hint, children, name }: FormFieldProps) {
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}`} id={`field-${name}`}>
      <Text className='form-field__label'>{label}</Text>
      {children}
      {hint && !error ? <Text className='form-field__hint'>{hint}</Text> : null}
      {error ? (
        <Text className='form-field__error' id={`field-${name}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
