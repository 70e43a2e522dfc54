import { Input, Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import type { HouseholdChoice, HouseholdErrors, HouseholdSlotProps } from '../../../../domain/household-choice'
import { maskPhone } from '../../../../domain/phone'
import type { HouseholdView } from '../../../../domain/roster'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { FormField } from '../../../components/form-field'
import { useRegister } from '../hooks/use-register'
import { searchHouseholds } from '../register-cache'
import { RegisterStatus } from './register-status'
import './household-picker.css'

// 入户对象: find the household in the register kept on the phone (works
// without signal), or register a new one with 组 + 门牌号 + 户主.

const MODES = [
  { value: 'registered' as const, label: '从户籍名册选' },
  { value: 'new' as const, label: '新登记一户' },
]

const EMPTY_NEW = { kind: 'new' as const, group: '', door: '', headName: '', phone: '' }

export function HouseholdPicker({ village, value, onChange, errors }: HouseholdSlotProps) {
  const register = useRegister(village.id)
  const mode = value?.kind ?? 'registered'

  return (
    <FormField label='入户对象（哪一户）' name='household' error={errors.household}>
      <ChoiceList
        choices={MODES}
        value={mode}
        idPrefix='household-mode'
        onChange={(next) => {
          if (next !== mode) onChange(next === 'new' ? EMPTY_NEW : null)
        }}
      />
      {value?.kind === 'new' ? (
        <NewHouseholdFields village={village} value={value} onChange={onChange} errors={errors} />
      ) : value?.kind === 'registered' ? (
        <Chosen value={value} households={register.households} onReset={() => onChange(null)} />
      ) : (
        <RegisterSearch households={register.households} onPick={(household) => onChange({ kind: 'registered', ...household })} />
      )}
      <RegisterStatus register={register} />
    </FormField>
  )
}

function Chosen({ value, households, onReset }: { value: { id: string; address: string; headName: string }; households: readonly HouseholdView[]; onReset: () => void }) {
  // A choice restored from a saved record carries only the id: name it from the register.
  const known = value.address ? value : households.find((household) => household.id === value.id)
  return (
    <View className='household-chosen' id='household-chosen'>
      <Text className='household-chosen__address'>{known?.address || '名册中的一户'}</Text>
      {known?.headName ? <Text className='household-chosen__head'>户主：{known.headName}</Text> : null}
      <BigButton kind='secondary' inline onClick={onReset} id='household-change'>
        重新选择
      </BigButton>
    </View>
  )
}

function RegisterSearch({ households, onPick }: { households: readonly HouseholdView[]; onPick: (household: HouseholdView) => void }) {
  const [query, setQuery] = useState('')
  const found = useMemo(() => searchHouseholds(households, query), [households, query])
  return (
    <View className='household-search'>
      <Input
        className='text-input'
        id='household-search'
        value={query}
        maxlength={30}
        placeholder='输入户主姓名、门牌号或电话'
        onInput={(event) => setQuery(event.detail.value)}
      />
      {query.trim() && found.hits.length === 0 ? (
        <Text className='household-search__none'>名册里没有找到，可以换个写法，或选「新登记一户」。</Text>
      ) : null}
      {found.hits.map((household) => (
        <View key={household.id} className='household-hit' id={`household-${household.id}`} onClick={() => onPick(household)}>
          <Text className='household-hit__address'>{household.address}</Text>
          <Text className='household-hit__head'>
            户主：{household.headName}
            {household.phone ? `　${maskPhone(household.phone)}` : ''}
          </Text>
        </View>
      ))}
      {found.more > 0 ? <Text className='household-search__none'>还有 {found.more} 户，请多输入几个字。</Text> : null}
    </View>
  )
}

function NewHouseholdFields({
  village,
  value,
  onChange,
  errors,
}: {
  village: HouseholdSlotProps['village']
  value: Extract<HouseholdChoice, { kind: 'new' }>
  onChange: (value: HouseholdChoice) => void
  errors: HouseholdErrors
}) {
  const set = (field: 'group' | 'door' | 'headName' | 'phone', text: string) => onChange({ ...value, [field]: text })
  return (
    <View className='household-new' id='household-new'>
      <FormField label={village.kind === 'village' ? '组' : '组（社区可不填）'} name='newHousehold-group' error={errors['newHousehold-group']}>
        <Input className='text-input' type='number' maxlength={2} value={value.group} placeholder='例如：3' onInput={(event) => set('group', event.detail.value)} />
      </FormField>
      <FormField label='门牌号' name='newHousehold-door' error={errors['newHousehold-door']} hint='例如：12号；小区写 2栋1单元301'>
        <Input className='text-input' maxlength={60} value={value.door} placeholder='例如：12号' onInput={(event) => set('door', event.detail.value)} />
      </FormField>
      <FormField label='户主姓名' name='newHousehold-headName' error={errors['newHousehold-headName']}>
        <Input className='text-input' maxlength={20} value={value.headName} onInput={(event) => set('headName', event.detail.value)} />
      </FormField>
      <FormField label='户主电话（可不填）' name='newHousehold-phone' error={errors['newHousehold-phone']}>
        <Input className='text-input' type='number' maxlength={13} value={value.phone} onInput={(event) => set('phone', event.detail.value)} />
      </FormField>
    </View>
  )
}
