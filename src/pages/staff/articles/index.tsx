import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { ArticleManager } from '../../../features/articles/components/article-manager'
import { StaffTool } from '../staff-tool'

export default function ArticlesPage() {
  // Back from the editor: show what changed there.
  const [shown, setShown] = useState(0)
  useDidShow(() => setShown((count) => count + 1))
  return (
    <StaffTool id='articles-page' capability='publishArticles' denied='文章由镇反诈办和派出所民警发布。有好的防骗素材，请交给镇反诈办。'>
      {() => <ArticleManager key={shown} />}
    </StaffTool>
  )
}
