import { useRouter } from '@tarojs/taro'
import { useCallback } from 'react'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { useRead } from '../../../hooks/use-read'
import { getDraft } from '../../../features/articles/api'
import { ArticleEditor } from '../../../features/articles/components/article-editor'
import { StaffTool } from '../staff-tool'

export default function ArticleEditPage() {
  const { params } = useRouter()
  const articleId = params.id && /^[A-Za-z0-9_-]{1,64}$/.test(params.id) ? params.id : null
  return (
    <StaffTool id='article-edit-page' capability='publishArticles' denied='文章由镇反诈办和派出所民警编辑和发布。'>
      {(me) => (articleId ? <ExistingArticle articleId={articleId} uploaderId={me.userId} /> : <ArticleEditor draft={null} uploaderId={me.userId} />)}
    </StaffTool>
  )
}

function ExistingArticle({ articleId, uploaderId }: { articleId: string; uploaderId: string }) {
  const load = useCallback(() => getDraft(articleId), [articleId])
  const draft = useRead(load)
  if (draft.error) return <ErrorView error={draft.error} onRetry={draft.reload} retrying={draft.loading} />
  if (!draft.data) return <Loading text='正在打开文章…' />
  return <ArticleEditor draft={draft.data} uploaderId={uploaderId} />
}
