import { ACCESS } from '../../domain/access'
import {
  articleRefSchema,
  getArticleSchema,
  learningSchema,
  listArticlesSchema,
  manageArticlesSchema,
  pinArticleSchema,
  posterSchema,
  publishArticleSchema,
  reachSchema,
  saveArticleSchema,
  shareArticleSchema,
  withdrawArticleSchema,
} from '../../domain/articles'
import { action, defineFunction } from '../_lib/function'
import { continueAlert, draftOf, manageList, pinArticle, publishArticle, saveArticle, withdrawArticle } from './manage'
import { reachTable } from './reach'
import { learnArticle, learningRecord, listArticles, readArticle } from './read'
import { posterFor, shareArticle, shareCode } from './share'

// 反诈学习. `list` and `get` are open to callers without a WeChat identity
// (an article opened from Moments runs in single-page mode, with no login):
// they read, count a read without keeping anything of the reader, and limit
// their own rate (read.ts). Everything else needs a signed-in user. The
// function has no timer (defineFunction refuses one next to public actions).

export const main = defineFunction('articles', {
  list: action({
    audience: 'public',
    input: listArticlesSchema,
    run: ({ db, caller, input }) => listArticles(db, caller, input),
  }),

  get: action({
    audience: 'public',
    input: getArticleSchema,
    run: ({ db, caller, input }) => readArticle(db, caller, input),
  }),

  /** 我已学习 */
  learn: action({
    audience: 'anyone',
    write: true,
    input: articleRefSchema,
    run: ({ db, caller, input }) => learnArticle(db, caller, input.articleId),
  }),

  /** 学习记录: what the caller read and learned. */
  learning: action({
    audience: 'anyone',
    input: learningSchema,
    run: ({ db, caller, input }) => learningRecord(db, caller, input.cursor),
  }),

  /** The caller's share code for the article, made once (the page asks before the user taps share). */
  shareCode: action({
    audience: 'anyone',
    write: true,
    idempotency: 'document-id',
    input: articleRefSchema,
    run: ({ db, caller, input }) => shareCode(db, caller, input.articleId),
  }),

  /** A share to a chat, to Moments or as a copied link: counted for the sharer's village and unit. */
  share: action({
    audience: 'anyone',
    write: true,
    input: shareArticleSchema,
    run: ({ db, caller, input }) => shareArticle(db, caller, input.articleId),
  }),

  /** 防骗海报: a village's code for the article, and what the poster prints. */
  poster: action({
    audience: ACCESS.printPosters,
    write: true,
    input: posterSchema,
    run: ({ db, caller, input }) => posterFor(db, caller, input.articleId, input.villageId),
  }),

  /** 宣传成效 */
  reach: action({
    audience: ACCESS.watchArticleReach,
    input: reachSchema,
    run: ({ db, caller, input }) => reachTable(db, caller, input.articleId),
  }),

  manageList: action({
    audience: ACCESS.publishArticles,
    input: manageArticlesSchema,
    run: ({ db, caller, input }) => manageList(db, caller, input),
  }),

  draft: action({
    audience: ACCESS.publishArticles,
    input: articleRefSchema,
    run: ({ db, caller, input }) => draftOf(db, caller, input.articleId),
  }),

  save: action({
    audience: ACCESS.publishArticles,
    write: true,
    input: saveArticleSchema,
    run: ({ db, caller, input }) => saveArticle(db, caller, input),
  }),

  publish: action({
    audience: ACCESS.publishArticles,
    write: true,
    input: publishArticleSchema,
    run: ({ db, caller, input }) => publishArticle(db, caller, input),
  }),

  withdraw: action({
    audience: ACCESS.publishArticles,
    write: true,
    input: withdrawArticleSchema,
    run: ({ db, caller, input }) => withdrawArticle(db, caller, input),
  }),

  pin: action({
    audience: ACCESS.publishArticles,
    write: true,
    input: pinArticleSchema,
    run: ({ db, caller, input }) => pinArticle(db, caller, input),
  }),

  /** 通知订阅者: starts or goes on sending the alert (a page of subscribers at a time). */
  notify: action({
    audience: ACCESS.publishArticles,
    write: true,
    input: articleRefSchema,
    run: ({ db, caller, input }) => continueAlert(db, caller, input.articleId),
  }),
})
