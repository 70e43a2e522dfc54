import { Text, View, WebView } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { sourceLinkKind } from '../../../domain/articles'
import { BigButton } from '../../components/big-button'

/**
 * An article of the 公众号 associated with the mini-program: the one kind of
 * outside page <WebView> may show. Any other link is refused here (the
 * article page offers to copy it instead).
 */
export default function ArticleWebPage() {
  const { params } = useRouter()
  let url = ''
  try {
    url = decodeURIComponent(params.url ?? '')
  } catch {
    url = ''
  }
  if (!url || sourceLinkKind(url) !== 'mp') {
    return (
      <View className='page'>
        <View className='notice'>
          <Text>这个链接不能在小程序里打开。请返回文章页，复制链接后在浏览器中打开。</Text>
        </View>
      </View>
    )
  }
  if (process.env.TARO_ENV === 'h5') {
    // A browser cannot frame 公众号 pages; open them in a new tab instead.
    return (
      <View className='page'>
        <Text className='text-block'>公众号文章会在新窗口打开。</Text>
        <BigButton onClick={() => window.open(url, '_blank', 'noopener')}>打开原文</BigButton>
      </View>
    )
  }
  return <WebView src={url} />
}
