import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ArticlePicker } from '../../../features/articles/components/article-picker'
import { PosterLoader } from '../../../features/articles/components/poster-loader'
import { VillageTool } from '../staff-tool'

/** 防骗海报: an article (from its page, or picked here), a village, and the A4 poster with the village's code. */
export default function ArticlePosterPage() {
  const { params } = useRouter()
  const [articleId, setArticleId] = useState(params.id && /^[A-Za-z0-9_-]{1,64}$/.test(params.id) ? params.id : null)
  return (
    <VillageTool id='article-poster-page' capability='printPosters' denied='防骗海报由村社干部（本村）和镇反诈办打印。'>
      {(village) => (articleId ? <PosterLoader key={`${articleId}-${village.id}`} articleId={articleId} village={village} onChangeArticle={() => setArticleId(null)} /> : <ArticlePicker onPick={setArticleId} />)}
    </VillageTool>
  )
}
