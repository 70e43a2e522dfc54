import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import type { ReplyError } from '../../../../domain/errors'
import { OUTCOME_LABELS, RECIPIENT_ROLE_LABELS, type ReminderAttemptView, type ReminderOutcome } from '../../../../domain/reminders'
import { BigButton } from '../../../components/big-button'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { getAttempts } from '../api'
import './reminders.css'

const TONE: Record<ReminderOutcome, 'ok' | 'warn' | 'bad'> = {
  sending: 'warn',
  sent: 'ok',
  no_grant: 'warn',
  refused: 'warn',
  failed: 'bad',
  interrupted: 'bad',
}

function outcomeText(attempt: ReminderAttemptView): string {
  const code = attempt.code ? `（错误码 ${attempt.code}）` : ''
  if (attempt.outcome === 'failed' || attempt.outcome === 'interrupted') {
    return attempt.retryPending ? `${OUTCOME_LABELS[attempt.outcome]}${code}` : `${attempt.outcome === 'failed' ? '微信发送失败' : '发送中断'}${code}，已放入「消息」，已重试或不再需要`
  }
  return `${OUTCOME_LABELS[attempt.outcome]}${code}`
}

/** 发送记录: every attempt with its outcome, newest first. `version` changes after a send, to read again. */
export function ReminderAttempts({ version }: { version: number }) {
  const [items, setItems] = useState<ReminderAttemptView[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)

  const load = useCallback(async (before?: string) => {
    setLoading(true)
    setError(null)
    const reply = await getAttempts(before)
    setLoading(false)
    if (!reply.ok) {
      setError(reply.error)
      return
    }
    setItems((shown) => (before && shown ? [...shown, ...reply.data.items] : reply.data.items))
    setNext(reply.data.next)
  }, [])

  useEffect(() => {
    void load()
  }, [load, version])

  if (!items && error) return <ErrorView error={error} onRetry={() => void load()} retrying={loading} />
  if (!items) return <Loading text='正在读取发送记录…' />
  return (
    <View id='reminder-attempts'>
      {items.length === 0 ? <EmptyView text='还没有发过督导提醒。' /> : null}
      {items.map((attempt) => (
        <View key={attempt.id} className='card reminder-card' id={`attempt-${attempt.id}`}>
          <Text className='reminder-card__name'>
            {attempt.name} · {attempt.scopeName}
            {attempt.role === 'cadre' ? `（${RECIPIENT_ROLE_LABELS.cadre}）` : ''}
          </Text>
          <Text className='reminder-card__line muted'>
            {formatShanghai(new Date(attempt.at), 'M月D日 HH:mm')} · {attempt.trigger === 'timer' ? '定时提醒' : '立即提醒'}
            {attempt.isRetry ? ' · 重试' : ''}
          </Text>
          <View className='reminder-tags'>
            <Text className={`reminder-tag reminder-tag--${TONE[attempt.outcome]}`}>{outcomeText(attempt)}</Text>
          </View>
          <Text className='reminder-card__line'>{attempt.villages.map((village) => `${village.name} ${village.percent}%`).join('、')}</Text>
        </View>
      ))}
      {error ? <ErrorView error={error} onRetry={() => void load(next ?? undefined)} retrying={loading} /> : null}
      {next && !error ? (
        <BigButton kind='secondary' loading={loading} loadingText='正在加载…' onClick={() => void load(next)} id='reminder-attempts-more'>
          更早的记录
        </BigButton>
      ) : null}
    </View>
  )
}
