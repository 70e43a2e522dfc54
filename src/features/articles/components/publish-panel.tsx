import { Picker, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { AlertProgress, ArticleCategory, PublishResult } from '../../../../domain/articles'
import { addDays, formatShanghai, shanghaiDay } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import { CheckList } from '../../../components/check-list'
import { ChoiceList } from '../../../components/choice-list'
import { canRetry, InlineError } from '../../../components/error-view'
import { useWrite } from '../../../hooks/use-write'
import { notifySubscribers, publishArticle } from '../api'
import './editor.css'

/** A Shanghai day and time as an ISO instant. */
const instantOf = (day: string, time: string) => `${day}T${time}:00+08:00`

/**
 * 发布: now or at a time, and for a 诈骗手法预警 published now, 通知订阅者
 * (a WeChat message to every resident who asked for one), with how far the
 * sending has got.
 */
export function PublishPanel({ articleId, category, beforePublish, onPublished }: { articleId: string; category: ArticleCategory; beforePublish?: () => Promise<boolean>; onPublished: (result: PublishResult) => void }) {
  const [when, setWhen] = useState<'now' | 'later'>('now')
  const [day, setDay] = useState(addDays(shanghaiDay(), 1))
  const [time, setTime] = useState('08:00')
  const [notify, setNotify] = useState(category === 'alert')
  const [preparing, setPreparing] = useState(false)
  const [alert, setAlert] = useState<AlertProgress | null>(null)
  const [published, setPublished] = useState<PublishResult | null>(null)
  const publish = useWrite((input: { articleId: string; publishAt: string; notify: boolean }, requestId: string) => publishArticle(input, requestId))

  const submit = async () => {
    if (beforePublish) {
      setPreparing(true)
      const ready = await beforePublish()
      setPreparing(false)
      if (!ready) return
    }
    const reply = await publish.run({ articleId, publishAt: when === 'now' ? '' : instantOf(day, time), notify: when === 'now' && category === 'alert' && notify })
    if (!reply.ok) return
    setPublished(reply.data)
    onPublished(reply.data)
    if (reply.data.alert) setAlert(reply.data.alert)
  }

  if (published) {
    const at = published.article.publishAt ? new Date(published.article.publishAt) : new Date()
    return (
      <View className='publish-panel' id='publish-panel'>
        <Text className='text-block' id='publish-done'>
          {at.getTime() > Date.now() + 60_000 ? `已定在 ${formatShanghai(at, 'M月D日 HH:mm')} 发布，到时群众就能在「学习」里看到。` : '已发布。群众现在可以在「学习」里看到这篇文章。'}
        </Text>
        {alert ? <AlertSending articleId={articleId} initial={alert} /> : null}
      </View>
    )
  }

  return (
    <View className='publish-panel' id='publish-panel'>
      <ChoiceList
        choices={[
          { value: 'now', label: '立即发布' },
          { value: 'later', label: '定时发布' },
        ]}
        value={when}
        onChange={setWhen}
        idPrefix='publish-when'
      />
      {when === 'later' ? (
        <View className='button-row'>
          <Picker mode='date' value={day} start={shanghaiDay()} onChange={(event) => setDay(String(event.detail.value))}>
            <View className='date-picker'>日期：{day}</View>
          </Picker>
          <Picker mode='time' value={time} onChange={(event) => setTime(String(event.detail.value))}>
            <View className='date-picker'>时间：{time}</View>
          </Picker>
        </View>
      ) : null}
      {category === 'alert' && when === 'now' ? (
        <CheckList choices={[{ value: 'notify', label: '同时通知订阅了「防骗预警」的群众（微信消息，每人一条）' }]} values={notify ? ['notify'] : []} onChange={(values) => setNotify(values.includes('notify'))} idPrefix='publish' />
      ) : null}
      {category === 'alert' && when === 'later' ? <Text className='text-block muted'>定时发布的预警不会自动通知；到时间后，在「文章发布」里点「通知订阅者」。</Text> : null}
      <BigButton onClick={() => void submit()} loading={publish.pending || preparing} loadingText={preparing ? '正在保存…' : '正在发布…'} id='publish-confirm'>
        {when === 'now' ? '确认发布' : `定在 ${formatShanghai(new Date(instantOf(day, time)), 'M月D日 HH:mm')} 发布`}
      </BigButton>
      {publish.error ? <InlineError error={publish.error} onRetry={canRetry(publish.error) ? () => void submit() : undefined} /> : null}
    </View>
  )
}

/** 通知订阅者 under way: keeps asking the server to send the next pages until all are sent, and shows how far it is. */
export function AlertSending({ articleId, initial }: { articleId: string; initial: AlertProgress }) {
  const [progress, setProgress] = useState(initial)
  const send = useWrite((id: string, requestId: string) => notifySubscribers(id, requestId))
  const [running, setRunning] = useState(false)

  const keepSending = async () => {
    setRunning(true)
    let current = progress
    while (current.status !== 'done') {
      const reply = await send.run(articleId)
      if (!reply.ok) break
      current = reply.data
      setProgress(current)
    }
    setRunning(false)
  }

  useEffect(() => {
    if (initial.status === 'sending') void keepSending()
    // Started once, when the panel first shows a send under way.
  }, [])
  const percent = progress.total > 0 ? Math.min(100, Math.round(((progress.sent + progress.failed) / progress.total) * 100)) : 100
  return (
    <View className='alert-progress' id='alert-progress'>
      <Text className='text-block' id='alert-progress-text'>
        {progress.status === 'done'
          ? `已通知 ${progress.sent} 位订阅者${progress.failed ? `，${progress.failed} 条没有发出` : ''}。`
          : `正在通知订阅者：已发 ${progress.sent} 条，约 ${progress.total} 位…`}
      </Text>
      <View className='alert-progress__bar'>
        <View className='alert-progress__fill' style={{ width: `${percent}%` }} />
      </View>
      {send.error && !running ? <InlineError error={send.error} onRetry={() => void keepSending()} /> : null}
    </View>
  )
}
