import { BODY_LIMITS, bodyImages, htmlToBlocks } from '../../domain/article-body'
import { ARTICLE_LIMITS, publishProblem, type ArticleDraft, type ArticleStatus, type ManagePage, type PublishResult, type SaveArticleRequest } from '../../domain/articles'
import { AppError } from '../../domain/errors'
import { isArticleImage } from '../../domain/files'
import type { Database } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import { isDuplicateKeyError } from '../_lib/db-errors'
import type { Caller } from '../_lib/function'
import { alertsFor, findAlert } from '../_lib/repos/alerts'
import { articleIdFor, findArticle, listForManagers, NO_COUNTS, type ArticleDoc } from '../_lib/repos/articles'
import { recordAudit } from '../_lib/repos/audit'
import { downloadFileLimited, FileMissingError, FileTooLargeError, temporaryUrls } from '../_lib/storage'
import { sendAlert, startAlert } from './alerts'
import { articleBody } from './body'
import { signedInTown } from './places'
import { alertProgress, decodeCursor, encodeCursor, toManageItem } from './views'

// 文章发布 for office and police: drafts, publishing (now or at a time),
// withdrawing, pinning, and the alert to subscribers. Everything of one town.

const MANAGE_PAGE = 30
/** A scheduled publish time may lie at most this far ahead. */
const MAX_SCHEDULE_MS = 365 * 24 * 3600_000
/** Publish times this close to now count as now (the phone's clock and the tap). */
const NOW_SLACK_MS = 5 * 60_000

async function townArticle(db: Database, caller: Caller, articleId: string): Promise<{ article: ArticleDoc; user: NonNullable<Caller['user']>; townId: string }> {
  const { user, townId } = signedInTown(caller)
  const article = await findArticle(db, articleId)
  if (!article || article.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这篇文章', 'articleId')
  return { article, user, townId }
}

export async function manageList(db: Database, caller: Caller, input: { status: ArticleStatus | 'any'; cursor: string }): Promise<ManagePage> {
  const { townId } = signedInTown(caller)
  const before = input.cursor ? decodeCursor(input.cursor) : null
  if (input.cursor && !before) throw new AppError('INVALID_INPUT', '翻页参数无效，请刷新列表', 'cursor')
  const docs = await listForManagers(db, { townId, status: input.status === 'any' ? undefined : input.status, before: before ?? undefined, limit: MANAGE_PAGE + 1 })
  const items = docs.slice(0, MANAGE_PAGE)
  const alerts = new Map((await alertsFor(db, items.filter((doc) => doc.category === 'alert').map((doc) => doc._id))).map((alert) => [alert.articleId, alert]))
  const last = items[items.length - 1]
  return {
    items: items.map((doc) => toManageItem(doc, alerts.get(doc._id) ?? null)),
    nextCursor: docs.length > MANAGE_PAGE && last ? encodeCursor(last.updatedAt, last._id) : null,
  }
}

export async function draftOf(db: Database, caller: Caller, articleId: string): Promise<ArticleDraft> {
  const { article, user } = await townArticle(db, caller, articleId)
  return toDraft(article, user._id, await findAlert(db, article._id))
}

async function toDraft(article: ArticleDoc, uploaderId: string, alert: Parameters<typeof alertProgress>[0]): Promise<ArticleDraft> {
  const blocks = htmlToBlocks(article.body)
  const files = [article.coverFileID, ...bodyImages(blocks)].filter((id): id is string => Boolean(id))
  const urls = files.length ? await temporaryUrls(files) : new Map<string, string | null>()
  return {
    id: article._id,
    fileKey: article.fileKey,
    title: article.title,
    summary: article.summary,
    keyPoints: article.keyPoints,
    category: article.category,
    audiences: article.audiences,
    cover: article.coverFileID ? { fileID: article.coverFileID, url: urls.get(article.coverFileID) ?? null } : null,
    blocks,
    imageUrls: Object.fromEntries(bodyImages(blocks).map((id) => [id, urls.get(id) ?? null])),
    sourceUrl: article.sourceUrl,
    pinned: article.pinned,
    status: article.status,
    publishAt: article.status === 'draft' || !article.publishAt ? null : new Date(article.publishAt).toISOString(),
    alert: alertProgress(alert),
    uploaderId,
  }
}

const IMAGE_PROBLEMS = {
  foreign: '有一张图片不是为这篇文章上传的，请删除后重新插入',
  missing: '有一张图片还没有上传成功，请删除后重新插入',
  tooLarge: `有一张图片太大（超过${ARTICLE_LIMITS.imageBytes / 1024 / 1024}MB），请换一张或截图后再插入`,
  notImage: '只能插入 JPG 或 PNG 图片，请换一张',
}

/** A JPEG or PNG by its first bytes, whatever its name says. */
function isImage(bytes: Buffer): boolean {
  const png = bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  return png || jpeg
}

/**
 * The article's images: each one the caller uploaded under this article's
 * fileKey, or one it held already (another publisher's); a new one must be
 * in storage, an image, and within the size limit.
 */
async function checkImages(images: readonly { fileID: string; field: string }[], owner: { fileKey: string; uploaderId: string }, held: ReadonlySet<string>): Promise<void> {
  const fresh = images.filter((image) => !held.has(image.fileID))
  for (const image of fresh) if (!isArticleImage(image.fileID, owner)) throw new AppError('INVALID_INPUT', IMAGE_PROBLEMS.foreign, image.field)
  await Promise.all(
    [...new Map(fresh.map((image) => [image.fileID, image])).values()].map(async (image) => {
      let bytes: Buffer
      try {
        bytes = await downloadFileLimited(image.fileID, ARTICLE_LIMITS.imageBytes)
      } catch (error) {
        if (error instanceof FileMissingError) throw new AppError('INVALID_INPUT', IMAGE_PROBLEMS.missing, image.field)
        if (error instanceof FileTooLargeError) throw new AppError('INVALID_INPUT', IMAGE_PROBLEMS.tooLarge, image.field)
        throw error
      }
      if (!isImage(bytes)) throw new AppError('INVALID_INPUT', IMAGE_PROBLEMS.notImage, image.field)
    }),
  )
}

/** Saves a draft, or an edit of a published article (which must stay publishable). */
export async function saveArticle(db: Database, caller: Caller, input: SaveArticleRequest): Promise<ArticleDraft> {
  const { user, townId } = signedInTown(caller)
  const id = input.articleId ?? articleIdFor(caller.openid, input.fileKey)
  const existing = await findArticle(db, id)
  if (existing && existing.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这篇文章', 'articleId')
  if (input.articleId && !existing) throw new AppError('NOT_FOUND', '没有找到这篇文章，可能已被删除', 'articleId')

  const body = articleBody(input.body)
  if ([...body.text].length > BODY_LIMITS.textChars) throw new AppError('INVALID_INPUT', `正文不能超过${BODY_LIMITS.textChars}字，请删减或分成几篇`, 'body')
  if (body.blocks.length > BODY_LIMITS.blocks) throw new AppError('INVALID_INPUT', `正文最多${BODY_LIMITS.blocks}段，请合并段落或分成几篇`, 'body')
  if (body.images.length > BODY_LIMITS.images) throw new AppError('INVALID_INPUT', `正文最多插入${BODY_LIMITS.images}张图片`, 'body')
  const keyPoints = input.keyPoints.map((point) => point.trim()).filter(Boolean)
  const fields = {
    title: input.title,
    summary: input.summary,
    keyPoints,
    category: input.category,
    audiences: input.audiences,
    coverFileID: input.coverFileID || null,
    body: body.html,
    images: body.images,
    sourceUrl: input.sourceUrl,
    pinned: input.pinned,
  }
  if (existing?.status === 'published') {
    const problem = publishProblem({ ...fields, blocks: body.blocks })
    if (problem) throw new AppError('INVALID_INPUT', `${problem.message}（文章已发布，改完仍须完整）`, problem.field)
  }
  const fileKey = existing?.fileKey ?? input.fileKey
  const held = new Set([...(existing?.images ?? []), ...(existing?.coverFileID ? [existing.coverFileID] : [])])
  const images = [...(fields.coverFileID ? [{ fileID: fields.coverFileID, field: 'coverFileID' }] : []), ...body.images.map((fileID) => ({ fileID, field: 'body' }))]
  await checkImages(images, { fileKey, uploaderId: user._id }, held)

  const now = new Date()
  let saved: ArticleDoc
  if (existing) {
    await collection(db, 'articles').doc(id).update({ ...fields, updatedBy: user._id, updatedAt: now })
    saved = { ...existing, ...fields, updatedBy: user._id, updatedAt: now }
  } else {
    saved = {
      _id: id,
      townId,
      fileKey,
      ...fields,
      status: 'draft',
      publishAt: null,
      withdrawnAt: null,
      withdrawReason: '',
      authorId: user._id,
      authorName: user.name,
      updatedBy: user._id,
      createdAt: now,
      updatedAt: now,
      ...NO_COUNTS,
    }
    try {
      await collection(db, 'articles').add(saved)
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
      // The same new article saved again (a retry under a new requestId): it is this one.
      await collection(db, 'articles').doc(id).update({ ...fields, updatedBy: user._id, updatedAt: now })
    }
  }
  return toDraft(saved, user._id, await findAlert(db, id))
}

function publishTime(raw: string, now: Date): Date {
  if (!raw) return now
  const at = new Date(raw)
  if (at.getTime() < now.getTime() - NOW_SLACK_MS) throw new AppError('INVALID_INPUT', '发布时间已经过去，请选「立即发布」或一个以后的时间', 'publishAt')
  if (at.getTime() > now.getTime() + MAX_SCHEDULE_MS) throw new AppError('INVALID_INPUT', '发布时间最多定在一年以内', 'publishAt')
  return at.getTime() <= now.getTime() + NOW_SLACK_MS ? now : at
}

export async function publishArticle(db: Database, caller: Caller, input: { articleId: string; publishAt: string; notify: boolean }): Promise<PublishResult> {
  const { article, user } = await townArticle(db, caller, input.articleId)
  const now = new Date()
  const problem = publishProblem({ ...article, blocks: htmlToBlocks(article.body) })
  if (problem) throw new AppError('INVALID_INPUT', problem.message, problem.field)
  const publishAt = publishTime(input.publishAt, now)
  if (input.notify && article.category !== 'alert') throw new AppError('INVALID_INPUT', '只有「诈骗手法预警」可以通知订阅者', 'notify')
  if (input.notify && publishAt.getTime() > now.getTime()) {
    throw new AppError('INVALID_INPUT', '定时发布的预警不能同时通知：到时间后在「文章发布」里点「通知订阅者」', 'notify')
  }
  const patch = { status: 'published' as const, publishAt, withdrawnAt: null, withdrawReason: '', updatedBy: user._id, updatedAt: now }
  await collection(db, 'articles').doc(article._id).update(patch)
  await recordAudit(db, { townId: article.townId, actor: caller.openid, action: 'articles.publish', target: article._id, detail: { publishAt, notify: input.notify } })
  const published = { ...article, ...patch }
  const alert = input.notify ? await notifyOnce(db, published, user._id) : alertProgress(await findAlert(db, article._id))
  return { article: toManageItem(published, null), alert }
}

async function notifyOnce(db: Database, article: ArticleDoc, userId: string) {
  const existing = await findAlert(db, article._id)
  if (existing) return sendAlert(db, article)
  return startAlert(db, article, userId)
}

/** 通知订阅者 of a published alert that was not sent yet, or the next pages of one under way. */
export async function continueAlert(db: Database, caller: Caller, articleId: string) {
  const { article, user } = await townArticle(db, caller, articleId)
  if (article.category !== 'alert') throw new AppError('INVALID_INPUT', '只有「诈骗手法预警」可以通知订阅者', 'articleId')
  if (article.status !== 'published' || !article.publishAt || new Date(article.publishAt).getTime() > Date.now()) {
    throw new AppError('INVALID_INPUT', '文章发布以后才能通知订阅者', 'articleId')
  }
  return notifyOnce(db, article, user._id)
}

export async function withdrawArticle(db: Database, caller: Caller, input: { articleId: string; reason: string }) {
  const { article, user } = await townArticle(db, caller, input.articleId)
  if (article.status === 'draft') throw new AppError('INVALID_INPUT', '草稿还没有发布，不需要撤回', 'articleId')
  const now = new Date()
  const patch = { status: 'withdrawn' as const, withdrawnAt: now, withdrawReason: input.reason, updatedBy: user._id, updatedAt: now }
  if (article.status !== 'withdrawn') {
    await collection(db, 'articles').doc(article._id).update(patch)
    await recordAudit(db, { townId: article.townId, actor: caller.openid, action: 'articles.withdraw', target: article._id, detail: { reason: input.reason } })
  }
  return toManageItem({ ...article, ...patch }, await findAlert(db, article._id))
}

export async function pinArticle(db: Database, caller: Caller, input: { articleId: string; pinned: boolean }) {
  const { article, user } = await townArticle(db, caller, input.articleId)
  const now = new Date()
  if (article.pinned !== input.pinned) await collection(db, 'articles').doc(article._id).update({ pinned: input.pinned, updatedBy: user._id, updatedAt: now })
  return toManageItem({ ...article, pinned: input.pinned, updatedAt: now }, await findAlert(db, article._id))
}

