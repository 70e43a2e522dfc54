import { Text, View } from '@tarojs/components'
import { BigButton } from '../../../components/big-button'
import type { QueueState } from '../hooks/use-queue'
import './queue.css'

export const OUTBOX_PATH = '/pages/staff/visit-outbox/index'

function syncMessage(queue: QueueState): string | null {
  const result = queue.lastSync
  if (!result) return null
  const parts: string[] = []
  if (result.sent > 0) parts.push(`已上传 ${result.sent} 条`)
  if (result.rejected > 0) parts.push(`${result.rejected} 条被退回`)
  if (result.failed > 0) {
    const reason = queue.items.find((item) => item.state === 'waiting' && item.error)?.error?.message
    parts.push(`${result.failed} 条没有传上去${reason ? `：${reason}` : ''}`)
  }
  return parts.length ? parts.join('；') : queue.waiting === 0 ? '没有需要上传的记录' : null
}

/**
 * 待上传 N with 立即上传, and the refused records that need the cadre. Shown
 * wherever visits are logged or listed, so nothing waits unnoticed.
 */
export function QueueBar({ queue, onOpenOutbox }: { queue: QueueState; onOpenOutbox?: () => void }) {
  const message = syncMessage(queue)
  if (queue.waiting === 0 && queue.rejected === 0 && !message) return null
  return (
    <View className='queue-bar' id='queue-bar'>
      {queue.waiting > 0 ? (
        <View className='queue-bar__row'>
          <Text className='queue-badge' id='queue-pending'>
            待上传 {queue.waiting}
          </Text>
          <BigButton inline onClick={() => void queue.syncNow()} loading={queue.syncing} loadingText='正在上传…' id='queue-sync'>
            立即上传
          </BigButton>
        </View>
      ) : null}
      {queue.waiting > 0 ? <Text className='queue-bar__text'>记录已存在手机上，有信号时会自动上传。</Text> : null}
      {queue.rejected > 0 ? (
        <View className='queue-bar__refused' id='queue-rejected' onClick={onOpenOutbox}>
          <Text className='queue-bar__refused-text'>被退回 {queue.rejected} 条，需要修改后重新上传</Text>
          {onOpenOutbox ? <Text className='queue-bar__go'>去处理 ›</Text> : null}
        </View>
      ) : null}
      {message ? (
        <Text className='queue-bar__text' id='queue-sync-result'>
          {message}
        </Text>
      ) : null}
    </View>
  )
}
