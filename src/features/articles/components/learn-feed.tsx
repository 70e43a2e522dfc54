import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ARTICLE_AUDIENCES, ARTICLE_CATEGORIES, AUDIENCE_LABELS, CATEGORY_LABELS, type ArticleCard as Card, type ArticleAudience, type ArticleCategory } from '../../../../domain/articles'
import type { ReplyError } from '../../../../domain/errors'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { EmptyView } from '../../../components/coming-soon'
import { canRetry, ErrorView, InlineError } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { listArticles } from '../api'
import { ArticleCard } from './article-card'
import './article.css'

const CATEGORY_CHOICES = [{ value: 'any' as const, label: '全部' }, ...ARTICLE_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }))]
const AUDIENCE_CHOICES = [{ value: 'any' as const, label: '全部' }, ...ARTICLE_AUDIENCES.filter((value) => value !== 'all').map((value) => ({ value, label: AUDIENCE_LABELS[value] }))]

interface Feed {
  pinned: Card[]
  items: Card[]
  nextCursor: string | null
}

/** 学习: pinned alerts first, then articles by category and audience, a page at a time. */
export function LearnFeed() {
  const [category, setCategory] = useState<ArticleCategory | 'any'>('any')
  const [audience, setAudience] = useState<ArticleAudience | 'any'>('any')
  const [feed, setFeed] = useState<Feed | null>(null)
  const [loading, setLoading] = useState(true)
  const [more, setMore] = useState(false)
  const [error, setError] = useState<ReplyError | null>(null)
  const latest = useRef(0)

  const load = useCallback(async () => {
    const call = ++latest.current
    setLoading(true)
    setError(null)
    const reply = await listArticles({ category, audience })
    if (call !== latest.current) return
    setLoading(false)
    if (reply.ok) setFeed(reply.data)
    else setError(reply.error)
  }, [category, audience])

  useEffect(() => {
    void load()
  }, [load])

  const loadMore = async () => {
    if (!feed?.nextCursor) return
    setMore(true)
    setError(null)
    const call = latest.current
    const reply = await listArticles({ category, audience, cursor: feed.nextCursor })
    setMore(false)
    if (call !== latest.current) return
    if (reply.ok) setFeed({ pinned: feed.pinned, items: [...feed.items, ...reply.data.items], nextCursor: reply.data.nextCursor })
    else setError(reply.error)
  }

  return (
    <View id='learn-feed'>
      {feed && feed.pinned.length > 0 ? (
        <Section title='重要提醒' id='learn-pinned'>
          {feed.pinned.map((card) => (
            <ArticleCard key={card.id} card={card} pinned />
          ))}
        </Section>
      ) : null}

      <Section title='防骗文章' id='learn-list'>
        <View className='filter-row'>
          <Text className='filter-row__label'>分类</Text>
          <ChoiceList choices={CATEGORY_CHOICES} value={category} onChange={setCategory} idPrefix='filter-category' />
        </View>
        <View className='filter-row'>
          <Text className='filter-row__label'>适合谁看</Text>
          <ChoiceList choices={AUDIENCE_CHOICES} value={audience} onChange={setAudience} idPrefix='filter-audience' />
        </View>
        {loading && !feed ? <Loading text='正在加载文章…' /> : null}
        {error && !feed ? <ErrorView error={error} onRetry={canRetry(error) ? () => void load() : undefined} retrying={loading} /> : null}
        {feed ? (
          <View id='learn-items' style={loading ? { opacity: 0.5 } : undefined}>
            {feed.items.length === 0 && !loading ? <EmptyView text='这一类还没有文章。可以换个分类看看。' /> : null}
            {feed.items.map((card) => (
              <ArticleCard key={card.id} card={card} />
            ))}
            {error ? <InlineError error={error} onRetry={canRetry(error) ? () => void (feed.nextCursor ? loadMore() : load()) : undefined} /> : null}
            {feed.nextCursor ? (
              <BigButton kind='secondary' loading={more} loadingText='正在加载…' onClick={() => void loadMore()} id='learn-more'>
                加载更多
              </BigButton>
            ) : feed.items.length > 0 ? (
              <Text className='text-block muted'>没有更多了</Text>
            ) : null}
          </View>
        ) : null}
      </Section>
    </View>
  )
}
