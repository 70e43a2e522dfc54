import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { CATEGORY_LABELS, type LearningItem } from '../../../../domain/articles'
import { formatShanghai } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import { EmptyView } from '../../../components/coming-soon'
import { canRetry, ErrorView, InlineError } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import type { ReplyError } from '../../../../domain/errors'
import { openPage, openTab } from '../../../services/navigation'
import { getLearning } from '../api'
import './article.css'

/** 我的学习记录: what I read and what I marked learned, newest first. */
export function LearningRecord() {
  const first = useRead(getLearning)
  const [more, setMore] = useState<{ items: LearningItem[]; nextCursor: string | null } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)
  if (first.error) return <ErrorView error={first.error} onRetry={first.reload} retrying={first.loading} />
  if (!first.data) return <Loading text='正在加载学习记录…' />
  const items = [...first.data.items, ...(more?.items ?? [])]
  const nextCursor = more ? more.nextCursor : first.data.nextCursor
  const totals = first.data.totals
  const loadMore = async () => {
    if (!nextCursor) return
    setLoadingMore(true)
    setError(null)
    const reply = await getLearning(nextCursor)
    setLoadingMore(false)
    if (reply.ok) setMore({ items: [...(more?.items ?? []), ...reply.data.items], nextCursor: reply.data.nextCursor })
    else setError(reply.error)
  }
  return (
    <View id='learning-record'>
      {totals ? (
        <View className='record-totals' id='learning-totals'>
          <View className='record-totals__item'>
            <Text className='record-totals__number'>{totals.read}</Text>
            <Text className='record-totals__label'>读过的文章</Text>
          </View>
          <View className='record-totals__item'>
            <Text className='record-totals__number'>{totals.learned}</Text>
            <Text className='record-totals__label'>已学习</Text>
          </View>
        </View>
      ) : null}
      <Section title='读过的文章' id='learning-items'>
        {items.length === 0 ? (
          <View>
            <EmptyView text='还没有读过文章。去「学习」看看最新的防骗提醒吧。' />
            <BigButton onClick={() => openTab('/pages/learn/index')}>去学习</BigButton>
          </View>
        ) : null}
        {items.map((item, index) => {
          const article = item.article
          const open = article?.available ? () => openPage(`/pages/article/index?id=${article.id}`) : undefined
          return (
            <View key={`${article?.id ?? 'gone'}-${index}`} className='card' onClick={open}>
              <Text className='record-item__title'>{article ? article.title : '（文章已删除）'}</Text>
              <Text className='record-item__meta'>
                {article ? `${CATEGORY_LABELS[article.category]} · ` : ''}
                {formatShanghai(new Date(item.readAt), 'M月D日')}阅读
                {item.learnedAt ? ' · ✓ 已学习' : ' · 还没点「我已学习」'}
                {article && !article.available ? ' · 已撤回' : ''}
              </Text>
            </View>
          )
        })}
        {error ? <InlineError error={error} onRetry={canRetry(error) ? () => void loadMore() : undefined} /> : null}
        {nextCursor ? (
          <BigButton kind='secondary' loading={loadingMore} loadingText='正在加载…' onClick={() => void loadMore()}>
            加载更多
          </BigButton>
        ) : null}
      </Section>
    </View>
  )
}
