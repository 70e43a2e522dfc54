import * as v from 'valibot'
import type { Hotline, PlaceRef } from './account'
import { BODY_LIMITS, bodyText, type Block } from './article-body'
import { docId, oneOf, optionalText, requestIdSchema, text } from './fields'

// 反诈学习: articles that office and police publish, villagers read and share.
// A read that arrives through a share or a poster is credited to the sharer's
// village and unit (or the poster's village): that is how a village's
// promotion (推文推广, 防骗海报张贴到每家每户) is measured.

export const ARTICLE_CATEGORIES = ['alert', 'case', 'tip', 'official'] as const
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number]
export const CATEGORY_LABELS: Record<ArticleCategory, string> = {
  alert: '诈骗手法预警',
  case: '真实案例',
  tip: '防骗小贴士',
  official: '官方推文',
}

export const ARTICLE_AUDIENCES = ['all', 'elderly', 'student', 'accountant', 'business'] as const
export type ArticleAudience = (typeof ARTICLE_AUDIENCES)[number]
export const AUDIENCE_LABELS: Record<ArticleAudience, string> = {
  all: '全体',
  elderly: '老年人',
  student: '学生',
  accountant: '财会人员',
  business: '企业',
}

export const ARTICLE_STATUSES = ['draft', 'published', 'withdrawn'] as const
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]
export const STATUS_LABELS: Record<ArticleStatus, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' }

export const ARTICLE_LIMITS = {
  title: 40,
  summary: 120,
  keyPoint: 30,
  keyPoints: 3,
  sourceUrl: 500,
  /** An image in the body or the cover, after the phone compressed it. */
  imageBytes: 2 * 1024 * 1024,
  /** Articles per page of the 学习 list. */
  pageSize: 20,
  /** Pinned articles shown above the list. */
  pinned: 5,
} as const

/** How a read reached the article: through someone's share, a poster's code, or neither. */
export type ReadVia = 'share' | 'poster' | 'direct'

// ------------------------------------------------------------------ share codes

// Issued by the server for a sharer (or a village's poster) and an article;
// the code is all a link or a mini-program code carries, so it must fit
// wxacode's 32-character `scene` and must not be guessable. No look-alike
// characters (0/O, 1/I/L): a code may be read out or typed.
export const SHARE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const SHARE_CODE_LENGTH = 10

export function generateShareCode(randomIndex: (n: number) => number): string {
  let code = ''
  for (let i = 0; i < SHARE_CODE_LENGTH; i += 1) code += SHARE_CODE_ALPHABET[randomIndex(SHARE_CODE_ALPHABET.length)]
  return code
}

export const shareCodeSchema = v.pipe(
  v.string('分享码无效'),
  v.maxLength(64, '分享码无效'),
  v.transform((value) => value.trim().toUpperCase()),
  v.regex(new RegExp(`^[${SHARE_CODE_ALPHABET}]{${SHARE_CODE_LENGTH}}$`), '分享码无效'),
)

/** The article page of the mini-program (and of the H5 build). */
export const ARTICLE_PAGE = 'pages/article/index'

/** The page path a share opens: the article, and the sharer's code. */
export function articlePath(articleId: string, code?: string | null): string {
  return `/${ARTICLE_PAGE}?${articleQuery(articleId, code)}`
}

export function articleQuery(articleId: string, code?: string | null): string {
  return code ? `id=${encodeURIComponent(articleId)}&s=${encodeURIComponent(code)}` : `id=${encodeURIComponent(articleId)}`
}

/** What the article page was opened with: its query (id, s) or a mini-program code's `scene`. */
export function openedWith(query: Record<string, string | undefined>): { articleId: string | null; code: string | null } {
  const decode = (value: string | undefined) => {
    if (!value) return ''
    try {
      return decodeURIComponent(value)
    } catch {
      return ''
    }
  }
  const id = decode(query.id)
  const code = decode(query.s) || decode(query.scene)
  return {
    articleId: /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null,
    code: v.safeParse(shareCodeSchema, code).success ? code.trim().toUpperCase() : null,
  }
}

// ------------------------------------------------------------------ links

/** 官方推文 links: an article of a 公众号 opens in <WebView>; any other link can only be copied. */
export type SourceLinkKind = 'mp' | 'web'

export function sourceLinkKind(url: string): SourceLinkKind {
  return /^https:\/\/mp\.weixin\.qq\.com\//i.test(url) ? 'mp' : 'web'
}

const sourceUrlSchema = v.pipe(
  v.string('原文链接应为网址'),
  v.trim(),
  v.maxLength(ARTICLE_LIMITS.sourceUrl, `原文链接不能超过${ARTICLE_LIMITS.sourceUrl}个字符`),
  v.check((value) => value === '' || /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s<>"']*)?$/.test(value), '原文链接应以 http:// 或 https:// 开头，例如 https://mp.weixin.qq.com/s/…'),
)

// ------------------------------------------------------------------ inputs

const articleIdSchema = docId('文章')
const categorySchema = oneOf('文章分类', ARTICLE_CATEGORIES)
const audiencesSchema = v.pipe(
  v.array(v.picklist(ARTICLE_AUDIENCES, '阅读对象选项无效'), '请选择阅读对象'),
  v.minLength(1, '请至少选择一个阅读对象'),
  v.maxLength(ARTICLE_AUDIENCES.length, '阅读对象重复'),
  v.transform((list) => [...new Set(list)]),
)
/** A cloud fileID (the server checks it is one uploaded for this article). */
const fileIdSchema = (label: string) => v.pipe(v.string(`${label}无效，请重新上传`), v.maxLength(300, `${label}无效，请重新上传`), v.regex(/^(cloud:\/\/\S{1,290})?$/, `${label}无效，请重新上传`))

/** An instant as ISO 8601 (2026-03-01T09:00:00+08:00), within a year of now. */
const instantSchema = (label: string) =>
  v.pipe(
    v.string(`请选择${label}`),
    v.maxLength(40, `${label}格式不正确`),
    v.check((value) => value === '' || !Number.isNaN(Date.parse(value)), `${label}格式不正确`),
  )

export const listArticlesSchema = v.object({
  category: v.optional(v.picklist([...ARTICLE_CATEGORIES, 'any'], '文章分类无效'), 'any'),
  audience: v.optional(v.picklist([...ARTICLE_AUDIENCES, 'any'], '阅读对象无效'), 'any'),
  cursor: v.optional(v.pipe(v.string('翻页参数无效'), v.maxLength(80, '翻页参数无效')), ''),
  /** For callers without a WeChat identity in a deployment of several towns. */
  townId: v.optional(docId('乡镇')),
})
export type ListArticlesInput = v.InferOutput<typeof listArticlesSchema>

export const getArticleSchema = v.object({
  articleId: v.optional(articleIdSchema),
  /** The share or poster code the page was opened with. */
  code: v.optional(v.union([v.literal(''), shareCodeSchema], '分享码无效'), ''),
  /** A phone without identity (Moments' single-page mode) that counted this article already says so. */
  seen: v.optional(v.boolean('参数无效'), false),
})
export type GetArticleInput = v.InferOutput<typeof getArticleSchema>

export const articleRefSchema = v.object({ articleId: articleIdSchema })

export const shareArticleSchema = v.object({
  articleId: articleIdSchema,
  /** Where it is being shared: a chat, Moments, or a copied link (H5). */
  channel: oneOf('分享方式', ['chat', 'timeline', 'link'] as const),
})

export const posterSchema = v.object({ articleId: articleIdSchema, villageId: docId('村（社区）') })

export const saveArticleSchema = v.object({
  /** An existing article; left out to create one. */
  articleId: v.optional(articleIdSchema),
  /** The id the new article's files are uploaded under (the client's first requestId for it). */
  fileKey: requestIdSchema,
  title: text('标题', { max: ARTICLE_LIMITS.title }),
  summary: optionalText('摘要', ARTICLE_LIMITS.summary),
  keyPoints: v.pipe(
    v.array(optionalText('要点', ARTICLE_LIMITS.keyPoint), '要点格式不正确'),
    v.maxLength(ARTICLE_LIMITS.keyPoints, `要点最多${ARTICLE_LIMITS.keyPoints}条`),
  ),
  category: categorySchema,
  audiences: audiencesSchema,
  coverFileID: v.optional(fileIdSchema('封面图片'), ''),
  body: v.pipe(v.string('正文应为文字'), v.maxLength(BODY_LIMITS.htmlChars, `正文太长（超过${BODY_LIMITS.htmlChars / 10000}万字符），请删减或分成几篇`)),
  sourceUrl: v.optional(sourceUrlSchema, ''),
  pinned: v.optional(v.boolean('置顶选项无效'), false),
})
export type SaveArticleInput = v.InferInput<typeof saveArticleSchema>
export type SaveArticleRequest = v.InferOutput<typeof saveArticleSchema>

export const publishArticleSchema = v.object({
  articleId: articleIdSchema,
  /** When readers see it; '' is now. A later time publishes on schedule. */
  publishAt: v.optional(instantSchema('发布时间'), ''),
  /** 通知订阅者: only for 诈骗手法预警 published now. */
  notify: v.optional(v.boolean('通知选项无效'), false),
})

export const withdrawArticleSchema = v.object({ articleId: articleIdSchema, reason: text('撤回原因', { max: 100 }) })
export const pinArticleSchema = v.object({ articleId: articleIdSchema, pinned: v.boolean('置顶选项无效') })

export const manageArticlesSchema = v.object({
  status: v.optional(v.picklist([...ARTICLE_STATUSES, 'any'], '状态无效'), 'any'),
  cursor: v.optional(v.pipe(v.string('翻页参数无效'), v.maxLength(80, '翻页参数无效')), ''),
})

export const reachSchema = v.object({ articleId: v.optional(articleIdSchema) })

export const learningSchema = v.object({ cursor: v.optional(v.pipe(v.string('翻页参数无效'), v.maxLength(80, '翻页参数无效')), '') })

/** What stops a draft from being published, as the field to fix and what to do; null when it may go out. */
export function publishProblem(article: { title: string; keyPoints: readonly string[]; blocks: readonly Block[]; category: ArticleCategory; sourceUrl: string }): { field: string; message: string } | null {
  if (!article.title.trim()) return { field: 'title', message: '请填写标题' }
  const text = bodyText(article.blocks).trim()
  if (!text && !(article.category === 'official' && article.sourceUrl)) return { field: 'body', message: '正文还是空的，请先写正文再发布' }
  if ([...text].length > BODY_LIMITS.textChars) return { field: 'body', message: `正文不能超过${BODY_LIMITS.textChars}字，请删减或分成几篇` }
  if (article.keyPoints.filter((point) => point.trim()).length < ARTICLE_LIMITS.keyPoints) {
    return { field: 'keyPoints', message: '请填写三条要点：它们印在海报上，也显示在文章开头' }
  }
  return null
}

// ------------------------------------------------------------------ replies

export interface ArticleCard {
  id: string
  title: string
  summary: string
  category: ArticleCategory
  audiences: ArticleAudience[]
  /** A temporary link to the cover image, or null. */
  cover: string | null
  /** ISO instant. */
  publishedAt: string
  pinned: boolean
  reads: number
}

export interface ArticlePage {
  /** Pinned alerts, on the first page of the unfiltered list only. */
  pinned: ArticleCard[]
  items: ArticleCard[]
  nextCursor: string | null
}

export interface ArticleView extends ArticleCard {
  keyPoints: string[]
  blocks: Block[]
  source: { url: string; kind: SourceLinkKind } | null
  learnedCount: number
  status: ArticleStatus
  /** The town's hotlines: 96110 and the police station, shown under every article. */
  town: { name: string; hotlines: Hotline[] }
  /** What this reader has done and may do; null for a reader without a WeChat identity. */
  reader: {
    learned: boolean
    /** The read was counted now or before (false for a publisher's preview). */
    counted: boolean
    /** The village a share by this reader is credited to; null until they say where they live. */
    shareVillage: PlaceRef | null
    mayEdit: boolean
    mayPrintPoster: boolean
  } | null
  /** Counted for this phone now (a phone without identity keeps this to count once). */
  counted: boolean
}

export interface ShareGrant {
  code: string
  /** For useShareAppMessage, and (with the origin) the H5 link. */
  path: string
  /** For useShareTimeline. */
  query: string
  title: string
  /** Credited to: the sharer's village, or null when the sharer has none. */
  village: PlaceRef | null
}

export interface ManageItem {
  id: string
  title: string
  category: ArticleCategory
  status: ArticleStatus
  pinned: boolean
  /** ISO; null for a draft. */
  publishAt: string | null
  updatedAt: string
  authorName: string
  reads: number
  learned: number
  alert: AlertProgress | null
}

export interface ManagePage {
  items: ManageItem[]
  nextCursor: string | null
}

export interface AlertProgress {
  status: 'sending' | 'done'
  /** Messages delivered. */
  sent: number
  /** Subscribers when sending began (an estimate: grants change meanwhile). */
  total: number
  failed: number
}

export interface ArticleDraft {
  id: string
  fileKey: string
  title: string
  summary: string
  keyPoints: string[]
  category: ArticleCategory
  audiences: ArticleAudience[]
  cover: { fileID: string; url: string | null } | null
  /** Images hold fileIDs. */
  blocks: Block[]
  /** Temporary links of the body's images, by fileID, for the editor's preview. */
  imageUrls: Record<string, string | null>
  sourceUrl: string
  pinned: boolean
  status: ArticleStatus
  publishAt: string | null
  alert: AlertProgress | null
  /** The caller's id: new images go under it. */
  uploaderId: string
}

export interface PublishResult {
  article: ManageItem
  alert: AlertProgress | null
}

export interface ReachCounts {
  shares: number
  shareReads: number
  posterReads: number
  learned: number
  reads: number
}

export interface ReachRow extends ReachCounts {
  /** v:<villageId>, u:<unitId> (a unit's own staff), or town (no village). */
  key: string
  name: string
  unitId: string | null
}

export interface ReachUnit extends ReachCounts {
  id: string | null
  name: string
}

export interface ReachTable {
  scope: 'town' | 'unit'
  scopeName: string
  /** The article the table is about; null: all articles together. */
  article: { id: string; title: string } | null
  total: ReachCounts
  units: ReachUnit[]
  rows: ReachRow[]
  /** Recent published articles with their totals, to pick one. */
  articles: ({ id: string; title: string; publishedAt: string } & ReachCounts)[]
}

export interface LearningItem {
  /** null when the article is gone; `available` false when it was withdrawn (the record stays, the link does not). */
  article: { id: string; title: string; category: ArticleCategory; available: boolean } | null
  readAt: string
  learnedAt: string | null
}

export interface LearningPage {
  items: LearningItem[]
  /** On the first page only. */
  totals: { read: number; learned: number } | null
  nextCursor: string | null
}

export interface PosterData {
  code: string
  /** A temporary link to the code image (a mini-program code; locally a QR code of the H5 link). */
  codeImage: string
  codeKind: 'wxacode' | 'qrcode'
  /** What the code opens, when it is a link (locally). */
  link: string | null
  article: { id: string; title: string; keyPoints: string[] }
  village: PlaceRef
  town: { name: string; hotlines: Hotline[] }
}
