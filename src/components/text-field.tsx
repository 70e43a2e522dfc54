import { Input } from '@tarojs/components'
import { FormField } from './form-field'

/** A labelled one-line input with its error right under it (the schema's Chinese message). */
export function TextField({
  label,
  name,
  value,
  onChange,
  error,
  maxlength,
  placeholder,
  hint,
  type = 'text',
}: {
  label: string
  name: string
  value: string
  onChange: (value: string) => void
  error?: string
  maxlength: number
  placeholder?: string
  hint?: string
  type?: 'text' | 'number' | 'digit'
}) {
  return (
    <FormField label={label} name={name} error={error} hint={hint}>
      <Input className='text-input' id={`input-${name}`} type={type} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(event) => onChange(event.detail.value)} />
    </FormField>
  )
}
