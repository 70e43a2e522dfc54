import { Input, Text, View } from '@tarojs/components'
import { IDENTIFIER_KINDS, MAX_IDENTIFIERS, type IdentifierKind } from '../../../../domain/tip-identifiers'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { FormField } from '../../../components/form-field'
import './tips.css'

export type IdentifierRow = { kind: IdentifierKind; value: string }

const KIND_CHOICES = IDENTIFIER_KINDS.map((kind) => ({ value: kind.key, label: kind.label }))

/** 对方的号码或账号: several, each with its kind, each checked by its kind's rule. */
export function IdentifierList({
  rows,
  onChange,
  errors,
  error,
}: {
  rows: IdentifierRow[]
  /** A change to the rows as they are then (taps may come faster than renders). */
  onChange: (change: (rows: IdentifierRow[]) => IdentifierRow[]) => void
  /** By row: the message for that row's value (identifiers.N.value). */
  errors: Record<number, string | undefined>
  error?: string
}) {
  const set = (index: number, row: Partial<IdentifierRow>) => onChange((current) => current.map((old, at) => (at === index ? { ...old, ...row } : old)))
  return (
    <FormField label='对方的电话、微信号、银行卡号、网址（可不填）' name='identifiers' error={error} hint='知道几个填几个，民警会据此查找。'>
      {rows.map((row, index) => {
        const kind = IDENTIFIER_KINDS.find((candidate) => candidate.key === row.kind) ?? IDENTIFIER_KINDS[0]
        return (
          <View key={index} className={`tip-identifier${errors[index] ? ' tip-identifier--invalid' : ''}`} id={`field-identifier-${index}`}>
            <ChoiceList choices={KIND_CHOICES} value={row.kind} onChange={(next) => set(index, { kind: next })} idPrefix={`identifier-${index}-kind`} />
            <Input
              className='text-input'
              id={`identifier-${index}-value`}
              value={row.value}
              maxlength={row.kind === 'url' ? 500 : 40}
              type={row.kind === 'qq' ? 'number' : 'text'}
              placeholder={kind.placeholder}
              onInput={(event) => set(index, { value: event.detail.value })}
            />
            {errors[index] ? (
              <Text className='tip-identifier__error' id={`field-identifier-${index}-error`}>
                {errors[index]}
              </Text>
            ) : null}
            <BigButton kind='secondary' inline id={`identifier-${index}-remove`} onClick={() => onChange((current) => current.filter((_, at) => at !== index))}>
              删除这一行
            </BigButton>
          </View>
        )
      })}
      {rows.length < MAX_IDENTIFIERS ? (
        <BigButton kind='secondary' inline id='identifier-add' onClick={() => onChange((current) => (current.length < MAX_IDENTIFIERS ? [...current, { kind: 'phone', value: '' }] : current))}>
          ＋ 添加号码或账号
        </BigButton>
      ) : null}
    </FormField>
  )
}
