import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { keepFile } from '../../../services/upload'
import { ACTIVITY_PHOTO_SLOTS } from '../../../../domain/files'
import { queueActivity, type ActivityPhoto } from '../api'
import { activityLabel, emptyDraft, nextDraft, toPayload, type ActivityDraft } from '../form/activity-draft'
import { useActivityContext } from '../hooks/use-activity-context'
import { useActivityQueue, type ActivityQueueState } from '../hooks/use-activity-queue'
import { ActivityForm, type SubmitOutcome } from './activity-form'
import './activities.css'

const KEPT_ON_PHONE = '记录已存在手机上，有信号时会自动上传。'

// 宣传台账 登记: saving never waits for the network. The record goes into the
// phone's queue with its requestId and its photos kept as files; the queue
// uploads the photos, then creates the record, now or when signal returns.
export function ActivityNew() {
  const form = useActivityContext()
  const queue = useActivityQueue()
  const [saved, setSaved] = useState<{ requestId: string; label: string } | null>(null)

  if (!form.data) {
    if (form.error) {
      const error = form.error.code === 'NETWORK' ? { ...form.error, message: '第一次使用宣传台账需要联网一次，之后没有信号也能登记。请联网后重试。' } : form.error
      return <ErrorView error={error} onRetry={form.error.code === 'FORBIDDEN' ? undefined : form.reload} retrying={form.loading} />
    }
    return <Loading />
  }
  const { context, places } = form.data

  const save = async (draft: ActivityDraft): Promise<SubmitOutcome> => {
    const photos: ActivityPhoto[] = []
    for (const [i, path] of draft.photos.entries()) {
      try {
        photos.push({ slot: ACTIVITY_PHOTO_SLOTS[i], localPath: await keepFile(path) })
      } catch {
        return { ok: false, errors: { photos: `第${i + 1}张照片没能保存到手机上（可能存储空间不足），请删除后重新拍摄` } }
      }
    }
    const label = activityLabel(draft, places[draft.villageId] ?? [])
    const requestId = queueActivity(toPayload(draft), photos, { uploaderId: context.uploaderId, label })
    setSaved({ requestId, label })
    return { ok: true, next: nextDraft(draft) }
  }

  const blocked = form.fresh && !context.campaign
  return (
    <View>
      <ActivityQueueBar queue={queue} />
      {!form.fresh && form.error ? (
        <View className='notice' id='activity-offline'>
          <Text>现在连不上网络，用的是手机上保存的信息。可以照常登记，记录会在有信号时自动上传。</Text>
        </View>
      ) : null}
      {context.campaign ? (
        <View className='card' id='activity-campaign'>
          <Text className='text-block'>{context.campaign.name}</Text>
        </View>
      ) : (
        <View className='notice' id='activity-no-campaign'>
          <Text>{blocked ? '现在没有进行中的反诈专项活动，暂时不能登记。请联系镇反诈办。' : '手机上保存的信息里没有进行中的活动；联网后会再核对。'}</Text>
        </View>
      )}
      {saved ? <SavedNotice saved={saved} queue={queue} /> : null}
      {blocked ? null : (
        <ActivityForm
          villages={context.villages}
          places={places}
          today={form.today}
          campaignStart={context.campaign?.startDay ?? null}
          initial={emptyDraft(context.villages[0].id, form.today)}
          onSubmit={save}
        />
      )}
    </View>
  )
}

/** 待上传 N with 立即上传, and each refused record with its reason and 放弃. */
export function ActivityQueueBar({ queue }: { queue: ActivityQueueState }) {
  if (queue.waiting === 0 && queue.rejected === 0) return null
  return (
    <View className='activity-queue' id='activity-queue-bar'>
      {queue.waiting > 0 ? (
        <View className='notice'>
          <Text id='activity-queue-pending'>
            宣传活动待上传 {queue.waiting} 条。{KEPT_ON_PHONE}
          </Text>
          <View>
            <Text className='activity-link' id='activity-queue-sync' onClick={queue.syncNow}>
              {queue.syncing ? '正在上传…' : '立即上传 ›'}
            </Text>
          </View>
        </View>
      ) : null}
      {queue.items
        .filter((item) => item.state === 'rejected')
        .map((item) => (
          <View className='activity-saved activity-saved--rejected' key={item.requestId} id={`activity-rejected-${item.requestId}`}>
            <Text>
              被退回：{item.label}。{item.error?.message ?? '请检查后重新登记'}
            </Text>
            <Text className='activity-link' onClick={() => queue.discard(item.requestId)}>
              放弃这条（请重新登记） ›
            </Text>
          </View>
        ))}
    </View>
  )
}

function SavedNotice({ saved, queue }: { saved: { requestId: string; label: string }; queue: ActivityQueueState }) {
  const item = queue.items.find((candidate) => candidate.requestId === saved.requestId)
  let status: string
  if (!item) status = '已上传。可以登记下一条了。'
  else if (item.state === 'rejected') status = `被退回：${item.error?.message ?? '请检查后重新登记'}`
  else if (item.attempts === 0) status = '正在上传…可以接着登记下一条。'
  else status = `待上传：${KEPT_ON_PHONE}可以接着登记下一条。`
  return (
    <View className={`activity-saved${item?.state === 'rejected' ? ' activity-saved--rejected' : ''}`} id='activity-saved'>
      <Text>已保存：{saved.label}</Text>
      <Text id='activity-saved-status'>{status}</Text>
    </View>
  )
}
