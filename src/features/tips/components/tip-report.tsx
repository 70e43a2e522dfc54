import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { Me } from '../../../../domain/account'
import { shanghaiDay } from '../../../../domain/dates'
import type { ReplyError } from '../../../../domain/errors'
import { newRequestId } from '../../../services/cloud'
import { useRead } from '../../../hooks/use-read'
import { getTipForm } from '../api'
import { emptyTipDraft, toTipInput, type TipDraft } from '../form/tip-draft'
import { useSending } from '../hooks/use-sending'
import { draftStore } from '../phone-store'
import { SendingCard } from './sending-card'
import { TipForm } from './tip-form'

/**
 * 网上举报 on the 举报 tab: the form (its draft kept on the phone), and once
 * sent, what became of the tip. A tip still on its way keeps the form closed,
 * so one tip is never sent twice by mistake.
 */
export function TipReport({ me }: { me: Me }) {
  const today = shanghaiDay()
  const form = useRead(getTipForm)
  const sending = useSending()
  const [initial, setInitial] = useState<TipDraft>(() => draftStore.load() ?? emptyTipDraft(newRequestId(), today))
  // A new form after each tip sent: a fresh requestId, nothing carried over.
  const [formKey, setFormKey] = useState(0)

  const submit = useCallback(
    async (draft: TipDraft): Promise<ReplyError | null> => {
      const reply = await sending.start(draft.requestId, toTipInput(draft), draft.images)
      if (!reply.ok && reply.error.code !== 'NETWORK' && reply.error.code !== 'INTERNAL' && reply.error.code !== 'RATE_LIMITED') return reply.error
      // The card that says what became of the tip (and shows its receipt code) is above the form: go up to it.
      void Taro.pageScrollTo({ selector: '#tip-report', duration: 200 }).catch(() => undefined)
      // Sent, or kept on the phone to send again: either way the draft has become the sending.
      draftStore.clear()
      const next = emptyTipDraft(newRequestId(), today)
      setInitial(next)
      setFormKey((key) => key + 1)
      return null
    },
    [sending, today],
  )

  return (
    <View id='tip-report'>
      <SendingCard state={sending} />
      {sending.sending ? null : (
        <TipForm
          key={formKey}
          initial={initial}
          today={today}
          hotlines={me.town?.hotlines ?? []}
          villages={form.data?.villages ?? []}
          userName={me.name}
          submitting={sending.busy}
          onSubmit={submit}
        />
      )}
    </View>
  )
}
