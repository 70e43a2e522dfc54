import { Image, Text, View } from '@tarojs/components'
import { CATEGORY_LABELS, type ArticleCard as Card } from '../../../../domain/articles'
import { formatShanghai } from '../../../../domain/dates'
import { openPage } from '../../../services/navigation'
import './article.css'

export function CategoryTag({ category }: { category: Card['category'] }) {
  return <Text className={`category-tag category-tag--${category}`}>{CATEGORY_LABELS[category]}</Text>
}

/** One article in a list: tap to read. */
export function ArticleCard({ card, pinned = false }: { card: Card; pinned?: boolean }) {
  return (
    <View className={`card article-card${pinned ? ' article-card--pinned' : ''}`} id={`article-${card.id}`} onClick={() => openPage(`/pages/article/index?id=${card.id}`)}>
      <View className='article-card__body'>
        <View>
          {pinned ? <Text className='pin-badge'>置顶</Text> : null}
          <CategoryTag category={card.category} />
        </View>
        <Text className='article-card__title'>{card.title}</Text>
        {card.summary ? <Text className='article-card__summary'>{card.summary}</Text> : null}
        <Text className='article-card__meta'>
          {formatShanghai(new Date(card.publishedAt), 'M月D日')} · 阅读 {card.reads}
        </Text>
      </View>
      {card.cover ? <Image className='article-card__cover' src={card.cover} mode='aspectFill' lazyLoad /> : null}
    </View>
  )
}
