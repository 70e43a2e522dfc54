import { Input, Picker, Text, View } from '@tarojs/components'
import { addDays } from '../../../../domain/dates'
import { VISIT_ITEM_LABELS, VISIT_ITEMS, type VisitItem } from '../../../../domain/visits'
import { BigButton } from '../../../components/big-button'
import { CheckList } from '../../../components/check-list'
import { ChoiceList } from '../../../components/choice-list'
import { FormField } from '../../../components/form-field'
import { MAX_COWORKERS } from '../form/visit-draft'
import './visit-form.css'
import '../../../components/form-field.css'

// Fields shared by the new-visit form and the correction form.

export function CoworkersField({
  authorName,
  coworkers,
  onChange,
  error,
}: {
  /** The cadre logging the visit; null in a correction, where the staff are already known. */
  authorName: string | null
  coworkers: string[]
  onChange: (coworkers: string[]) => void
  error?: string
}) {
  return (
    <FormField label='工作人员' name='coworkers' error={error} hint={`同行人员最多${MAX_COWORKERS}人，可不填`}>
      {authorName !== null ? <Text className='visit-form__author'>记录人：{authorName || '（未填写姓名，请到「我的」填写）'}</Text> : null}
      {coworkers.map((name, index) => (
        <View key={index} className='coworker-row'>
          <Input
            className='text-input coworker-row__input'
            id={`coworker-${index}`}
            value={name}
            maxlength={20}
            placeholder={`同行人员${index + 1}的姓名`}
            onInput={(event) => onChange(coworkers.map((current, at) => (at === index ? event.detail.value : current)))}
          />
          <BigButton kind='secondary' inline onClick={() => onChange(coworkers.filter((_, at) => at !== index))}>
            删除
          </BigButton>
        </View>
      ))}
      {coworkers.length < MAX_COWORKERS ? (
        <BigButton kind='secondary' inline id='coworker-add' onClick={() => onChange([...coworkers, ''])}>
          ＋ 添加同行人员
        </BigButton>
      ) : null}
    </FormField>
  )
}

export function DateField({
  value,
  today,
  earliest,
  onChange,
  error,
}: {
  value: string
  today: string
  /** The campaign's first day: the picker offers nothing earlier. */
  earliest: string | null
  onChange: (day: string) => void
  error?: string
}) {
  const quick = [
    { value: today, label: `今天 ${today.slice(5)}` },
    { value: addDays(today, -1), label: '昨天' },
    { value: addDays(today, -2), label: '前天' },
  ].filter((choice) => !earliest || choice.value >= earliest)
  const isQuick = quick.some((choice) => choice.value === value)
  return (
    <FormField label='日期' name='visitedOn' error={error}>
      <ChoiceList choices={quick} value={isQuick ? value : undefined} onChange={onChange} idPrefix='visit-date' />
      <Picker mode='date' value={value} start={earliest ?? undefined} end={today} onChange={(event) => onChange(String(event.detail.value))}>
        <View className='form-field__picker' id='visit-date-other'>
          <Text>{isQuick ? '其他日期 ›' : `已选：${value}（点此修改）`}</Text>
        </View>
      </Picker>
    </FormField>
  )
}

const ITEM_CHOICES = VISIT_ITEMS.map((item) => ({ value: item, label: VISIT_ITEM_LABELS[item] }))
const OTHER = [{ value: 'other' as const, label: '其他' }]

export function ContentField({
  items,
  otherChecked,
  otherContent,
  onChange,
  error,
}: {
  items: VisitItem[]
  otherChecked: boolean
  otherContent: string
  onChange: (next: { items?: VisitItem[]; otherChecked?: boolean; otherContent?: string }) => void
  error?: string
}) {
  return (
    <FormField label='入户内容（可多选）' name='items' error={error}>
      <CheckList choices={ITEM_CHOICES} values={items} onChange={(next) => onChange({ items: next })} idPrefix='visit-item' />
      <CheckList
        choices={OTHER}
        values={otherChecked ? ['other'] : []}
        onChange={(next) => onChange({ otherChecked: next.length > 0, otherContent: next.length > 0 ? otherContent : '' })}
        idPrefix='visit-item'
      />
      {otherChecked ? (
        <Input
          className='text-input'
          id='visit-other-content'
          value={otherContent}
          maxlength={100}
          placeholder='其他入户内容，例如：一标三实信息采集'
          onInput={(event) => onChange({ otherContent: event.detail.value })}
        />
      ) : null}
    </FormField>
  )
}

export function PhoneField({
  phone,
  declined,
  reason,
  onChange,
  errors,
}: {
  phone: string
  declined: boolean
  reason: string
  onChange: (next: { phone?: string; phoneDeclined?: boolean; phoneDeclinedReason?: string }) => void
  errors: { phone?: string; phoneDeclinedReason?: string }
}) {
  return (
    <View>
      <FormField label='联系电话' name='phone' error={errors.phone}>
        {declined ? null : (
          <Input
            className='text-input'
            id='visit-phone'
            type='number'
            maxlength={13}
            value={phone}
            placeholder='手机号或座机号'
            onInput={(event) => onChange({ phone: event.detail.value })}
          />
        )}
        <CheckList
          choices={[{ value: 'declined' as const, label: '对方不愿留电话' }]}
          values={declined ? ['declined'] : []}
          onChange={(next) => onChange({ phoneDeclined: next.length > 0 })}
          idPrefix='visit-phone'
        />
      </FormField>
      {declined ? (
        <FormField label='不留电话的原因' name='phoneDeclinedReason' error={errors.phoneDeclinedReason}>
          <Input
            className='text-input'
            id='visit-phone-reason'
            value={reason}
            maxlength={50}
            placeholder='例如：老人没有手机'
            onInput={(event) => onChange({ phoneDeclinedReason: event.detail.value })}
          />
        </FormField>
      ) : null}
    </View>
  )
}
