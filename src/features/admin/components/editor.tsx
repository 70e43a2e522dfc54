import { View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type * as v from 'valibot'
import type { TownSetup } from '../../../../domain/admin'
import type { Reply, ReplyError } from '../../../../domain/errors'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { InlineError } from '../../../components/error-view'
import { useWrite } from '../../../hooks/use-write'
import './admin.css'

/**
 * What every town-setup editor shares: check the payload with the function's
 * own schema (the message shows under its field), send it once per attempt,
 * and hand the new setup back; a refusal shows under its field too.
 */
export function useEditor<S extends v.GenericSchema>(schema: S, send: (payload: v.InferInput<S>, requestId: string) => Promise<Reply<TownSetup>>, onSaved: (setup: TownSetup) => void) {
  const write = useWrite(send)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const save = async (payload: v.InferInput<S>) => {
    const problems = fieldErrors(schema, payload)
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    const reply = await write.run(payload)
    if (reply.ok) onSaved(reply.data)
    else if (reply.error.field) setErrors({ [reply.error.field]: reply.error.message })
  }
  const unplaced = write.error && !write.error.field ? write.error : null
  return { save, errors, pending: write.pending, unplaced }
}

/** An editor's card: its fields, what went wrong, 保存 and 取消. */
export function EditorFrame({
  id,
  children,
  onSave,
  onCancel,
  pending,
  error,
  extra,
}: {
  id: string
  children: ReactNode
  onSave: () => void
  onCancel: () => void
  pending: boolean
  error: ReplyError | null
  /** e.g. a remove button. */
  extra?: ReactNode
}) {
  return (
    <View className='card admin-card' id={id}>
      {children}
      {error ? <InlineError error={error} /> : null}
      <View className='admin-actions'>
        <BigButton inline loading={pending} loadingText='正在保存…' id={`${id}-save`} onClick={onSave}>
          保存
        </BigButton>
        <BigButton kind='secondary' inline id={`${id}-cancel`} onClick={onCancel}>
          取消
        </BigButton>
        {extra}
      </View>
    </View>
  )
}
