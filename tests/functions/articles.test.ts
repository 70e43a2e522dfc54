import { main as account } from '../../cloudfunctions/account'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { blocksToHtml } from '../../domain/article-body'
import { ARTICLE_LIMITS, type ArticleDraft, type ArticlePage, type ArticleView, type LearningPage, type ManagePage, type PosterData, type ReachTable, type ShareGrant } from '../../domain/articles'
import { ANONYMOUS_READS_PER_MINUTE } from '../../cloudfunctions/articles/read'
import { articleInput, articles, data, newFileKey, publishedArticle, saveDraft, uploadArticleImage } from '../support/articles'
import { startFunctionHarness, type Harness } from '../support/functions'
import { personalDataLeaks } from '../support/pii-scan'
import { decodeQrPng, sceneOf } from '../support/qr'
import { PNG_BYTES } from '../support/visits'

// 反诈学习 through the function as the runtime invokes it: publishing and who
// may; what readers see; reads counted once per reader (and, without a
// WeChat identity, counted without keeping anything of the reader); shares
// and posters credited to the village the server recorded for their code.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const call = <T>(openid: string | null, action: string, payload: unknown = {}, write = false) =>
  h.call<T>('articles', articles, openid, { action, payload, ...(write ? { requestId: h.newRequestId() } : {}) })

const list = async (openid: string | null, payload: Record<string, unknown> = {}) => data(await call<ArticlePage>(openid, 'list', payload))
const ids = (page: ArticlePage) => [...page.pinned, ...page.items].map((card) => card.id)
const view = async (openid: string | null, payload: Record<string, unknown>) => data(await call<ArticleView>(openid, 'get', payload))
const stored = async (id: string) => (await h.db.collection('articles').doc(id).get()).data[0] as Record<string, number | string | boolean>
const reachRow = async (articleId: string, key: string) => ((await h.db.collection('reach').doc(`${articleId}__${key}`).get()).data[0] ?? null) as Record<string, number> | null

/** A signed-in resident (a fresh one per call unless named). */
let residents = 0
async function resident(name = `reader-${(residents += 1)}`, homeVillageId?: string): Promise<string> {
  data(await h.call('account', account, name, { action: 'signIn', requestId: h.newRequestId() }))
  if (homeVillageId) data(await h.call('account', account, name, { action: 'setHomeVillage', payload: { villageId: homeVillageId }, requestId: h.newRequestId() }))
  return name
}

/** The rows of every collection: what a refusal must leave as it was. */
async function snapshot(): Promise<string> {
  const names = ['articles', 'reads', 'shares', 'reach', 'alerts', 'throttles', 'outbox', 'subscriptions', 'requests']
  const parts = await Promise.all(names.map(async (name) => JSON.stringify((await h.db.collection(name).limit(1000).get()).data)))
  return parts.join('\n')
}

describe('publishing', () => {
  it('a draft is seen by its publishers only; readers see it once published, newest first', async () => {
    const draft = await saveDraft(h, { title: '草稿：刷单返利新套路' })
    expect(draft.status).toBe('draft')
    expect(ids(await list('demo-resident'))).not.toContain(draft.id)
    expect(await call('demo-resident', 'get', { articleId: draft.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(data(await call<ManagePage>('demo-police', 'manageList', { status: 'draft' })).items.map((item) => item.id)).toContain(draft.id)

    data(await call('demo-police', 'publish', { articleId: draft.id }, true))
    const page = await list('demo-resident')
    expect(page.items[0].id).toBe(draft.id)
    const article = await view('demo-resident', { articleId: draft.id })
    expect(article.title).toBe('草稿：刷单返利新套路')
    expect(article.blocks.map((block) => block.type)).toEqual(['heading', 'paragraph', 'list'])
    expect(article.keyPoints).toHaveLength(3)
    expect(article.town.hotlines.map((line) => line.number)).toContain('96110')
  })

  it('pinned articles head the unfiltered list; a withdrawn one is gone for readers but stays for publishers', async () => {
    const { id } = await publishedArticle(h, { title: '置顶：冒充客服退款' })
    data(await call('demo-office', 'pin', { articleId: id, pinned: true }, true))
    const page = await list('demo-resident')
    expect(page.pinned.map((card) => card.id)).toContain(id)
    expect(page.items.map((card) => card.id)).not.toContain(id)
    // In a filtered list it stands in its place.
    expect((await list('demo-resident', { category: 'alert' })).items.map((card) => card.id)).toContain(id)

    data(await call('demo-office', 'withdraw', { articleId: id, reason: '内容需要更新' }, true))
    expect(ids(await list('demo-resident'))).not.toContain(id)
    expect(await call('demo-resident', 'get', { articleId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await view('demo-office', { articleId: id })).status).toBe('withdrawn')
  })

  it('filters by category and audience, and pages through the list', async () => {
    for (let i = 0; i < ARTICLE_LIMITS.pageSize + 2; i += 1) await publishedArticle(h, { title: `学生篇${i}`, category: 'tip', audiences: ['student'] })
    const first = await list('demo-resident', { audience: 'student' })
    expect(first.items).toHaveLength(ARTICLE_LIMITS.pageSize)
    expect(first.items.every((card) => card.audiences.includes('student'))).toBe(true)
    expect(first.nextCursor).not.toBeNull()
    const second = await list('demo-resident', { audience: 'student', cursor: first.nextCursor })
    expect(second.items.length).toBeGreaterThanOrEqual(2)
    expect(second.items.map((card) => card.id).filter((id) => first.items.some((card) => card.id === id))).toEqual([])
    expect((await list('demo-resident', { category: 'case' })).items.every((card) => card.category === 'case')).toBe(true)
  })

  it('an article published for later stays out of sight until its time', async () => {
    const later = new Date(Date.now() + 3 * 3600_000).toISOString()
    const { id, result } = await publishedArticle(h, { title: '明早发布的提醒' }, { publishAt: later })
    expect(result.article.status).toBe('published')
    expect(ids(await list('demo-resident'))).not.toContain(id)
    expect(await call('demo-resident', 'get', { articleId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // Its time comes: now, so it is the newest and on the first page.
    await h.db.collection('articles').doc(id).update({ publishAt: new Date() })
    expect(ids(await list('demo-resident'))).toContain(id)
  })

  it('refuses a resident, a cadre and a unit head everything of publishing, and writes nothing', async () => {
    const draft = await saveDraft(h)
    const before = await snapshot()
    for (const openid of ['demo-resident', 'demo-cadre', 'demo-unit-head']) {
      for (const [action, payload] of [
        ['save', articleInput()],
        ['save', { ...articleInput(), articleId: draft.id, title: '改标题' }],
        ['publish', { articleId: draft.id }],
        ['pin', { articleId: draft.id, pinned: true }],
        ['withdraw', { articleId: draft.id, reason: '试试' }],
        ['notify', { articleId: draft.id }],
      ] as const) {
        expect(await call(openid, action, payload, true)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
      expect(await call(openid, 'manageList', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await call(openid, 'draft', { articleId: draft.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await snapshot()).toBe(before)
  })

  it('will not publish an article without body or three key points, and says what is missing', async () => {
    const empty = await saveDraft(h, { body: '', keyPoints: ['一条'] })
    expect(await call('demo-office', 'publish', { articleId: empty.id }, true)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'body', message: expect.stringContaining('正文') } })
    const short = await saveDraft(h, { keyPoints: ['一条'] })
    expect(await call('demo-office', 'publish', { articleId: short.id }, true)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'keyPoints', message: expect.stringContaining('三条要点') } })
  })

  it('bounds titles, bodies and images with Chinese messages naming what to fix', async () => {
    const refused = async (overrides: Record<string, unknown>, field: string, words: string) =>
      expect(await call('demo-office', 'save', { ...articleInput(), ...overrides }, true)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field, message: expect.stringContaining(words) } })
    await refused({ title: '标'.repeat(ARTICLE_LIMITS.title + 1) }, 'title', `标题不能超过${ARTICLE_LIMITS.title}个字`)
    await refused({ title: '  ' }, 'title', '请填写标题')
    await refused({ body: 'x'.repeat(100_001) }, 'body', '正文太长')
    await refused({ body: `<p>${'字'.repeat(20_001)}</p>` }, 'body', '正文不能超过')
    await refused({ sourceUrl: 'javascript:alert(1)' }, 'sourceUrl', '原文链接')
    await refused({ keyPoints: ['一', '二', '三', '四'] }, 'keyPoints', '要点最多3条')
    await refused({ audiences: [] }, 'audiences', '请至少选择一个阅读对象')
  })
})

describe('numbers in articles', () => {
  it('are for every reader once published, and for the town’s publishers only before', async () => {
    const body = blocksToHtml([{ type: 'paragraph', spans: [{ text: '骗子最近用 170 1234 5678 这个号码打电话，接到请拨贾嗣派出所 023-47651042。' }] }])
    const draft = await saveDraft(h, { body })
    // The scanner (every h.call) lets office see a draft's number, and nobody else.
    expect((await view('demo-office', { articleId: draft.id })).blocks).toHaveLength(1)
    const shown = { text: '170 1234 5678' }
    expect(personalDataLeaks(shown, { openid: 'demo-resident', reader: h.personalData })).toHaveLength(1)
    data(await call('demo-office', 'publish', { articleId: draft.id }, true))
    expect(personalDataLeaks(shown, { openid: 'demo-resident', reader: h.personalData })).toEqual([])
    const article = await view(await resident(), { articleId: draft.id })
    expect(JSON.stringify(article.blocks)).toContain('170 1234 5678')
    expect(JSON.stringify(await view(null, { articleId: draft.id }))).toContain('170 1234 5678')
  })
})

describe('images', () => {
  it('takes an image the publisher uploaded for this article, and hands readers a temporary link', async () => {
    const fileKey = newFileKey()
    const fileID = await uploadArticleImage(h, { openid: 'demo-office', fileKey }, PNG_BYTES)
    const cover = await uploadArticleImage(h, { openid: 'demo-office', fileKey }, PNG_BYTES)
    const { id } = await publishedArticle(h, { fileKey, coverFileID: cover, body: `<p>看图：</p><img src="${fileID}">${blocksToHtml([{ type: 'paragraph', spans: [{ text: '完' }] }])}` })
    const article = await view('demo-resident', { articleId: id })
    const image = article.blocks.find((block) => block.type === 'image')
    expect(image).toMatchObject({ type: 'image', src: expect.stringMatching(/^http:\/\//) })
    expect(article.cover).toMatch(/^http:\/\//)
    expect((await list('demo-resident')).items.find((card) => card.id === id)?.cover).toMatch(/^http:\/\//)
  })

  it('refuses an image uploaded for another article or by someone else, one not uploaded, a large one and a non-image', async () => {
    const fileKey = newFileKey()
    const otherArticle = await uploadArticleImage(h, { openid: 'demo-office', fileKey: newFileKey() }, PNG_BYTES)
    const otherUser = await uploadArticleImage(h, { openid: 'demo-police', fileKey }, PNG_BYTES)
    const large = await uploadArticleImage(h, { openid: 'demo-office', fileKey }, Buffer.concat([PNG_BYTES, Buffer.alloc(ARTICLE_LIMITS.imageBytes)]))
    const text = await uploadArticleImage(h, { openid: 'demo-office', fileKey }, Buffer.from('<svg onload=alert(1)>'))
    const missing = otherUser.replace(/u_[0-9a-f]{24}/, userIdFor('demo-office')).replace(/img-[^.]+/, 'img-never-uploaded')
    const before = await snapshot()
    for (const [fileID, words] of [
      [otherArticle, '不是为这篇文章上传的'],
      [otherUser, '不是为这篇文章上传的'],
      [missing, '还没有上传成功'],
      [large, '太大'],
      [text, 'JPG 或 PNG'],
    ]) {
      expect(await call('demo-office', 'save', articleInput({ fileKey, body: `<img src="${fileID}">` }), true)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'body', message: expect.stringContaining(words) } })
    }
    expect(await call('demo-office', 'save', articleInput({ fileKey, coverFileID: otherUser }), true)).toMatchObject({ ok: false, error: { field: 'coverFileID' } })
    expect(await snapshot()).toBe(before)
  })

  it("keeps another publisher's images when an article is edited", async () => {
    const fileKey = newFileKey()
    const fileID = await uploadArticleImage(h, { openid: 'demo-office', fileKey }, PNG_BYTES)
    const draft = await saveDraft(h, { fileKey, body: `<p>图</p><img src="${fileID}">` })
    const edited = data(await call<ArticleDraft>('demo-police', 'save', { ...articleInput({ fileKey, body: `<p>改过</p><img src="${fileID}">` }), articleId: draft.id }, true))
    expect(edited.blocks).toContainEqual({ type: 'image', src: fileID })
    expect(edited.imageUrls[fileID]).toMatch(/^http:\/\//)
  })
})

describe('reading', () => {
  it('counts a signed-in reader once, however often they open it', async () => {
    const { id } = await publishedArticle(h)
    const reader = await resident()
    const first = await view(reader, { articleId: id })
    expect(first.counted).toBe(true)
    expect(first.reads).toBe(1)
    const again = await view(reader, { articleId: id })
    expect(again.counted).toBe(false)
    expect(again.reads).toBe(1)
    await view(await resident(), { articleId: id })
    expect(await stored(id)).toMatchObject({ reads: 2, anonymousReads: 0 })
    // A publisher's preview of a draft counts nothing.
    const draft = await saveDraft(h)
    await view('demo-office', { articleId: draft.id })
    expect(await stored(draft.id)).toMatchObject({ reads: 0 })
  })

  it('renders for a caller without a WeChat identity and counts the read without keeping anything of them', async () => {
    const { id } = await publishedArticle(h)
    const readsBefore = await h.count('reads')
    const article = await view(null, { articleId: id })
    expect(article.title).toBeTruthy()
    expect(article.reader).toBeNull()
    expect(article.counted).toBe(true)
    expect(await stored(id)).toMatchObject({ anonymousReads: 1, reads: 0 })
    // The phone remembers it counted this article and says so.
    expect((await view(null, { articleId: id, seen: true })).counted).toBe(false)
    expect(await stored(id)).toMatchObject({ anonymousReads: 1 })
    expect(await h.count('reads')).toBe(readsBefore)
    const kept = JSON.stringify((await h.db.collection('throttles').limit(1000).get()).data)
    expect(kept).not.toMatch(/openid|userId/)
    // It can read, and nothing else.
    for (const [action, payload] of [
      ['learn', { articleId: id }],
      ['share', { articleId: id, channel: 'chat' }],
      ['shareCode', { articleId: id }],
      ['learning', {}],
    ] as const) {
      expect(await call(null, action, payload, true)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    }
    expect((await list(null)).items.length).toBeGreaterThan(0)
  })

  it('limits reads without identity per article and minute, refusing without writing', async () => {
    const { id } = await publishedArticle(h)
    // The counter is per clock minute: start with time to spare, so the calls below fall in one.
    const leftThisMinute = 60_000 - (Date.now() % 60_000)
    if (leftThisMinute < 20_000) await new Promise((resolve) => setTimeout(resolve, leftThisMinute + 200))
    for (let i = 0; i < ANONYMOUS_READS_PER_MINUTE; i += 1) expect((await call(null, 'get', { articleId: id, seen: true })).ok).toBe(true)
    const before = await snapshot()
    expect(await call(null, 'get', { articleId: id })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('一分钟') } })
    expect(await snapshot()).toBe(before)
    // Signed-in readers are not held up by it.
    expect((await call(await resident(), 'get', { articleId: id })).ok).toBe(true)
  }, 60_000)

  it('我已学习 counts once per reader and shows in their 学习记录', async () => {
    const { id } = await publishedArticle(h, { title: '学习记录里的文章' })
    const reader = await resident()
    expect(data(await call<{ learnedCount: number }>(reader, 'learn', { articleId: id }, true)).learnedCount).toBe(1)
    expect(data(await call<{ learnedCount: number }>(reader, 'learn', { articleId: id }, true)).learnedCount).toBe(1)
    expect(await stored(id)).toMatchObject({ learned: 1, reads: 1 })
    expect((await view(reader, { articleId: id })).reader).toMatchObject({ learned: true })
    const record = data(await call<LearningPage>(reader, 'learning', {}))
    expect(record.totals).toEqual({ read: 1, learned: 1 })
    expect(record.items[0]).toMatchObject({ article: { id, title: '学习记录里的文章', available: true }, learnedAt: expect.any(String) })
  })
})

describe('sharing and posters', () => {
  it("credits reads through a resident's share to the village they live in, once per reader", async () => {
    const { id } = await publishedArticle(h)
    const sharer = await resident(undefined, 'v-shiliang')
    const grant = data(await call<ShareGrant>(sharer, 'share', { articleId: id, channel: 'chat' }, true))
    expect(grant.code).toMatch(/^[23456789A-HJKMNP-Z]{10}$/)
    expect(grant.path).toBe(`/pages/article/index?id=${id}&s=${grant.code}`)
    expect(grant.village).toEqual({ id: 'v-shiliang', name: '石梁村' })
    // The same sharer keeps one code.
    expect(data(await call<ShareGrant>(sharer, 'shareCode', { articleId: id }, true)).code).toBe(grant.code)

    const friend = await resident()
    await view(friend, { articleId: id, code: grant.code })
    await view(friend, { articleId: id, code: grant.code })
    await view(null, { articleId: id, code: grant.code })
    // The sharer opening their own link is no read through a share.
    await view(sharer, { articleId: id, code: grant.code })
    expect(await reachRow(id, 'v:v-shiliang')).toMatchObject({ shares: 1, shareReads: 2, reads: 3, unitId: 'unit-dangqun' })
    expect(await reachRow('*', 'v:v-shiliang')).toMatchObject({ shareReads: expect.any(Number) })
    expect(await stored(id)).toMatchObject({ shares: 1, shareReads: 2 })
  })

  it('cannot be forged: an unknown code, or a code of another article, credits nobody', async () => {
    const { id } = await publishedArticle(h)
    const other = await publishedArticle(h)
    const sharer = await resident(undefined, 'v-yanba')
    const code = data(await call<ShareGrant>(sharer, 'shareCode', { articleId: other.id }, true)).code
    await view(await resident(), { articleId: id, code })
    await view(await resident(), { articleId: id, code: 'ABCDEFGHJK' })
    expect(await reachRow(id, 'v:v-yanba')).toBeNull()
    expect(await reachRow(id, 'town')).toMatchObject({ reads: 2, shareReads: 0 })
    expect(await call(await resident(), 'get', { articleId: id, code: 'v-xinhua' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code' } })
  })

  it("prints a village's poster whose code opens the article and credits reads to the village", async () => {
    const { id } = await publishedArticle(h, { title: '海报文章' })
    const poster = data(await call<PosterData>('demo-cadre', 'poster', { articleId: id, villageId: 'v-xinhua' }, true))
    expect(poster).toMatchObject({ codeKind: 'qrcode', village: { id: 'v-xinhua', name: '新华村' }, article: { title: '海报文章' } })
    expect(poster.article.keyPoints).toHaveLength(3)
    expect(poster.town.hotlines.map((line) => line.number)).toEqual(expect.arrayContaining(['96110']))

    const png = Buffer.from(await (await fetch(poster.codeImage)).arrayBuffer())
    const link = decodeQrPng(png)
    expect(link).toBe(poster.link)
    expect(link).toMatch(/#\/pages\/article\/index\?scene=/)
    const scene = sceneOf(link as string) as string
    expect(scene.length).toBeLessThanOrEqual(32)

    // Scanned on a door: opened with the code alone, with or without identity.
    const read = await view(null, { code: scene })
    expect(read.id).toBe(id)
    await view(await resident(), { code: scene })
    expect(await reachRow(id, 'v:v-xinhua')).toMatchObject({ posterReads: 2, reads: 2 })
    // The same village's poster keeps its code.
    expect(data(await call<PosterData>('demo-office', 'poster', { articleId: id, villageId: 'v-xinhua' }, true)).code).toBe(poster.code)
  })

  it("lets a cadre print only their own village's poster, and office any village's", async () => {
    const { id } = await publishedArticle(h)
    const before = await snapshot()
    expect(await call('demo-cadre', 'poster', { articleId: id, villageId: 'v-yanba' }, true)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('demo-resident', 'poster', { articleId: id, villageId: 'v-xinhua' }, true)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await snapshot()).toBe(before)
    expect((await call('demo-office', 'poster', { articleId: id, villageId: 'v-yanba' }, true)).ok).toBe(true)
  })

  it('shows office every village and a unit head only the villages of their unit', async () => {
    const { id } = await publishedArticle(h)
    const sharer = await resident(undefined, 'v-guanyin')
    const grant = data(await call<ShareGrant>(sharer, 'share', { articleId: id, channel: 'timeline' }, true))
    await view(await resident(), { articleId: id, code: grant.code })
    const learner = await resident(undefined, 'v-xinhua')
    data(await call(learner, 'learn', { articleId: id }, true))

    const town = data(await call<ReachTable>('demo-office', 'reach', { articleId: id }))
    expect(town.scope).toBe('town')
    expect(town.rows.find((row) => row.key === 'v:v-guanyin')).toMatchObject({ shares: 1, shareReads: 1 })
    expect(town.rows.find((row) => row.key === 'v:v-xinhua')).toMatchObject({ learned: 1, reads: 1 })
    expect(town.rows.filter((row) => row.key.startsWith('v:'))).toHaveLength(12)
    expect(town.units.find((unit) => unit.id === 'unit-pingan')).toMatchObject({ shares: 1 })

    const unit = data(await call<ReachTable>('demo-unit-head', 'reach', { articleId: id }))
    expect(unit.scope).toBe('unit')
    expect(unit.rows.map((row) => row.key).sort()).toEqual(['v:v-jiasi', 'v:v-shiliang', 'v:v-xinhua'])
    expect(unit.total).toMatchObject({ learned: 1, shares: 0 })

    expect(await call('demo-resident', 'reach', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('demo-police', 'reach', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
