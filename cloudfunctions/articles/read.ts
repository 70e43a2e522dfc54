import { htmlToBlocks, type Block } from '../../domain/article-body'
import { can } from '../../domain/access'
import { ARTICLE_LIMITS, sourceLinkKind, type ArticlePage, type ArticleView, type GetArticleInput, type LearningPage, type ListArticlesInput, type ReadVia } from '../../domain/articles'
import { AppError } from '../../domain/errors'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { articlesByIds, countOnArticle, findArticle, listPublished, type ArticleCounters, type ArticleDoc } from '../_lib/repos/articles'
import { countReach } from '../_lib/repos/reach'
import { countReadsOf, findRead, insertFirstRead, listReadsOf, markLearned, readIdFor, type Credit, type ReadDoc } from '../_lib/repos/reads'
import { findShare, type ShareDoc } from '../_lib/repos/shares'
import { admit } from '../_lib/repos/throttles'
import { temporaryUrls } from '../_lib/storage'
import { creditOf, readerTownId, signedInTown, townById, TOWN_CREDIT } from './places'
import { coverUrls, decodeCursor, encodeCursor, toCard } from './views'

/**
 * Calls per minute a caller without identity may make: per article (a
 * Moments share going round a village is a few opens a second at most) and
 * per town for the list. Above it they are asked to wait a minute; nothing
 * about them is kept either way.
 */
export const ANONYMOUS_READS_PER_MINUTE = 300
export const ANONYMOUS_LISTS_PER_MINUTE = 300

const NOT_FOUND = '没有找到这篇文章，可能已经撤回'
const TOO_MANY = '现在打开这篇文章的人太多，请过一分钟再试'

/** Whether readers (not only its publishers) can see the article now. */
export function isLive(article: Pick<ArticleDoc, 'status' | 'publishAt'>, now = new Date()): boolean {
  return article.status === 'published' && article.publishAt !== null && new Date(article.publishAt).getTime() <= now.getTime()
}

export function isPublisherOf(caller: Caller | null, townId: string): boolean {
  return Boolean(caller?.user && caller.user.townId === townId && can(caller.roles, 'publishArticles'))
}

/** The article a reader may open now (publishers of its town may open any of theirs). */
export async function readableArticle(db: Database, caller: Caller | null, articleId: string): Promise<ArticleDoc> {
  const article = await findArticle(db, articleId)
  if (!article || !(isLive(article) || isPublisherOf(caller, article.townId))) throw new AppError('NOT_FOUND', NOT_FOUND, 'articleId')
  return article
}

// ------------------------------------------------------------------ 学习: the list

export async function listArticles(db: Database, caller: Caller | null, input: ListArticlesInput): Promise<ArticlePage> {
  const townId = await readerTownId(db, caller, input.townId)
  const before = input.cursor ? decodeCursor(input.cursor) : null
  if (input.cursor && !before) throw new AppError('INVALID_INPUT', '翻页参数无效，请刷新列表', 'cursor')
  if (!caller?.user && !(await admit(db, `list:${townId}`, ANONYMOUS_LISTS_PER_MINUTE))) throw new AppError('RATE_LIMITED', '现在看文章的人太多，请过一分钟再试')
  const now = new Date()
  const category = input.category === 'any' ? undefined : input.category
  const audience = input.audience === 'any' ? undefined : input.audience
  const unfiltered = !category && !audience
  const limit = ARTICLE_LIMITS.pageSize
  // The pinned alerts head the unfiltered list, so it leaves them out below; a filtered list has them in their place.
  const [pinned, docs] = await Promise.all([
    unfiltered && !before ? listPublished(db, { townId, now, pinned: true, limit: ARTICLE_LIMITS.pinned }) : Promise.resolve([]),
    listPublished(db, { townId, now, category, audience, pinned: unfiltered ? false : undefined, before: before ?? undefined, limit: limit + 1 }),
  ])
  const items = docs.slice(0, limit)
  const covers = await coverUrls([...pinned, ...items])
  const last = items[items.length - 1]
  return {
    pinned: pinned.map((doc) => toCard(doc, covers)),
    items: items.map((doc) => toCard(doc, covers)),
    nextCursor: docs.length > limit && last ? encodeCursor(last.publishAt, last._id) : null,
  }
}

// ------------------------------------------------------------------ the article

export async function readArticle(db: Database, caller: Caller | null, input: GetArticleInput): Promise<ArticleView> {
  const share = input.code ? await findShare(db, input.code) : null
  const articleId = input.articleId ?? share?.articleId
  if (!articleId) throw new AppError('NOT_FOUND', '这个二维码或链接已失效，请到「学习」里找这篇文章', 'code')
  const article = await readableArticle(db, caller, articleId)
  // A code of another article (a mixed-up link) credits nobody.
  const via = share && share.articleId === article._id && share.townId === article.townId ? share : null
  const live = isLive(article)
  const user = caller?.user ?? null

  let counted = false
  let read: ReadDoc | null = null
  if (live && !user) {
    // Without identity: counted, rate-limited, and nothing about the reader is kept.
    if (!(await admit(db, `read:${article._id}`, ANONYMOUS_READS_PER_MINUTE))) throw new AppError('RATE_LIMITED', TOO_MANY)
    if (!input.seen) {
      await countRead(db, article, via ? via.credit : TOWN_CREDIT, via?.kind ?? 'direct', { anonymousReads: 1 })
      counted = true
    }
  } else if (live && user) {
    read = await findRead(db, article._id, user._id)
    if (!read) {
      read = await firstRead(db, article, user, via)
      counted = read !== null
    }
  }
  return articleView(db, caller, article, { counted, read })
}

/** A signed-in user's first read: recorded once, then counted; null when another call recorded it first. */
async function firstRead(db: Database, article: ArticleDoc, user: NonNullable<Caller['user']>, via: ShareDoc | null): Promise<ReadDoc | null> {
  // Reading one's own share is no read through a share.
  const through = via && via.sharerId !== user._id ? via : null
  const credit = through ? through.credit : (await creditOf(db, user)).credit
  const read: ReadDoc = {
    _id: readIdFor(article._id, user._id),
    townId: article.townId,
    articleId: article._id,
    userId: user._id,
    via: through?.kind ?? 'direct',
    code: through?._id ?? null,
    credit,
    readAt: new Date(),
    learnedAt: null,
  }
  if (!(await insertFirstRead(db, read))) return null
  await countRead(db, article, credit, read.via, { reads: 1 })
  return read
}

async function countRead(db: Database, article: ArticleDoc, credit: Credit, via: ReadVia, reader: Partial<ArticleCounters>): Promise<void> {
  const through = via === 'share' ? { shareReads: 1 } : via === 'poster' ? { posterReads: 1 } : {}
  await Promise.all([countOnArticle(db, article._id, { ...reader, ...through }), countReach(db, article.townId, article._id, credit, { reads: 1, ...through })])
}

async function articleView(db: Database, caller: Caller | null, article: ArticleDoc, state: { counted: boolean; read: ReadDoc | null }): Promise<ArticleView> {
  const blocks = htmlToBlocks(article.body)
  const files = [article.coverFileID, ...article.images].filter((id): id is string => Boolean(id))
  const [urls, town, share] = await Promise.all([
    files.length ? temporaryUrls(files) : Promise.resolve(new Map<string, string | null>()),
    townById(db, article.townId),
    caller?.user ? creditOf(db, caller.user) : Promise.resolve(null),
  ])
  const shown: Block[] = blocks.map((block) => (block.type === 'image' ? { type: 'image', src: block.src ? urls.get(block.src) ?? null : null } : block))
  const user = caller?.user ?? null
  return {
    id: article._id,
    title: article.title,
    summary: article.summary,
    category: article.category,
    audiences: article.audiences,
    cover: article.coverFileID ? urls.get(article.coverFileID) ?? null : null,
    publishedAt: new Date(article.publishAt ?? article.updatedAt).toISOString(),
    pinned: article.pinned,
    reads: article.reads + article.anonymousReads + (state.counted ? 1 : 0),
    keyPoints: article.keyPoints,
    blocks: shown,
    source: article.sourceUrl ? { url: article.sourceUrl, kind: sourceLinkKind(article.sourceUrl) } : null,
    learnedCount: article.learned,
    status: article.status,
    town: { name: town?.name ?? '', hotlines: town?.hotlines ?? [] },
    reader:
      user && caller
        ? {
            learned: Boolean(state.read?.learnedAt),
            counted: state.read !== null,
            shareVillage: share?.village ?? null,
            mayEdit: isPublisherOf(caller, article.townId),
            mayPrintPoster: can(caller.roles, 'printPosters') && user.townId === article.townId,
          }
        : null,
    counted: state.counted,
  }
}

// ------------------------------------------------------------------ 我已学习 and 学习记录

export async function learnArticle(db: Database, caller: Caller, articleId: string): Promise<{ learned: true; learnedCount: number }> {
  const { user } = signedInTown(caller)
  const article = await readableArticle(db, caller, articleId)
  if (!isLive(article)) throw new AppError('INVALID_INPUT', '文章还没有发布，发布后才能标记已学习', 'articleId')
  const read = (await findRead(db, article._id, user._id)) ?? (await firstRead(db, article, user, null)) ?? (await findRead(db, article._id, user._id))
  if (!read) throw new AppError('CONFLICT', '请稍后再点一次「我已学习」')
  if (read.learnedAt) return { learned: true, learnedCount: article.learned }
  if (!(await markLearned(db, read._id, new Date()))) return { learned: true, learnedCount: article.learned }
  await Promise.all([countOnArticle(db, article._id, { learned: 1 }), countReach(db, article.townId, article._id, read.credit, { learned: 1 })])
  return { learned: true, learnedCount: article.learned + 1 }
}

const LEARNING_PAGE = 20

export async function learningRecord(db: Database, caller: Caller, cursor: string): Promise<LearningPage> {
  const { user } = signedInTown(caller)
  const before = cursor ? new Date(cursor) : undefined
  if (before && Number.isNaN(before.getTime())) throw new AppError('INVALID_INPUT', '翻页参数无效，请刷新', 'cursor')
  const [reads, counts] = await Promise.all([listReadsOf(db, user._id, before, LEARNING_PAGE + 1), before ? Promise.resolve(null) : countReadsOf(db, user._id)])
  const page = reads.slice(0, LEARNING_PAGE)
  const articles = new Map((await articlesByIds(db, [...new Set(page.map((read) => read.articleId))])).map((doc) => [doc._id, doc]))
  const last = page[page.length - 1]
  return {
    items: page.map((read) => {
      const article = articles.get(read.articleId)
      // A withdrawn article stays in one's record, without its link.
      return {
        article: article ? { id: article._id, title: article.title, category: article.category, available: isLive(article) } : null,
        readAt: new Date(read.readAt).toISOString(),
        learnedAt: read.learnedAt ? new Date(read.learnedAt).toISOString() : null,
      }
    }),
    totals: counts,
    nextCursor: reads.length > LEARNING_PAGE && last ? new Date(last.readAt).toISOString() : null,
  }
}
