import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { shanghaiDay } from '../../../../domain/dates'
import { fieldErrors } from '../../../../domain/validate'
import { correctVisitSchema, visitDateProblem, type VisitDetail, type VisitItem } from '../../../../domain/visits'
import { BigButton } from '../../../components/big-button'
import { canRetry, InlineError } from '../../../components/error-view'
import { useWrite } from '../../../hooks/use-write'
import { correctVisit, type CorrectVisitInput } from '../api'
import { TextField } from '../../../components/text-field'
import { ContentField, CoworkersField, DateField, PhoneField } from './visit-fields'

/** Fields of a correction's errors, as its inputs are named. */
function fieldName(path: string): string {
  const head = path.split('.')[0]
  return head === 'otherContent' ? 'items' : head
}

/** 更正: the same fields as the paper form, and why they changed. The household and the signature stay. */
export function CorrectForm({ visit, onDone, onCancel }: { visit: VisitDetail; onDone: (visit: VisitDetail) => void; onCancel: () => void }) {
  const [form, setForm] = useState({
    unitName: visit.unitName,
    coworkers: visit.coworkers,
    visitedOn: visit.visitedOn,
    items: visit.items as VisitItem[],
    otherChecked: Boolean(visit.otherContent),
    otherContent: visit.otherContent,
    residentName: visit.residentName,
    phone: visit.phone,
    phoneDeclined: !visit.phone,
    phoneDeclinedReason: visit.phoneDeclinedReason,
    reason: '',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const write = useWrite(correctVisit)
  const today = shanghaiDay()

  const update = (patch: Partial<typeof form>, ...fields: string[]) => {
    setForm((current) => ({ ...current, ...patch }))
    setErrors((current) => {
      const next = { ...current }
      for (const field of fields) delete next[field]
      return next
    })
  }

  const input: CorrectVisitInput = {
    visitId: visit.id,
    unitName: form.unitName,
    coworkers: form.coworkers.map((name) => name.trim()).filter(Boolean),
    visitedOn: form.visitedOn,
    items: form.items,
    otherContent: form.otherChecked ? form.otherContent : '',
    residentName: form.residentName,
    phone: form.phoneDeclined ? '' : form.phone,
    phoneDeclinedReason: form.phoneDeclined ? form.phoneDeclinedReason : '',
    reason: form.reason,
  }

  const submit = async () => {
    const found: Record<string, string> = {}
    for (const [path, message] of Object.entries(fieldErrors(correctVisitSchema, input))) found[fieldName(path)] ??= message
    if (!found.visitedOn && form.visitedOn !== visit.visitedOn) {
      const problem = visitDateProblem(form.visitedOn, today, null)
      if (problem) found.visitedOn = problem
    }
    if (form.phoneDeclined && found.phone && !found.phoneDeclinedReason) {
      found.phoneDeclinedReason = found.phone
      delete found.phone
    }
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const reply = await write.run(input)
    if (reply.ok) {
      void Taro.showToast({ title: '已更正', icon: 'success' }).catch(() => undefined)
      onDone(reply.data)
    } else if (reply.error.field) {
      setErrors({ [fieldName(reply.error.field)]: reply.error.message })
    }
  }

  return (
    <View className='card' id='correct-form'>
      <TextField label='单位' name='unitName' value={form.unitName} maxlength={40} error={errors.unitName} onChange={(unitName) => update({ unitName }, 'unitName')} />
      <CoworkersField authorName={null} coworkers={form.coworkers} error={errors.coworkers} onChange={(coworkers) => update({ coworkers }, 'coworkers')} />
      <DateField value={form.visitedOn} today={today} earliest={null} error={errors.visitedOn} onChange={(visitedOn) => update({ visitedOn }, 'visitedOn')} />
      <ContentField
        items={form.items}
        otherChecked={form.otherChecked}
        otherContent={form.otherContent}
        error={errors.items}
        onChange={(patch) => update(patch, 'items')}
      />
      <TextField label='入户对象姓名' name='residentName' value={form.residentName} maxlength={20} error={errors.residentName} onChange={(residentName) => update({ residentName }, 'residentName')} />
      <PhoneField
        phone={form.phone}
        declined={form.phoneDeclined}
        reason={form.phoneDeclinedReason}
        errors={{ phone: errors.phone, phoneDeclinedReason: errors.phoneDeclinedReason }}
        onChange={(patch) => update(patch, 'phone', 'phoneDeclinedReason')}
      />
      <TextField
        label='更正原因'
        name='reason'
        value={form.reason}
        maxlength={100}
        placeholder='例如：电话号码记错了一位'
        error={errors.reason}
        onChange={(reason) => update({ reason }, 'reason')}
      />
      <View className='button-row'>
        <BigButton inline onClick={() => void submit()} loading={write.pending} loadingText='正在提交…' id='correct-submit'>
          提交更正
        </BigButton>
        <BigButton inline kind='secondary' onClick={onCancel} disabled={write.pending}>
          取消
        </BigButton>
      </View>
      {write.error && !write.error.field ? <InlineError error={write.error} onRetry={canRetry(write.error) ? () => void submit() : undefined} /> : null}
    </View>
  )
}
