import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ReplyError } from '../../../../domain/errors'
import type { RecountReport, VillageRecount } from '../../../../domain/recount'
import { BigButton } from '../../../components/big-button'
import { InlineError } from '../../../components/error-view'
import { newRequestId } from '../../../services/cloud'
import { recount } from '../api'
import './progress.css'

/**
 * 核对计数 (office): recomputes the counters from the visits and says what, if
 * anything, had drifted. A big town does not fit in one call: the villages a
 * call leaves pending are then recounted one by one.
 */
export function RecountPanel() {
  const [running, setRunning] = useState<string | null>(null)
  const [villages, setVillages] = useState<VillageRecount[] | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)

  const run = async () => {
    setError(null)
    setVillages(null)
    setRunning('正在逐村核对…')
    const done: VillageRecount[] = []
    let pending: string[] = []
    const step = async (villageId: string | null): Promise<RecountReport | null> => {
      const reply = await recount(villageId, newRequestId())
      if (!reply.ok) {
        setError(reply.error)
        return null
      }
      return reply.data
    }
    const first = await step(null)
    if (first) {
      done.push(...first.villages)
      pending = first.pending
      for (const villageId of pending) {
        setRunning(`正在核对，已完成 ${done.length} 个村（社区），还剩 ${pending.length - (done.length - first.villages.length)} 个…`)
        const report = await step(villageId)
        if (!report) break
        done.push(...report.villages)
      }
    }
    setVillages(done)
    setRunning(null)
  }

  const drifted = villages?.filter((village) => village.drifted) ?? []
  return (
    <View className='card' id='recount'>
      <Text className='progress-card__line'>看板上的数字由每次入户登记实时累计。如对数字有疑问，可按入户记录重新核对一遍。</Text>
      <BigButton kind='secondary' loading={running !== null} loadingText={running ?? ''} onClick={() => void run()}>
        核对计数
      </BigButton>
      {villages && villages.length > 0 ? (
        <Text className='progress-card__line' id='recount-result'>
          {drifted.length === 0
            ? `已核对 ${villages.length} 个村（社区），计数全部准确。`
            : `已核对 ${villages.length} 个村（社区），${drifted.length} 个有偏差，已更正：${drifted
                .map((village) => `${village.villageName}（覆盖 ${village.before.covered}→${village.after.covered} 户）`)
                .join('、')}`}
        </Text>
      ) : null}
      {error ? <InlineError error={error} onRetry={() => void run()} /> : null}
    </View>
  )
}
