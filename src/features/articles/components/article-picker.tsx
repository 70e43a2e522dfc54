import { Text, View } from '@tarojs/components'
import { useCallback } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { listArticles } from '../api'
import { CategoryTag } from './article-card'
import './article.css'

/** Published articles to choose one from (e.g. the one a poster is for). */
export function ArticlePicker({ onPick }: { onPick: (articleId: string) => void }) {
  const load = useCallback(() => listArticles({ category: 'any', audience: 'any' }), [])
  const page = useRead(load)
  if (page.error) return <ErrorView error={page.error} onRetry={page.reload} retrying={page.loading} />
  if (!page.data) return <Loading text='正在加载文章…' />
  const cards = [...page.data.pinned, ...page.data.items]
  return (
    <Section title='选一篇文章做海报' id='article-picker'>
      {cards.length === 0 ? <EmptyView text='还没有发布的文章。' /> : null}
      {cards.map((card) => (
        <View key={card.id} className='card' id={`pick-${card.id}`} onClick={() => onPick(card.id)}>
          <CategoryTag category={card.category} />
          <Text className='article-card__title'>{card.title}</Text>
          <Text className='article-card__meta'>{formatShanghai(new Date(card.publishedAt), 'M月D日')}发布</Text>
        </View>
      ))}
    </Section>
  )
}
