import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { updateProfileSchema, type Me } from '../../../../domain/account'
import { ROLE_LABELS } from '../../../../domain/roles'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { canRetry, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { useWrite } from '../../../hooks/use-write'
import { updateProfile } from '../api'
import { InfoRow } from '../../../components/info-row'

/** Who I am: name (editable), roles, and where I belong. */
export function ProfileCard({ me, onSaved }: { me: Me; onSaved: (me: Me) => void }) {
  const [editing, setEditing] = useState(false)
  return (
    <View className='card' id='profile'>
      {editing ? (
        <NameForm
          initial={me.name}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false)
            onSaved(next)
          }}
        />
      ) : (
        <View className='card__row'>
          <Text className='card__label'>姓名</Text>
          <Text className='card__value' id='profile-name'>
            {me.name || '未填写'}
          </Text>
          <BigButton kind='secondary' inline onClick={() => setEditing(true)} id='edit-name'>
            修改姓名
          </BigButton>
        </View>
      )}
      <InfoRow label='身份' value={me.roles.map((role) => ROLE_LABELS[role]).join('、')} id='profile-roles' />
      {me.village ? <InfoRow label='村（社区）' value={me.village.name} /> : null}
      {me.unit ? <InfoRow label='单位' value={me.unit.name} /> : null}
      <InfoRow label='所在乡镇' value={me.town ? `${me.town.region}${me.town.name}` : '尚未加入乡镇'} />
    </View>
  )
}

function NameForm({ initial, onCancel, onSaved }: { initial: string; onCancel: () => void; onSaved: (me: Me) => void }) {
  const [name, setName] = useState(initial)
  const [fieldError, setFieldError] = useState<string | undefined>()
  const save = useWrite(updateProfile)

  const submit = async () => {
    const errors = fieldErrors(updateProfileSchema, { name })
    setFieldError(errors.name)
    if (errors.name) return
    const reply = await save.run({ name })
    if (reply.ok) {
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved(reply.data)
    } else if (reply.error.field === 'name') {
      setFieldError(reply.error.message)
    }
  }

  return (
    <View>
      <FormField label='姓名' name='name' error={fieldError} hint='请填写真实姓名，方便村里联系您'>
        <Input
          className='text-input'
          value={name}
          maxlength={20}
          placeholder='例如：王秀英'
          onInput={(event) => {
            setName(event.detail.value)
            setFieldError(undefined)
          }}
        />
      </FormField>
      <View className='button-row'>
        <BigButton inline onClick={() => void submit()} loading={save.pending} loadingText='正在保存…' id='save-name'>
          保存
        </BigButton>
        <BigButton inline kind='secondary' onClick={onCancel} disabled={save.pending}>
          取消
        </BigButton>
      </View>
      {save.error && save.error.field !== 'name' ? (
        <InlineError error={save.error} onRetry={canRetry(save.error) ? () => void submit() : undefined} />
      ) : null}
    </View>
  )
}
