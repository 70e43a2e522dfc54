import { Image, RichText, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Block } from '../../../../domain/article-body'
import { blockNodes } from '../rich-text'
import './article.css'

/** An article's body: text blocks as RichText nodes at the reader's size, images that open full screen. */
export function ArticleBody({ blocks, size }: { blocks: readonly Block[]; size: number }) {
  const images = blocks.flatMap((block) => (block.type === 'image' && block.src ? [block.src] : []))
  return (
    <View className='article__body' id='article-body'>
      {blocks.map((block, index) => {
        if (block.type !== 'image') return <RichText key={index} nodes={blockNodes(block, size) as never} userSelect />
        const src = block.src
        if (!src) {
          return (
            <Text key={index} className='article__missing-image'>
              （图片暂时无法显示）
            </Text>
          )
        }
        return <Image key={index} className='article__image' src={src} mode='widthFix' lazyLoad onClick={() => void Taro.previewImage({ urls: images, current: src }).catch(() => undefined)} />
      })}
    </View>
  )
}
