import type {
  AlertProgress,
  ArticleAudience,
  ArticleCategory,
  ArticleDraft,
  ArticlePage,
  ArticleStatus,
  ArticleView,
  LearningPage,
  ManageItem,
  ManagePage,
  PosterData,
  PublishResult,
  ReachTable,
  SaveArticleInput,
  ShareGrant,
} from '../../../domain/articles'
import type { Reply } from '../../../domain/errors'
import { callFunction, newRequestId } from '../../services/cloud'

// Typed calls to the `articles` function. `list` and `get` may go out
// without identity (an article opened from Moments): `anonymous` says so.

const FN = 'articles'

export interface ListQuery {
  category: ArticleCategory | 'any'
  audience: ArticleAudience | 'any'
  cursor?: string
}

export function listArticles(query: ListQuery, { anonymous = false } = {}): Promise<Reply<ArticlePage>> {
  return callFunction<ArticlePage>(FN, 'list', query, { anonymous })
}

export function getArticle(input: { articleId?: string; code?: string; seen?: boolean }, { anonymous = false } = {}): Promise<Reply<ArticleView>> {
  return callFunction<ArticleView>(FN, 'get', input, { anonymous })
}

export function learnArticle(articleId: string, requestId: string = newRequestId()): Promise<Reply<{ learned: true; learnedCount: number }>> {
  return callFunction(FN, 'learn', { articleId }, { requestId })
}

export function getLearning(cursor = ''): Promise<Reply<LearningPage>> {
  return callFunction<LearningPage>(FN, 'learning', { cursor })
}

export function getShareCode(articleId: string): Promise<Reply<ShareGrant>> {
  return callFunction<ShareGrant>(FN, 'shareCode', { articleId }, { requestId: newRequestId() })
}

export function recordShare(articleId: string, channel: 'chat' | 'timeline' | 'link', requestId: string = newRequestId()): Promise<Reply<ShareGrant>> {
  return callFunction<ShareGrant>(FN, 'share', { articleId, channel }, { requestId })
}

export function getPoster(input: { articleId: string; villageId: string }, requestId: string = newRequestId()): Promise<Reply<PosterData>> {
  return callFunction<PosterData>(FN, 'poster', input, { requestId })
}

export function getReach(articleId?: string): Promise<Reply<ReachTable>> {
  return callFunction<ReachTable>(FN, 'reach', articleId ? { articleId } : {})
}

export function listManaged(query: { status: ArticleStatus | 'any'; cursor?: string }): Promise<Reply<ManagePage>> {
  return callFunction<ManagePage>(FN, 'manageList', query)
}

export function getDraft(articleId: string): Promise<Reply<ArticleDraft>> {
  return callFunction<ArticleDraft>(FN, 'draft', { articleId })
}

export function saveArticle(input: SaveArticleInput & { articleId?: string }, requestId: string = newRequestId()): Promise<Reply<ArticleDraft>> {
  return callFunction<ArticleDraft>(FN, 'save', input, { requestId })
}

export function publishArticle(input: { articleId: string; publishAt: string; notify: boolean }, requestId: string = newRequestId()): Promise<Reply<PublishResult>> {
  return callFunction<PublishResult>(FN, 'publish', input, { requestId })
}

export function withdrawArticle(input: { articleId: string; reason: string }, requestId: string = newRequestId()): Promise<Reply<ManageItem>> {
  return callFunction<ManageItem>(FN, 'withdraw', input, { requestId })
}

export function pinArticle(input: { articleId: string; pinned: boolean }, requestId: string = newRequestId()): Promise<Reply<ManageItem>> {
  return callFunction<ManageItem>(FN, 'pin', input, { requestId })
}

export function notifySubscribers(articleId: string, requestId: string = newRequestId()): Promise<Reply<AlertProgress>> {
  return callFunction<AlertProgress>(FN, 'notify', { articleId }, { requestId })
}
