import { blocksToHtml, type Block } from '../../domain/article-body'
import type { ArticleDraft, PublishResult, SaveArticleInput } from '../../domain/articles'
import { articleImagePath, type ArticleImageExtension } from '../../domain/files'
import type { Reply } from '../../domain/errors'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { main as articles } from '../../cloudfunctions/articles'
import type { Harness } from './functions'

// Articles as office writes them in the app: a draft saved through the
// function (images uploaded first, at the path derived for the uploader and
// the article's fileKey), then published.

let serial = 0
export const newFileKey = () => `fk-${Date.now().toString(36)}-${(serial += 1)}`

export const SAMPLE_BLOCKS: Block[] = [
  { type: 'heading', text: '接到这种电话，马上挂断' },
  { type: 'paragraph', spans: [{ text: '对方自称' }, { text: '公安局民警', bold: true }, { text: '，说你涉嫌洗钱，要你把钱转到“安全账户”。' }] },
  { type: 'list', ordered: false, items: [[{ text: '公检法不会电话办案' }], [{ text: '不存在“安全账户”' }], [{ text: '转账前先打96110问一问' }]] },
]

export function articleInput(overrides: Partial<SaveArticleInput> = {}): SaveArticleInput {
  return {
    fileKey: newFileKey(),
    title: '冒充公检法诈骗又出新花样',
    summary: '自称民警、检察官要你转账到“安全账户”的，都是骗子。',
    keyPoints: ['公检法不会电话办案', '不存在“安全账户”', '转账前先打96110'],
    category: 'alert',
    audiences: ['all', 'elderly'],
    body: blocksToHtml(SAMPLE_BLOCKS),
    sourceUrl: '',
    pinned: false,
    ...overrides,
  }
}

export function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected success, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

export async function saveDraft(h: Harness, overrides: Partial<SaveArticleInput> = {}, openid = 'demo-office'): Promise<ArticleDraft> {
  return data(await h.call<ArticleDraft>('articles', articles, openid, { action: 'save', payload: articleInput(overrides), requestId: h.newRequestId() }))
}

/** A published article (now, or at `publishAt`), as office makes it. */
export async function publishedArticle(h: Harness, overrides: Partial<SaveArticleInput> = {}, options: { openid?: string; notify?: boolean; publishAt?: string } = {}): Promise<{ id: string; draft: ArticleDraft; result: PublishResult }> {
  const openid = options.openid ?? 'demo-office'
  const draft = await saveDraft(h, overrides, openid)
  const result = data(
    await h.call<PublishResult>('articles', articles, openid, {
      action: 'publish',
      payload: { articleId: draft.id, notify: options.notify ?? false, publishAt: options.publishAt ?? '' },
      requestId: h.newRequestId(),
    }),
  )
  return { id: draft.id, draft, result }
}

let images = 0

/** An image uploaded where the editor puts it: under the article's fileKey and the uploader. */
export async function uploadArticleImage(h: Harness, owner: { openid: string; fileKey: string }, content: Buffer, extension: ArticleImageExtension = 'png'): Promise<string> {
  images += 1
  const cloudPath = articleImagePath({ fileKey: owner.fileKey, uploaderId: userIdFor(owner.openid) }, `img-${Date.now().toString(36)}-${images}`, extension)
  const { fileID } = await h.local.app.uploadFile({ cloudPath, fileContent: content })
  return fileID
}

export { articles }
