import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { fieldErrors } from '../../../../domain/validate'
import { voidVisitSchema, type VisitDetail } from '../../../../domain/visits'
import { BigButton } from '../../../components/big-button'
import { canRetry, InlineError } from '../../../components/error-view'
import { useWrite } from '../../../hooks/use-write'
import { voidVisit } from '../api'
import { TextField } from '../../../components/text-field'

/** 作废: a reason, a confirmation, and the record stops counting towards coverage. */
export function VoidForm({ visitId, onDone, onCancel }: { visitId: string; onDone: (visit: VisitDetail) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const write = useWrite(voidVisit)

  const submit = async () => {
    const found = fieldErrors(voidVisitSchema, { visitId, reason })
    setError(found.reason)
    if (found.reason) return
    const answer = await Taro.showModal({
      title: '作废这条记录',
      content: '作废后这一户不再计入入户进度（如有其他有效记录仍计入）。确定作废吗？',
      confirmText: '作废',
      confirmColor: '#b71c1c',
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    const reply = await write.run({ visitId, reason })
    if (reply.ok) {
      void Taro.showToast({ title: '已作废', icon: 'success' }).catch(() => undefined)
      onDone(reply.data)
    } else if (reply.error.field === 'reason') {
      setError(reply.error.message)
    }
  }

  return (
    <View className='card' id='void-form'>
      <TextField
        label='作废原因'
        name='voidReason'
        value={reason}
        maxlength={100}
        placeholder='例如：重复登记'
        error={error}
        onChange={(next) => {
          setReason(next)
          setError(undefined)
        }}
      />
      <View className='button-row'>
        <BigButton inline kind='danger' onClick={() => void submit()} loading={write.pending} loadingText='正在作废…' id='void-submit'>
          确认作废
        </BigButton>
        <BigButton inline kind='secondary' onClick={onCancel} disabled={write.pending}>
          取消
        </BigButton>
      </View>
      {write.error && write.error.field !== 'reason' ? <InlineError error={write.error} onRetry={canRetry(write.error) ? () => void submit() : undefined} /> : null}
    </View>
  )
}
