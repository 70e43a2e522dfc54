import { View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { correctActivitySchema, reachedLabel, type ActivityDetail } from '../../../../domain/activities'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { ErrorView, InlineError } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { TextField } from '../../../components/text-field'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { correctActivity, getActivity } from '../api'
import '../../../components/form-field.css'
import './activities.css'

/**
 * 更正 of a record: its date, count, place name and content, with a reason.
 * What it is (kind, 五进, the key place, photos) stays: a record of another
 * kind is voided and logged again, so a place's coverage follows the photos.
 */
export function CorrectActivity({ activityId, onDone }: { activityId: string; onDone: (changed: boolean) => void }) {
  const detail = useRead(useCallback(() => getActivity(activityId), [activityId]))
  if (detail.error) return <ErrorView error={detail.error} onRetry={detail.reload} retrying={detail.loading} />
  if (!detail.data) return <Loading text='正在打开这条记录…' />
  return <CorrectForm detail={detail.data} onDone={onDone} />
}

function CorrectForm({ detail, onDone }: { detail: ActivityDetail; onDone: (changed: boolean) => void }) {
  const [heldOn, setHeldOn] = useState(detail.heldOn)
  const [reached, setReached] = useState(String(detail.reached))
  const [venue, setVenue] = useState(detail.venue)
  const [note, setNote] = useState(detail.note)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const write = useWrite(correctActivity)
  const payload = {
    activityId: detail.id,
    kind: detail.kind,
    ...(detail.fiveIn ? { fiveIn: detail.fiveIn } : {}),
    heldOn: heldOn.trim(),
    reached: reached.trim() === '' ? Number.NaN : Number(reached),
    venue,
    note,
    reason,
  }
  const save = async () => {
    const found = fieldErrors(correctActivitySchema, payload)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const reply = await write.run(payload)
    if (reply.ok) onDone(true)
    else if (reply.error.field) setErrors({ [reply.error.field]: reply.error.message })
  }
  const placed = write.error && !(write.error.field && errors[write.error.field])
  return (
    <View className='activity-correct' id={`activity-correct-form-${detail.id}`}>
      <TextField label='活动日期' name='correct-heldOn' value={heldOn} maxlength={10} onChange={setHeldOn} error={errors.heldOn} hint='年-月-日' />
      <TextField label={reachedLabel(detail.kind)} name='correct-reached' type='number' value={reached} maxlength={6} onChange={setReached} error={errors.reached} />
      {detail.placeId ? null : <TextField label='活动地点' name='correct-venue' value={venue} maxlength={40} onChange={setVenue} error={errors.venue} />}
      <TextField label='活动内容' name='correct-note' value={note} maxlength={200} onChange={setNote} error={errors.note} />
      <TextField label='更正原因' name='correct-reason' value={reason} maxlength={100} placeholder='如：人数记错了' onChange={setReason} error={errors.reason} />
      <BigButton onClick={() => void save()} loading={write.pending} loadingText='正在更正…' id={`activity-correct-save-${detail.id}`}>
        保存更正
      </BigButton>
      <BigButton kind='secondary' onClick={() => onDone(false)}>
        取消
      </BigButton>
      {placed && write.error ? <InlineError error={write.error} /> : null}
    </View>
  )
}
