import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import { createInviteSchema, type CreateInviteInput, type Directory, type InviteView } from '../../../../domain/account'
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../../../domain/roles'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { canRetry, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { useWrite } from '../../../hooks/use-write'
import { createInvite } from '../api'

const ROLE_CHOICES = STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))
const DAY_CHOICES = [1, 3, 7, 15, 30].map((days) => ({ value: days, label: `${days}天` }))

/** The office issues one invite: which role, where (village or unit), how long, a note. */
export function CreateInviteForm({ directory, onCreated }: { directory: Directory; onCreated: (invite: InviteView) => void }) {
  const [role, setRole] = useState<StaffRole | undefined>()
  const [villageId, setVillageId] = useState<string | undefined>()
  const [unitId, setUnitId] = useState<string | undefined>()
  const [validDays, setValidDays] = useState(7)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const create = useWrite(createInvite)

  // Only the place the role needs goes to the server.
  const input = {
    role,
    ...(role === 'cadre' ? { villageId } : {}),
    ...(role === 'unit_head' ? { unitId } : {}),
    validDays,
    note,
  }

  const submit = async () => {
    const found = fieldErrors(createInviteSchema, input)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const reply = await create.run(input as CreateInviteInput)
    if (reply.ok) {
      setNote('')
      onCreated(reply.data)
    } else if (reply.error.field) {
      setErrors({ [reply.error.field]: reply.error.message })
    }
  }

  const clear = (field: string) => setErrors((current) => ({ ...current, [field]: '' }))

  return (
    <View className='card' id='create-invite'>
      <FormField label='身份' name='role' error={errors.role}>
        <ChoiceList
          choices={ROLE_CHOICES}
          idPrefix='invite-role'
          value={role}
          onChange={(next) => {
            setRole(next)
            clear('role')
          }}
        />
      </FormField>
      {role === 'cadre' ? (
        <FormField label='所在村（社区）' name='villageId' error={errors.villageId}>
          {directory.villages.length > 0 ? (
            <ChoiceList
              choices={directory.villages.map((village) => ({ value: village.id, label: village.name }))}
              value={villageId}
              onChange={(next) => {
                setVillageId(next)
                clear('villageId')
              }}
            />
          ) : (
            <EmptyView text='本镇还没有登记村（社区），请先导入村（社区）名单。' />
          )}
        </FormField>
      ) : null}
      {role === 'unit_head' ? (
        <FormField label='所在单位' name='unitId' error={errors.unitId}>
          {directory.units.length > 0 ? (
            <ChoiceList
              choices={directory.units.map((unit) => ({ value: unit.id, label: unit.name }))}
              value={unitId}
              onChange={(next) => {
                setUnitId(next)
                clear('unitId')
              }}
            />
          ) : (
            <EmptyView text='本镇还没有登记单位，请先导入单位名单。' />
          )}
        </FormField>
      ) : null}
      <FormField label='有效天数' name='validDays' error={errors.validDays} hint='过期后邀请码自动失效'>
        <ChoiceList choices={DAY_CHOICES} value={validDays} onChange={setValidDays} />
      </FormField>
      <FormField label='备注（可不填）' name='note' error={errors.note} hint='例如：发给谁，方便以后查找'>
        <Input
          className='text-input'
          value={note}
          maxlength={50}
          placeholder='例如：李家村 张书记'
          onInput={(event) => {
            setNote(event.detail.value)
            clear('note')
          }}
        />
      </FormField>
      <BigButton onClick={() => void submit()} loading={create.pending} loadingText='正在生成…' id='create-invite-submit'>
        生成邀请码
      </BigButton>
      {create.error && !create.error.field ? (
        <InlineError error={create.error} onRetry={canRetry(create.error) ? () => void submit() : undefined} />
      ) : null}
    </View>
  )
}
