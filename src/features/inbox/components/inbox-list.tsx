import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import type { ReplyError } from '../../../../domain/errors'
import type { InboxItem } from '../../../../domain/inbox'
import { BigButton } from '../../../components/big-button'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { SubscribeButton } from '../../../components/subscribe-button'
import { newRequestId } from '../../../services/cloud'
import { openPage } from '../../../services/navigation'
import { getInbox, markRead } from '../api'
import './inbox.css'

/**
 * 消息: the user's messages, newest first. What is shown unread is marked
 * read once on screen (and keeps its 新 tag for this visit), so the badge on
 * 我的 clears; `onUnread` hears the count that remains.
 */
export function InboxList({ onUnread }: { onUnread: (unread: number) => void }) {
  const [items, setItems] = useState<InboxItem[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)
  const [loading, setLoading] = useState(false)
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set())
  const report = useRef(onUnread)
  report.current = onUnread

  const load = useCallback(async (before?: string) => {
    setLoading(true)
    setError(null)
    const reply = await getInbox(before)
    setLoading(false)
    if (!reply.ok) {
      setError(reply.error)
      return
    }
    const page = reply.data
    setItems((shown) => (before && shown ? [...shown, ...page.items] : page.items))
    setNext(page.next)
    report.current(page.unread)
    const unread = page.items.filter((item) => !item.read).map((item) => item.id)
    if (unread.length === 0) return
    setFresh((known) => new Set([...known, ...unread]))
    // If this fails the messages stay unread and are marked next time: nothing is lost.
    const marked = await markRead(unread, newRequestId())
    if (marked.ok) report.current(marked.data.unread)
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  if (!items && error) return <ErrorView error={error} onRetry={() => void load()} retrying={loading} />
  if (!items) return <Loading text='正在读取消息…' />
  return (
    <View id='inbox'>
      {items.length === 0 ? <EmptyView text='还没有消息。督导提醒等通知会放在这里，微信没收到的也不会丢。' /> : null}
      {items.map((item) => (
        <View key={item.id} id={`message-${item.id}`} className={`card inbox-item${fresh.has(item.id) ? ' inbox-item--unread' : ''}`}>
          <View className='inbox-item__head'>
            <Text className='inbox-item__title'>{item.title}</Text>
            {fresh.has(item.id) ? <Text className='inbox-item__new'>新</Text> : null}
          </View>
          <Text className='inbox-item__time'>{formatShanghai(new Date(item.at), 'M月D日 HH:mm')}</Text>
          {item.lines.map((line, index) => (
            <View key={index}>
              <Text className='inbox-item__line'>{line.text}</Text>
              {line.page ? (
                <View className='inbox-item__link'>
                  <BigButton kind='secondary' onClick={() => openPage(`/${line.page}`)}>
                    {line.action ?? '查看'}
                  </BigButton>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ))}
      {error ? <ErrorView error={error} onRetry={() => void load(next ?? undefined)} retrying={loading} /> : null}
      {next && !error ? (
        <BigButton kind='secondary' loading={loading} loadingText='正在加载…' onClick={() => void load(next)} id='inbox-more'>
          更早的消息
        </BigButton>
      ) : null}
      {items.some((item) => item.kind === 'reminder') ? (
        <View className='card' id='inbox-subscribe'>
          <Text className='text-block'>督导提醒也可以通过微信通知你。每订阅一次，可以收到一条。</Text>
          <SubscribeButton template='reminder' label='订阅督导提醒' />
        </View>
      ) : null}
    </View>
  )
}
