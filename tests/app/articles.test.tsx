import { act, fireEvent, render, waitFor } from '@testing-library/react'
import type { ArticleCard, ArticleDraft, ArticlePage, ArticleView, ManagePage, PosterData, ShareGrant } from '../../domain/articles'
import type { MessageSettings } from '../../domain/messages'
import LearnPage from '../../src/pages/learn/index'
import ArticlePageView from '../../src/pages/article/index'
import LearningPage from '../../src/pages/learning/index'
import ArticleEditPage from '../../src/pages/staff/article-edit/index'
import ArticlesPage from '../../src/pages/staff/articles/index'
import { PosterMaker } from '../../src/features/articles/components/poster-maker'
import { callsTo, findIn, type Handler, makeMe, mockCloud, ok } from '../support/app-fixtures'
import { taroMock } from '../support/taro-mock'

// 反诈学习 as the pages run in jsdom: Taro mocked at its edge, the function's
// replies faked per test.

// Taro's H5 Image loads lazily through IntersectionObserver, which jsdom lacks.
beforeAll(() => {
  Object.assign(globalThis, {
    IntersectionObserver: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  })
})

const card = (id: string, extra: Partial<ArticleCard> = {}): ArticleCard => ({
  id,
  title: `文章${id}`,
  summary: '摘要',
  category: 'tip',
  audiences: ['all'],
  cover: null,
  publishedAt: '2026-11-20T01:00:00.000Z',
  pinned: false,
  reads: 3,
  ...extra,
})

function view(extra: Partial<ArticleView> = {}): ArticleView {
  return {
    ...card('a1', { title: '冒充公检法又出新花样', category: 'alert' }),
    keyPoints: ['公检法不会电话办案', '不存在安全账户', '转账前先打96110'],
    blocks: [
      { type: 'heading', text: '骗子怎么说' },
      { type: 'paragraph', spans: [{ text: '对方自称' }, { text: '民警', bold: true }] },
      { type: 'image', src: 'http://files/a.png' },
    ],
    source: null,
    learnedCount: 4,
    status: 'published',
    town: { name: '白沙镇', hotlines: [{ label: '反诈专线', number: '96110' }] },
    reader: { learned: false, counted: true, shareVillage: null, mayEdit: false, mayPrintPoster: false },
    counted: true,
    ...extra,
  }
}

const GRANT: ShareGrant = { code: 'ABCDEFGHJK', path: '/pages/article/index?id=a1&s=ABCDEFGHJK', query: 'id=a1&s=ABCDEFGHJK', title: '冒充公检法又出新花样', village: { id: 'v-1', name: '李家村' } }
const SETTINGS: MessageSettings = { templates: [{ key: 'articleAlert', id: 'tmpl-alert', title: '防骗预警提醒', remaining: 0 }] }

function typeInto(container: HTMLElement, selector: string, value: string) {
  const found = container.querySelector(selector) as HTMLElement
  const field = (['INPUT', 'TEXTAREA'].includes(found.tagName) ? found : found.querySelector('input, textarea')) as HTMLInputElement
  if (field.tagName === 'TEXTAREA') fireEvent.change(field, { target: { value } })
  else fireEvent.input(field, { target: { value } })
}

describe('学习', () => {
  it('shows the pinned alerts first, then articles a page at a time, and filters by category', async () => {
    const pages: Record<string, ArticlePage> = {
      first: { pinned: [card('p1', { pinned: true, title: '置顶的预警' })], items: [card('a1'), card('a2')], nextCursor: 'next' },
      next: { pinned: [], items: [card('a3')], nextCursor: null },
      alert: { pinned: [], items: [card('a9', { category: 'alert' })], nextCursor: null },
    }
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe()),
      'articles.list': ({ payload }) => ok(payload.category === 'alert' ? pages.alert : payload.cursor ? pages.next : pages.first),
    })
    const { container } = render(<LearnPage />)
    await findIn(container, '#article-a2')
    const order = Array.from(container.querySelectorAll('[id^="article-"]')).map((node) => node.id)
    expect(order).toEqual(['article-p1', 'article-a1', 'article-a2'])
    expect(container.querySelector('#learn-pinned')?.textContent).toContain('置顶')

    fireEvent.click(container.querySelector('#learn-more') as HTMLElement)
    await findIn(container, '#article-a3')
    expect(callsTo(cloud, 'list').map((call) => call.payload.cursor ?? '')).toEqual(['', 'next'])

    fireEvent.click(container.querySelector('#filter-category-alert') as HTMLElement)
    await findIn(container, '#article-a9')
    expect(container.querySelector('#article-a1')).toBeNull()
    expect(callsTo(cloud, 'list').pop()?.payload).toMatchObject({ category: 'alert', audience: 'any' })

    fireEvent.click(container.querySelector('#article-a9') as HTMLElement)
    expect(taroMock.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/article/index?id=a9' }))
  })

  it('says what to do when the list cannot be loaded, and tries again', async () => {
    let fail = true
    mockCloud({
      'account.signIn': () => ok(makeMe()),
      'articles.list': () => (fail ? { ok: false, error: { code: 'NETWORK', message: '网络不通，请检查网络后重试' } } : ok({ pinned: [], items: [card('a1')], nextCursor: null })),
    })
    const { container } = render(<LearnPage />)
    await waitFor(() => expect(container.textContent).toContain('网络不通'))
    fail = false
    fireEvent.click(Array.from(container.querySelectorAll('.big-button')).find((button) => button.textContent === '重试') as HTMLElement)
    await findIn(container, '#article-a1')
  })
})

describe('the article page', () => {
  const serve = (handlers: Record<string, Handler> = {}) =>
    mockCloud({
      'account.signIn': () => ok(makeMe()),
      'account.messageSettings': () => ok(SETTINGS),
      'articles.get': () => ok(view()),
      'articles.shareCode': () => ok(GRANT),
      'articles.share': () => ok(GRANT),
      'articles.learn': () => ok({ learned: true, learnedCount: 5 }),
      ...handlers,
    })

  it('opens the article the link names with its share code, in readable type with its three points and the hotlines', async () => {
    taroMock.routerParams = { id: 'a1', s: 'abcdefghjk' }
    const cloud = serve()
    const { container } = render(<ArticlePageView />)
    await findIn(container, '#article-title')
    expect(callsTo(cloud, 'get')[0].payload).toEqual({ articleId: 'a1', code: 'ABCDEFGHJK', seen: false })
    expect(container.querySelector('#article-points')?.textContent).toContain('公检法不会电话办案')
    expect(container.querySelector('#article-body')?.textContent).toContain('对方自称民警')
    expect(container.querySelector('#article-body strong')?.textContent).toBe('民警')
    expect(container.querySelector('#article-hotlines')?.textContent).toContain('96110')
    expect(container.querySelector('#article-meta')?.textContent).toContain('阅读 3')
  })

  it('makes the type larger with 大字 and keeps the choice on the phone', async () => {
    taroMock.routerParams = { id: 'a1' }
    serve()
    const { container } = render(<ArticlePageView />)
    await findIn(container, '#article-body p')
    const size = () => Number(/font-size:([\d.]+)px/.exec(container.querySelector('#article-body p')?.getAttribute('data-style') ?? '')?.[1])
    const before = size()
    fireEvent.click(container.querySelector('#font-switch') as HTMLElement)
    await waitFor(() => expect(size()).toBeGreaterThan(before * 1.2))
    expect(taroMock.setStorageSync).toHaveBeenCalledWith('article-large-font', true)
  })

  it('follows WeChat’s own font-size setting', async () => {
    taroMock.routerParams = { id: 'a1' }
    taroMock.getSystemInfoSync.mockReturnValue({ pixelRatio: 2, windowWidth: 375, windowHeight: 667, fontSizeSetting: 20 } as never)
    serve()
    const { container } = render(<ArticlePageView />)
    await findIn(container, '#article-body p')
    const size = Number(/font-size:([\d.]+)px/.exec(container.querySelector('#article-body p')?.getAttribute('data-style') ?? '')?.[1])
    expect(size).toBeCloseTo((18 * 20) / 17, 0)
  })

  it('我已学习 records it once and then offers to be alerted next time (an alert is the moment to ask)', async () => {
    taroMock.routerParams = { id: 'a1' }
    const cloud = serve()
    const { container } = render(<ArticlePageView />)
    fireEvent.click(await findIn(container, '#learn-button'))
    await findIn(container, '#learned-done')
    const [learn] = callsTo(cloud, 'learn')
    expect(learn.payload).toEqual({ articleId: 'a1' })
    expect(learn.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(container.querySelector('#alert-subscribe')?.textContent).toContain('有新骗局时微信提醒我')
    expect(container.querySelector('#article-meta')?.textContent).toContain('已学习 5')
  })

  it('shares to a chat with the reader’s code, and counts the share', async () => {
    taroMock.routerParams = { id: 'a1' }
    const cloud = serve()
    const { container } = render(<ArticlePageView />)
    await findIn(container, '#share-button')
    await waitFor(() => expect(callsTo(cloud, 'shareCode')).toHaveLength(1))
    await waitFor(() => expect(container.querySelector('#share-credit')?.textContent).toContain('李家村'))
    const message = (taroMock.shareHandler as () => { title: string; path: string })()
    expect(message).toEqual({ title: '冒充公检法又出新花样', path: GRANT.path })
    expect((taroMock.timelineHandler as () => { query: string })().query).toBe(GRANT.query)
    await waitFor(() => expect(callsTo(cloud, 'share').map((call) => call.payload.channel)).toEqual(['chat', 'timeline']))
  })

  it('asks a resident who has not said where they live, before their shares can count for a village', async () => {
    taroMock.routerParams = { id: 'a1' }
    const me = makeMe()
    const cloud = serve({
      'articles.shareCode': () => ok({ ...GRANT, village: null }),
      'account.townVillages': () => ok([{ id: 'v-1', name: '李家村' }, { id: 'v-2', name: '王家村' }]),
      'account.setHomeVillage': () => ok({ ...me, homeVillage: { id: 'v-2', name: '王家村' } }),
    })
    const { container } = render(<ArticlePageView />)
    fireEvent.click(await findIn(container, '#share-village-ask'))
    fireEvent.click(await findIn(container, '#home-village-v-2'))
    fireEvent.click(container.querySelector('#home-village-save') as HTMLElement)
    await waitFor(() => expect(callsTo(cloud, 'setHomeVillage')[0]?.payload).toEqual({ villageId: 'v-2' }))
    await waitFor(() => expect(callsTo(cloud, 'shareCode')).toHaveLength(2))
  })

  it('opened from Moments (single-page mode): reads without signing in, counts once per phone, and says how to open the app', async () => {
    taroMock.routerParams = { scene: 'ABCDEFGHJK' }
    Object.assign(taroMock, { getLaunchOptionsSync: jest.fn(() => ({ scene: 1154, path: 'pages/article/index', query: {} })) })
    const anonymous = { ...view(), reader: null }
    const cloud = mockCloud({ 'articles.get': () => ok(anonymous) })
    const { container, unmount } = render(<ArticlePageView />)
    await findIn(container, '#single-page-note')
    expect(callsTo(cloud, 'signIn')).toHaveLength(0)
    expect(callsTo(cloud, 'get')[0].payload).toEqual({ code: 'ABCDEFGHJK', seen: false })
    expect(container.querySelector('#learn-button')).toBeNull()
    expect(container.querySelector('#share-panel')).toBeNull()
    expect(container.textContent).toContain('前往小程序')
    unmount()

    // The same phone opening it again says it counted it already.
    render(<ArticlePageView />)
    await waitFor(() => expect(callsTo(cloud, 'get')).toHaveLength(2))
    expect(callsTo(cloud, 'get')[1].payload).toMatchObject({ seen: true })
  })

  it('says so when the article was withdrawn', async () => {
    taroMock.routerParams = { id: 'gone' }
    serve({ 'articles.get': () => ({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这篇文章，可能已经撤回' } }) })
    const { container } = render(<ArticlePageView />)
    await waitFor(() => expect(container.textContent).toContain('可能已经撤回'))
  })
})

describe('我的学习记录', () => {
  it('lists what I read, which I learned, and the totals', async () => {
    mockCloud({
      'account.signIn': () => ok(makeMe()),
      'articles.learning': () =>
        ok({
          items: [
            { article: { id: 'a1', title: '冒充公检法', category: 'alert', available: true }, readAt: '2026-11-20T01:00:00.000Z', learnedAt: '2026-11-20T01:05:00.000Z' },
            { article: { id: 'a2', title: '撤回了的文章', category: 'tip', available: false }, readAt: '2026-11-18T01:00:00.000Z', learnedAt: null },
          ],
          totals: { read: 2, learned: 1 },
          nextCursor: null,
        }),
    })
    const { container } = render(<LearningPage />)
    await findIn(container, '#learning-totals')
    expect(container.querySelector('#learning-totals')?.textContent).toContain('2读过的文章1已学习')
    expect(container.querySelector('#learning-items')?.textContent).toContain('✓ 已学习')
    expect(container.querySelector('#learning-items')?.textContent).toContain('已撤回')
  })
})

describe('文章发布', () => {
  const DRAFT: ArticleDraft = {
    id: 'a_new',
    fileKey: 'fk-0000000001',
    title: '新预警',
    summary: '',
    keyPoints: ['一', '二', '三'],
    category: 'alert',
    audiences: ['all'],
    cover: null,
    blocks: [],
    imageUrls: {},
    sourceUrl: '',
    pinned: false,
    status: 'draft',
    publishAt: null,
    alert: null,
    uploaderId: 'u_0123456789abcdef01234567',
  }

  it('writes an article on the phone: blocks with bold, an image under the article’s path, saved as a draft', async () => {
    taroMock.routerParams = {}
    taroMock.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/pic.jpg', size: 1000 }] } as never)
    const cloud = mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])), 'articles.save': () => ok(DRAFT) })
    const { container } = render(<ArticleEditPage />)
    await findIn(container, '#article-editor')
    typeInto(container, '#input-title', '新预警')
    typeInto(container, '#key-point-0', '一')
    typeInto(container, '#key-point-1', '二')
    typeInto(container, '#key-point-2', '三')
    fireEvent.click(container.querySelector('#add-paragraph') as HTMLElement)
    typeInto(container, '#block-0-text', '千万**不要转账**给陌生人')
    fireEvent.click(container.querySelector('#add-image') as HTMLElement)
    await findIn(container, '#block-1 .editor-image')
    const [uploadPath] = taroMock.cloud.uploadFile.mock.calls[0] as [{ cloudPath: string }]
    expect(uploadPath.cloudPath).toMatch(/^articles\/[A-Za-z0-9_-]{8,64}\/u_0123456789abcdef01234567\/[A-Za-z0-9_-]{8,64}\.jpg$/)

    fireEvent.click(container.querySelector('#editor-save') as HTMLElement)
    await waitFor(() => expect(callsTo(cloud, 'save')).toHaveLength(1))
    const [save] = callsTo(cloud, 'save')
    expect(save.payload).toMatchObject({ title: '新预警', category: 'alert', keyPoints: ['一', '二', '三'] })
    expect(save.payload.body).toBe(`<p>千万<strong>不要转账</strong>给陌生人</p><img src="cloud://env.bucket/${uploadPath.cloudPath}" />`)
    expect(String(save.payload.fileKey)).toBe(uploadPath.cloudPath.split('/')[1])
  })

  it('shows the schema’s message next to the field and sends nothing', async () => {
    taroMock.routerParams = {}
    const cloud = mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])), 'articles.save': () => ok(DRAFT) })
    const { container } = render(<ArticleEditPage />)
    await findIn(container, '#article-editor')
    fireEvent.click(container.querySelector('#editor-save') as HTMLElement)
    await waitFor(() => expect(container.querySelector('#field-title-error')?.textContent).toBe('请填写标题'))
    expect(callsTo(cloud, 'save')).toHaveLength(0)
  })

  it('publishes an alert with 通知订阅者 and keeps sending until every subscriber is reached', async () => {
    taroMock.routerParams = { id: 'a_new' }
    let round = 0
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'articles.draft': () => ok(DRAFT),
      'articles.publish': () => ok({ article: { id: 'a_new', title: '新预警', category: 'alert', status: 'published', pinned: false, publishAt: '2026-11-30T01:00:00.000Z', updatedAt: '2026-11-30T01:00:00.000Z', authorName: '陈主任', reads: 0, learned: 0, alert: null }, alert: { status: 'sending', sent: 500, total: 1200, failed: 0 } }),
      'articles.notify': () => ok((round += 1) < 2 ? { status: 'sending', sent: 1000, total: 1200, failed: 0 } : { status: 'done', sent: 1200, total: 1200, failed: 0 }),
    })
    const { container } = render(<ArticleEditPage />)
    fireEvent.click(await findIn(container, '#editor-publish'))
    fireEvent.click(await findIn(container, '#publish-confirm'))
    await waitFor(() => expect(container.querySelector('#alert-progress-text')?.textContent).toContain('已通知 1200 位订阅者'))
    expect(callsTo(cloud, 'publish')[0].payload).toEqual({ articleId: 'a_new', publishAt: '', notify: true })
    expect(callsTo(cloud, 'notify')).toHaveLength(2)
    expect(container.querySelector('#publish-done')?.textContent).toContain('已发布')
  })

  it('withdraws an article with a reason, and pins another', async () => {
    const item = { id: 'a1', title: '一篇文章', category: 'tip' as const, status: 'published' as const, pinned: false, publishAt: '2026-11-20T01:00:00.000Z', updatedAt: '2026-11-20T01:00:00.000Z', authorName: '陈主任', reads: 3, learned: 1, alert: null }
    const page: ManagePage = { items: [item], nextCursor: null }
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'articles.manageList': () => ok(page),
      'articles.withdraw': ({ payload }) => ok({ ...item, status: 'withdrawn', reason: payload.reason }),
      'articles.pin': () => ok({ ...item, pinned: true }),
    })
    const { container } = render(<ArticlesPage />)
    fireEvent.click(await findIn(container, '#manage-a1-pin'))
    await waitFor(() => expect(container.querySelector('#manage-a1-pin')?.textContent).toBe('取消置顶'))
    fireEvent.click(container.querySelector('#manage-a1-withdraw') as HTMLElement)
    typeInto(container, '#manage-a1-withdraw-form', '内容有误')
    fireEvent.click(container.querySelector('#manage-a1-withdraw-confirm') as HTMLElement)
    await waitFor(() => expect(container.querySelector('#manage-a1')?.textContent).toContain('已撤回'))
    expect(callsTo(cloud, 'withdraw')[0].payload).toEqual({ articleId: 'a1', reason: '内容有误' })
    expect(callsTo(cloud, 'pin')[0].payload).toEqual({ articleId: 'a1', pinned: true })
  })

  it('tells a resident who finds the page who publishes articles', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe()) })
    const { container } = render(<ArticlesPage />)
    await findIn(container, '#articles-page-forbidden')
  })
})

describe('the poster', () => {
  const POSTER: PosterData = {
    code: 'ABCDEFGHJK',
    codeImage: 'http://files/posters/ABCDEFGHJK.png',
    codeKind: 'wxacode',
    link: null,
    article: { id: 'a1', title: '防骗“四不”', keyPoints: ['不点陌生链接', '不共享屏幕', '转账前先打96110'] },
    village: { id: 'v-1', name: '李家村' },
    town: { name: '白沙镇', hotlines: [{ label: '反诈专线', number: '96110' }, { label: '白沙派出所', number: '023-47722220' }] },
  }

  it('draws the title, points, hotlines and the village’s code on an A4 canvas, and saves it to the album', async () => {
    const calls: [string, ...unknown[]][] = []
    const pen = new Proxy({} as Record<string, unknown>, {
      get: (target, key: string) => (key in target ? target[key] : key === 'measureText' ? (text: string) => ({ width: text.length * 40 }) : (...args: unknown[]) => calls.push([key, ...args])),
      set: (target, key: string, value) => ((target[key] = value), true),
    })
    const image = { src: '', onload: null as null | (() => void), onerror: null }
    const node = {
      width: 300,
      height: 150,
      getContext: () => pen,
      createImage: () =>
        new Proxy(image, {
          set(target, key, value) {
            ;(target as Record<string, unknown>)[key as string] = value
            if (key === 'src') setTimeout(() => target.onload?.(), 0)
            return true
          },
        }),
    }
    taroMock.createSelectorQuery = jest.fn(() => {
      const query = { select: () => query, fields: () => query, exec: (callback: (results: unknown[]) => void) => callback([{ node }]) }
      return query
    }) as never
    Object.assign(taroMock, { saveImageToPhotosAlbum: jest.fn(() => Promise.resolve({ errMsg: 'ok' })) })
    taroMock.downloadFile.mockResolvedValue({ tempFilePath: 'wxfile://tmp/code.png', statusCode: 200 } as never)
    taroMock.canvasToTempFilePath.mockResolvedValue({ tempFilePath: 'wxfile://tmp/poster.png' } as never)

    const { container } = render(<PosterMaker poster={POSTER} />)
    fireEvent.click(await findIn(container, '#poster-save'))
    expect(node.width).toBe(1240)
    expect(node.height).toBe(1754)
    expect(image.src).toBe('wxfile://tmp/code.png')
    const texts = calls.filter(([name]) => name === 'fillText').map(([, text]) => text)
    expect(texts).toEqual(expect.arrayContaining(['防骗“四不”', '96110', '白沙派出所 023-47722220', '李家村 张贴']))
    expect(calls.find(([name]) => name === 'drawImage')).toEqual(['drawImage', expect.anything(), 780, 1264, 380, 380])
    await waitFor(() => expect((taroMock as unknown as { saveImageToPhotosAlbum: jest.Mock }).saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/poster.png' }))
    expect(taroMock.canvasToTempFilePath).toHaveBeenCalledWith(expect.objectContaining({ destWidth: 1240, destHeight: 1754 }))
    await act(async () => undefined)
    expect(container.querySelector('#poster-note')?.textContent).toContain('已保存到手机相册')
  })
})
