import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { AUDIENCE_LABELS, type ArticleView } from '../../../../domain/articles'
import { formatShanghai } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import { HotlineList } from '../../../components/hotline-list'
import { Section } from '../../../components/section'
import { openPage } from '../../../services/navigation'
import { useFontScale } from '../hooks/use-font-scale'
import { ArticleBody } from './article-body'
import { CategoryTag } from './article-card'
import './article.css'

function statusNote(view: ArticleView): string | null {
  if (view.status === 'draft') return '这是草稿的预览，群众还看不到。'
  if (view.status === 'withdrawn') return '这篇文章已撤回，群众看不到了。'
  if (new Date(view.publishedAt).getTime() > Date.now()) return `定时发布：${formatShanghai(new Date(view.publishedAt), 'M月D日 HH:mm')}以后群众才能看到。`
  return null
}

/** The article itself: what it is, its three points, its body in readable type, where it came from. */
export function ArticleReader({ view, actions, footer }: { view: ArticleView; actions?: ReactNode; footer?: ReactNode }) {
  const font = useFontScale()
  const note = statusNote(view)
  const audiences = view.audiences.filter((audience) => audience !== 'all').map((audience) => AUDIENCE_LABELS[audience])
  return (
    <View className='article' id='article'>
      {note ? (
        <View className='notice article__status' id='article-status'>
          <Text>{note}</Text>
        </View>
      ) : null}
      <View className='article__toolbar'>
        <View>
          {view.pinned ? <Text className='pin-badge'>置顶</Text> : null}
          <CategoryTag category={view.category} />
        </View>
        <BigButton kind='secondary' inline onClick={font.toggle} id='font-switch'>
          {font.large ? '标准字' : '大字'}
        </BigButton>
      </View>
      <Text className='article__title' id='article-title' style={{ fontSize: `${Math.round(font.size * 1.35)}px` }}>
        {view.title}
      </Text>
      <Text className='article__meta' id='article-meta'>
        {formatShanghai(new Date(view.publishedAt), 'YYYY年M月D日')}
        {view.town.name ? ` · ${view.town.name}反诈办` : ''} · 阅读 {view.reads} · 已学习 {view.learnedCount}
        {audiences.length ? ` · 适合${audiences.join('、')}` : ''}
      </Text>
      {view.keyPoints.length ? (
        <View className='article__points' id='article-points'>
          <Text className='article__points-title'>记住这几条</Text>
          {view.keyPoints.map((point, index) => (
            <Text key={index} className='article__point' style={{ fontSize: `${Math.round(font.size * 1.05)}px` }}>
              {index + 1}. {point}
            </Text>
          ))}
        </View>
      ) : null}
      {view.cover ? <Image className='article__cover' src={view.cover} mode='widthFix' /> : null}
      <ArticleBody blocks={view.blocks} size={font.size} />
      {view.source ? <SourceLink url={view.source.url} kind={view.source.kind} /> : null}
      {actions}
      <Section title='遇到可疑情况，马上打电话' id='article-hotlines'>
        <HotlineList hotlines={view.town.hotlines} />
      </Section>
      {footer}
    </View>
  )
}

/**
 * 原文: an article of the 公众号 opens in <WebView> (the only pages a
 * mini-program may show); any other link can only be copied.
 */
function SourceLink({ url, kind }: { url: string; kind: 'mp' | 'web' }) {
  const copy = () =>
    void Taro.setClipboardData({ data: url })
      .then(() => Taro.showToast({ title: '链接已复制', icon: 'success' }))
      .catch(() => undefined)
  return (
    <View className='article__source' id='article-source'>
      {kind === 'mp' ? (
        <BigButton kind='secondary' onClick={() => openPage(`/pages/article-web/index?url=${encodeURIComponent(url)}`)} id='source-open'>
          阅读公众号原文
        </BigButton>
      ) : (
        <>
          <Text className='text-block'>原文链接（小程序里打不开外部网页，可复制后在浏览器中打开）：</Text>
          <Text className='article__link' userSelect>
            {url}
          </Text>
          <BigButton kind='secondary' onClick={copy} id='source-copy'>
            复制链接
          </BigButton>
        </>
      )}
    </View>
  )
}
