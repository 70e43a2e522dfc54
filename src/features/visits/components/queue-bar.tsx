import { Text, View } from '@tarojs/components'
import { BigButton } from '../../../components/big-button'
import type { QueueState } from '../hooks/use-queue'
import './queue.css'

export const OUTBOX_PATH = '/pages/staff/visit-outbox/index'

/** What a record still waiting means for the cadre: nothing to do, it goes by itself. */
export const KEPT_ON_PHONE = '记录已存在手机上，有信号时会自动上传。'

/**
 * 待上传 N with 立即上传, and the refused records that need the cadre. Shown
 * wherever visits are logged or listed, so nothing waits unnoticed. It says
 * only what holds now: what waits, what was refused, whether it is sending.
 */
export function QueueBar({ queue, onOpenOutbox }: { queue: QueueState; onOpenOutbox?: () => void }) {
  if (queue.waiting === 0 && queue.rejected === 0) return null
  return (
    <View className='queue-bar' id='queue-bar'>
      {queue.waiting > 0 ? (
        <View className='queue-bar__row'>
          <Text className='queue-badge' id='queue-pending'>
            待上传 {queue.waiting}
          </Text>
          <BigButton inline onClick={queue.syncNow} loading={queue.syncing} loadingText='正在上传…' id='queue-sync'>
            立即上传
          </BigButton>
        </View>
      ) : null}
      {queue.waiting > 0 ? <Text className='queue-bar__text'>{KEPT_ON_PHONE}</Text> : null}
      {queue.rejected > 0 ? (
        <View className='queue-bar__refused' id='queue-rejected' onClick={onOpenOutbox}>
          <Text className='queue-bar__refused-text'>被退回 {queue.rejected} 条，需要修改后重新上传</Text>
          {onOpenOutbox ? <Text className='queue-bar__go'>去处理 ›</Text> : null}
        </View>
      ) : null}
    </View>
  )
}
