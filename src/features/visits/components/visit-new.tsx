import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { VisitFormContext } from '../../../../domain/visits'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { openPage } from '../../../services/navigation'
import { keepFile } from '../../../services/upload'
import { queueVisit, type VisitFile } from '../api'
import { emptyDraft, nextDraft, toPayload, visitLabel, type VisitDraft } from '../form/visit-draft'
import { useFormContext } from '../hooks/use-form-context'
import { useQueue, type QueueState } from '../hooks/use-queue'
import { KEPT_ON_PHONE, OUTBOX_PATH, QueueBar } from './queue-bar'
import type { SignaturePadHandle } from './signature-pad'
import type { HouseholdSlotProps } from '../../../../domain/household-choice'
import { VisitForm, type SubmitOutcome } from './visit-form'
import './queue.css'
import './visit-form.css'

// 入户登记: saving never waits for the network. The record goes into the
// phone's queue with its requestId and the signature kept as a file; the
// queue uploads the image, then creates the visit, now or when signal returns.

export function VisitNew({ renderHousehold }: { renderHousehold: (props: HouseholdSlotProps) => ReactNode }) {
  const form = useFormContext()
  const queue = useQueue()
  const [saved, setSaved] = useState<{ requestId: string; label: string } | null>(null)

  if (!form.context) {
    if (form.error) {
      const message = form.error.code === 'NETWORK' ? { ...form.error, message: '第一次使用入户登记需要联网一次，之后没有信号也能登记。请联网后重试。' } : form.error
      return <ErrorView error={message} onRetry={form.error.code === 'FORBIDDEN' ? undefined : form.reload} retrying={form.loading} />
    }
    return <Loading />
  }
  const context = form.context

  const save = async (draft: VisitDraft, pad: SignaturePadHandle | null): Promise<SubmitOutcome> => {
    const files: VisitFile[] = []
    if (draft.signatureKind !== 'refused') {
      try {
        if (!pad) throw new Error('no pad')
        files.push({ slot: 'signature', localPath: await keepFile(await pad.exportImage()) })
      } catch {
        return { ok: false, errors: { signature: '签名没能保存到手机上（可能存储空间不足），请清理空间后再试一次' } }
      }
    }
    if (draft.photoPath) {
      try {
        files.push({ slot: 'photo', localPath: await keepFile(draft.photoPath) })
      } catch {
        return { ok: false, errors: { photo: '照片没能保存到手机上，请删除照片或重新拍摄' } }
      }
    }
    const label = visitLabel(draft, context.village)
    const requestId = queueVisit(toPayload(draft, context.village.id), files, { uploaderId: context.uploaderId, label })
    // No toast: the card above the form says 已保存 and what became of the record.
    setSaved({ requestId, label })
    return { ok: true, next: nextDraft(draft, context) }
  }

  const blocked = form.fresh && !context.campaign
  return (
    <View>
      <QueueBar queue={queue} onOpenOutbox={() => openPage(OUTBOX_PATH)} />
      {!form.fresh && form.error ? (
        <View className='notice' id='visit-offline'>
          <Text>现在连不上网络，用的是手机上保存的信息。可以照常登记，记录会在有信号时自动上传。</Text>
        </View>
      ) : null}
      <Campaign context={context} blocked={blocked} />
      {saved ? <SavedNotice saved={saved} queue={queue} /> : null}
      {blocked ? null : (
        <VisitForm
          key={context.village.id}
          village={context.village}
          authorName={context.authorName}
          today={form.today}
          campaignStart={context.campaign?.startDay ?? null}
          initial={emptyDraft(context, form.today)}
          submitText='保存这一户'
          submittingText='正在保存…'
          renderHousehold={renderHousehold}
          onSubmit={save}
        />
      )}
    </View>
  )
}

function Campaign({ context, blocked }: { context: VisitFormContext; blocked: boolean }) {
  if (context.campaign) {
    return (
      <View className='card visit-campaign' id='visit-campaign'>
        <Text className='text-block'>
          {context.village.name} · {context.campaign.name}
        </Text>
      </View>
    )
  }
  return (
    <View className='notice' id='visit-no-campaign'>
      <Text>
        {blocked ? '现在没有进行中的反诈入户活动，暂时不能登记。请联系镇反诈办。' : '手机上保存的信息里没有进行中的入户活动；联网后会再核对。'}
      </Text>
    </View>
  )
}

/** What became of the record just saved: uploaded, waiting for signal, or refused. */
function SavedNotice({ saved, queue }: { saved: { requestId: string; label: string }; queue: QueueState }) {
  const item = queue.items.find((candidate) => candidate.requestId === saved.requestId)
  let status: string
  let rejected = false
  if (!item) status = '已上传。可以登记下一户了。'
  else if (item.state === 'rejected') {
    rejected = true
    status = `被退回：${item.error?.message ?? '请检查后重新上传'}`
  } else if (item.attempts === 0) status = '正在上传…可以接着登记下一户。'
  else status = `待上传：${KEPT_ON_PHONE}可以接着登记下一户。`
  return (
    <View className={`visit-saved${rejected ? ' visit-saved--rejected' : ''}`} id='visit-saved'>
      <Text className='visit-saved__title'>已保存：{saved.label}</Text>
      <Text className='visit-saved__text' id='visit-saved-status'>
        {status}
      </Text>
      {rejected ? (
        <Text className='queue-bar__go' onClick={() => openPage(OUTBOX_PATH)}>
          去修改 ›
        </Text>
      ) : null}
    </View>
  )
}
