import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { ReachCounts, ReachTable } from '../../../../domain/articles'
import { formatShanghai } from '../../../../domain/dates'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getReach } from '../api'
import './reach.css'

function Counts({ counts, id }: { counts: ReachCounts; id?: string }) {
  return (
    <View className='reach-counts' id={id}>
      {(
        [
          ['分享', counts.shares],
          ['分享带来阅读', counts.shareReads],
          ['海报带来阅读', counts.posterReads],
          ['我已学习', counts.learned],
        ] as const
      ).map(([label, value]) => (
        <View key={label} className='reach-counts__item'>
          <Text className='reach-counts__number'>{value}</Text>
          <Text className='reach-counts__label'>{label}</Text>
        </View>
      ))}
    </View>
  )
}

/** 宣传成效: per article (or all of them) and per unit and village, what shares and posters brought. */
export function ReachView() {
  const [articleId, setArticleId] = useState<string | undefined>()
  const load = useCallback(() => getReach(articleId), [articleId])
  const read = useRead(load)
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} />
  if (!read.data) return <Loading text='正在统计…' />
  const table: ReachTable = read.data
  return (
    <View id='reach' style={read.loading ? { opacity: 0.5 } : undefined}>
      <Text className='progress-note'>
        {table.scopeName} · {table.article ? `《${table.article.title}》` : '全部文章合计'}
      </Text>
      <View className='card reach-total' id='reach-total'>
        <Text className='reach-row__name'>合计（阅读 {table.total.reads}）</Text>
        <Counts counts={table.total} />
      </View>

      {table.scope === 'town' && table.units.length > 0 ? (
        <Section title='各包联单位' id='reach-units'>
          {table.units.map((unit) => (
            <View key={unit.id ?? 'none'} className='card'>
              <Text className='reach-row__name'>
                {unit.name}（阅读 {unit.reads}）
              </Text>
              <Counts counts={unit} />
            </View>
          ))}
        </Section>
      ) : null}

      <Section title='各村（社区）' id='reach-rows'>
        <Text className='progress-note'>按阅读多少排列；分享、海报带来的阅读计入分享人所在或海报张贴的村（社区）。</Text>
        {table.rows.map((row) => (
          <View key={row.key} className='card' id={`reach-${row.key.replace(':', '-')}`}>
            <Text className='reach-row__name'>
              {row.name}（阅读 {row.reads}）
            </Text>
            <Counts counts={row} />
          </View>
        ))}
      </Section>

      <Section title='选一篇文章看' id='reach-articles'>
        <View className={`card reach-article${articleId ? '' : ' reach-article--chosen'}`} onClick={() => setArticleId(undefined)} id='reach-all'>
          <Text className='reach-row__name'>全部文章合计</Text>
        </View>
        {table.articles.length === 0 ? <EmptyView text='还没有发布的文章。' /> : null}
        {table.articles.map((article) => (
          <View key={article.id} className={`card reach-article${articleId === article.id ? ' reach-article--chosen' : ''}`} onClick={() => setArticleId(article.id)} id={`reach-article-${article.id}`}>
            <Text className='reach-row__name'>{article.title}</Text>
            <Text className='progress-note'>
              {formatShanghai(new Date(article.publishedAt), 'M月D日')}发布 · 全镇阅读 {article.reads} · 分享 {article.shares} · 已学习 {article.learned}
            </Text>
          </View>
        ))}
      </Section>
    </View>
  )
}
