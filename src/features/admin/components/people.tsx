import { Input, Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { PlaceRef } from '../../../../domain/account'
import { setRolesSchema, staffRolesOf, type UserPage, type UserView } from '../../../../domain/admin'
import { formatShanghai } from '../../../../domain/dates'
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../../../domain/roles'
import { BigButton } from '../../../components/big-button'
import { CheckList } from '../../../components/check-list'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { Loading } from '../../../components/loading'
import { TextField } from '../../../components/text-field'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { fieldErrors } from '../../../../domain/validate'
import { listUsers, setRoles } from '../api'
import './admin.css'

type RoleFilter = StaffRole | 'all'

/**
 * 人员管理: the town's staff (or anyone, by name), their roles, where they
 * work and when they last opened the app; office changes or takes away a role.
 * New roles are granted with invite codes (the page links there).
 */
export function People({ villages, units }: { villages: PlaceRef[]; units: PlaceRef[] }) {
  const [query, setQuery] = useState('')
  const [submitted, setSubmitted] = useState('')
  const [role, setRole] = useState<RoleFilter>('all')
  const [editing, setEditing] = useState<string | null>(null)
  const [more, setMore] = useState<UserView[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const load = useCallback(() => listUsers({ query: submitted || undefined, role: role === 'all' ? undefined : role }), [submitted, role])
  const read = useRead(load)
  const page: UserPage | null = read.data

  const users = page ? [...page.users, ...more] : []
  const nextCursor = cursor ?? page?.nextCursor ?? null
  const loadMore = async () => {
    if (!nextCursor) return
    const reply = await listUsers({ query: submitted || undefined, role: role === 'all' ? undefined : role, cursor: nextCursor })
    if (reply.ok) {
      setMore([...more, ...reply.data.users])
      setCursor(reply.data.nextCursor ?? '')
    }
  }
  const replace = (user: UserView) => {
    read.setData((current) => (current ? { ...current, users: current.users.map((entry) => (entry.id === user.id ? user : entry)) } : current))
    setMore(more.map((entry) => (entry.id === user.id ? user : entry)))
    setEditing(null)
  }

  return (
    <View id='people'>
      <View className='admin-row'>
        <Input className='text-input' id='people-query' value={query} maxlength={20} placeholder='输入姓名查找' onInput={(event) => setQuery(event.detail.value)} onConfirm={() => setSubmitted(query.trim())} />
        <BigButton kind='secondary' inline id='people-search' onClick={() => setSubmitted(query.trim())}>
          查找
        </BigButton>
      </View>
      <ChoiceList
        choices={[{ value: 'all' as RoleFilter, label: '全部工作人员' }, ...STAFF_ROLES.map((value) => ({ value: value as RoleFilter, label: ROLE_LABELS[value] }))]}
        value={role}
        onChange={(next) => {
          setRole(next)
          setMore([])
          setCursor(null)
        }}
        idPrefix='people-role'
      />
      {read.error && !page ? <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} /> : null}
      {!page && !read.error ? <Loading /> : null}
      {page && users.length === 0 ? <EmptyView text={submitted ? `没有找到姓名含“${submitted}”的人。` : '还没有工作人员。'} /> : null}
      {users.map((user) =>
        editing === user.id ? (
          <RoleEditor key={user.id} user={user} villages={villages} units={units} onSaved={replace} onCancel={() => setEditing(null)} />
        ) : (
          <View key={user.id} className='card admin-card' id={`person-${user.id}`}>
            <Text className='admin-card__title'>{user.name}</Text>
            <Text className='admin-line'>{staffRolesOf(user.roles).map((entry) => ROLE_LABELS[entry]).join('、') || '群众'}</Text>
            {user.village ? <Text className='admin-line'>村（社区）：{user.village.name}</Text> : null}
            {user.unit ? <Text className='admin-line'>单位：{user.unit.name}</Text> : null}
            <Text className='admin-line muted'>最近使用：{user.lastSeenAt ? formatShanghai(new Date(user.lastSeenAt), 'YYYY-MM-DD HH:mm') : '不详'}</Text>
            {user.self ? (
              <Text className='admin-line muted'>这是你自己：角色请由另一位镇反诈办同事修改。</Text>
            ) : (
              <BigButton kind='secondary' inline id={`person-edit-${user.id}`} onClick={() => setEditing(user.id)}>
                修改角色
              </BigButton>
            )}
          </View>
        ),
      )}
      {nextCursor ? (
        <BigButton kind='secondary' id='people-more' onClick={() => void loadMore()}>
          加载更多
        </BigButton>
      ) : null}
    </View>
  )
}

function RoleEditor({ user, villages, units, onSaved, onCancel }: { user: UserView; villages: PlaceRef[]; units: PlaceRef[]; onSaved: (user: UserView) => void; onCancel: () => void }) {
  const [roles, setRolesState] = useState<StaffRole[]>(staffRolesOf(user.roles))
  const [villageId, setVillageId] = useState(user.village?.id ?? '')
  const [unitId, setUnitId] = useState(user.unit?.id ?? '')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const write = useWrite(setRoles)
  const payload = { userId: user.id, roles, villageId: villageId || null, unitId: unitId || null, reason }
  const save = async () => {
    const problems = fieldErrors(setRolesSchema, payload)
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    const reply = await write.run(payload)
    if (reply.ok) onSaved(reply.data)
    else if (reply.error.field) setErrors({ [reply.error.field]: reply.error.message })
  }
  return (
    <View className='card admin-card' id={`role-editor-${user.id}`}>
      <Text className='admin-card__title'>{user.name}</Text>
      <FormField label='角色（都不勾就是普通群众）' name='roles' error={errors.roles}>
        <CheckList choices={STAFF_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))} values={roles} onChange={setRolesState} idPrefix='role' />
      </FormField>
      {roles.includes('cadre') ? (
        <FormField label='所在村（社区）' name='villageId' error={errors.villageId}>
          <ChoiceList choices={villages.map((place) => ({ value: place.id, label: place.name }))} value={villageId} onChange={setVillageId} idPrefix='role-village' />
        </FormField>
      ) : null}
      {roles.includes('unit_head') ? (
        <FormField label='单位' name='unitId' error={errors.unitId}>
          <ChoiceList choices={units.map((place) => ({ value: place.id, label: place.name }))} value={unitId} onChange={setUnitId} idPrefix='role-unit' />
        </FormField>
      ) : null}
      <TextField label='原因（记入操作记录，可不填）' name='role-reason' value={reason} maxlength={50} onChange={setReason} error={errors.reason} />
      {write.error && !write.error.field ? <InlineError error={write.error} /> : null}
      <View className='admin-actions'>
        <BigButton inline loading={write.pending} loadingText='正在保存…' id={`role-editor-${user.id}-save`} onClick={() => void save()}>
          保存
        </BigButton>
        <BigButton kind='secondary' inline onClick={onCancel}>
          取消
        </BigButton>
      </View>
    </View>
  )
}
