import { ReachView } from '../../../features/articles/components/reach-view'
import { StaffTool } from '../staff-tool'

export default function ArticleReachPage() {
  return (
    <StaffTool id='article-reach-page' capability='watchArticleReach' denied='宣传成效给镇反诈办和单位负责人查看。'>
      {() => <ReachView />}
    </StaffTool>
  )
}
