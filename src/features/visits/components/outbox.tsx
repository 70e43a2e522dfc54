import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import { EmptyView } from '../../../components/coming-soon'
import { Section } from '../../../components/section'
import { draftFromPayload, fieldOf, fixedPayload, type DraftErrors } from '../form/visit-draft'
import { useFormContext } from '../hooks/use-form-context'
import { useQueue, type QueueState } from '../hooks/use-queue'
import type { QueuedVisitWrite } from '../queued-visit'
import { KEPT_ON_PHONE, QueueBar } from './queue-bar'
import type { HouseholdSlotProps } from '../../../../domain/household-choice'
import { VisitForm } from './visit-form'
import './queue.css'

// 待上传 / 被退回: every record still on the phone. A refused one stays until
// the cadre fixes it (it goes again under the same requestId) or discards it
// after confirming: nothing is dropped silently.

export function Outbox({ renderHousehold }: { renderHousehold: (props: HouseholdSlotProps) => ReactNode }) {
  const queue = useQueue()
  const rejected = queue.items.filter((item) => item.state === 'rejected')
  const waiting = queue.items.filter((item) => item.state === 'waiting')
  return (
    <View>
      <QueueBar queue={queue} />
      <Section title={`被退回（${rejected.length}）`} id='outbox-rejected'>
        {rejected.length === 0 ? <EmptyView text='没有被退回的记录。' /> : null}
        {rejected.map((item) => (
          <RefusedItem key={item.requestId} item={item} queue={queue} renderHousehold={renderHousehold} />
        ))}
      </Section>
      <Section title={`待上传（${waiting.length}）`} id='outbox-waiting'>
        {waiting.length === 0 ? <EmptyView text='没有待上传的记录。' /> : null}
        {waiting.map((item) => (
          <View key={item.requestId} className='card queue-item' id={`waiting-${item.requestId}`}>
            <Text className='queue-item__label'>{item.label}</Text>
            <Text className='queue-item__meta'>保存于 {formatShanghai(item.createdAt, 'M月D日 HH:mm')}</Text>
            {item.attempts > 0 ? <Text className='queue-item__meta'>还没传上去。{KEPT_ON_PHONE}</Text> : null}
          </View>
        ))}
      </Section>
    </View>
  )
}

function RefusedItem({ item, queue, renderHousehold }: { item: QueuedVisitWrite; queue: QueueState; renderHousehold: (props: HouseholdSlotProps) => ReactNode }) {
  const [fixing, setFixing] = useState(false)

  const discard = async () => {
    const answer = await Taro.showModal({
      title: '放弃这条记录',
      content: '放弃后这条入户记录不会上传，签名也会从手机上删除。确定放弃吗？',
      confirmText: '放弃',
      confirmColor: '#b71c1c',
    }).catch(() => ({ confirm: false }))
    if (answer.confirm) queue.discard(item.requestId)
  }

  return (
    <View className='card queue-item queue-item--rejected' id={`refused-${item.requestId}`}>
      <Text className='queue-item__label'>{item.label}</Text>
      <Text className='queue-item__reason'>退回原因：{item.error?.message ?? '服务器没有接受这条记录'}</Text>
      {fixing ? (
        <FixForm item={item} queue={queue} renderHousehold={renderHousehold} onCancel={() => setFixing(false)} />
      ) : (
        <View className='button-row'>
          <BigButton inline onClick={() => setFixing(true)} id={`refused-fix-${item.requestId}`}>
            修改后重新上传
          </BigButton>
          <BigButton inline kind='danger' onClick={() => void discard()} id={`refused-discard-${item.requestId}`}>
            放弃这条
          </BigButton>
        </View>
      )}
    </View>
  )
}

function FixForm({
  item,
  queue,
  renderHousehold,
  onCancel,
}: {
  item: QueuedVisitWrite
  queue: QueueState
  renderHousehold: (props: HouseholdSlotProps) => ReactNode
  onCancel: () => void
}) {
  const form = useFormContext()
  const villageId = item.payload.villageId
  const context = form.context?.village.id === villageId ? form.context : null
  const village = context?.village ?? { id: villageId, name: '', kind: 'village' as const }
  const initial = draftFromPayload(item.payload)
  const initialErrors: DraftErrors = {}
  const field = fieldOf(item.error?.field)
  if (item.error && field !== 'form') initialErrors[field] = item.error.message
  const signature = item.files.find((file) => file.slot === 'signature')

  return (
    <View className='fix-form' id={`fix-${item.requestId}`}>
      <VisitForm
        village={village}
        authorName={context?.authorName ?? ''}
        today={form.today}
        campaignStart={context?.campaign?.startDay ?? null}
        initial={initial}
        initialErrors={initialErrors}
        lockedSignature={{ imagePath: signature?.localPath ?? null }}
        submitText='改好了，重新上传'
        submittingText='正在提交…'
        renderHousehold={renderHousehold}
        onSubmit={async (draft) => {
          queue.resend(item.requestId, fixedPayload(draft, item.payload))
          void Taro.showToast({ title: '已重新提交', icon: 'success' }).catch(() => undefined)
          return { ok: true, next: null }
        }}
      />
      <BigButton kind='secondary' onClick={onCancel} id={`fix-cancel-${item.requestId}`}>
        先不改
      </BigButton>
    </View>
  )
}
