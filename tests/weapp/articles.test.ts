import type { ArticlePage, ArticleView } from '../../domain/articles'
import { makeMe } from '../support/app-fixtures'
import { loadWeapp, waitFor } from './support/weapp-harness'

// 学习 and the article page as the compiled mini-program (dist/) renders them
// under miniprogram-simulate: the real WeChat component framework, with only
// wx mocked.

const CARD = { summary: '摘要', audiences: ['all'] as const, cover: null, publishedAt: '2026-11-20T01:00:00.000Z', reads: 12 }
const PAGE: ArticlePage = {
  pinned: [{ ...CARD, id: 'p1', title: '置顶：冒充公检法', category: 'alert', audiences: ['all'], pinned: true }],
  items: [
    { ...CARD, id: 'a1', title: '刷单返利都是诈骗', category: 'alert', audiences: ['all'], pinned: false },
    { ...CARD, id: 'a2', title: '写给老人的防骗提醒', category: 'tip', audiences: ['elderly'], pinned: false },
  ],
  nextCursor: null,
}

const VIEW: ArticleView = {
  ...CARD,
  id: 'a1',
  title: '刷单返利都是诈骗',
  category: 'alert',
  audiences: ['all'],
  pinned: false,
  keyPoints: ['所有刷单都是诈骗', '先垫钱的都是骗子', '转账前先打96110'],
  blocks: [
    { type: 'heading', text: '骗局的套路' },
    { type: 'paragraph', spans: [{ text: '先给你' }, { text: '小甜头', bold: true }] },
  ],
  source: null,
  learnedCount: 3,
  status: 'published',
  town: { name: '白沙镇', hotlines: [{ label: '反诈专线', number: '96110' }] },
  reader: { learned: false, counted: true, shareVillage: { id: 'v-1', name: '李家村' }, mayEdit: false, mayPrintPoster: false },
  counted: true,
}

const calls: { name: string; action: string; payload: Record<string, unknown> }[] = []
let scene = 1001

describe('反诈学习 in the built weapp (dist/)', () => {
  const weapp = loadWeapp(
    ({ name, data }) => {
      calls.push({ name, action: String(data.action), payload: (data.payload ?? {}) as Record<string, unknown> })
      if (name === 'account' && (data.action === 'signIn' || data.action === 'me')) return { ok: true, data: makeMe() }
      if (name === 'account' && data.action === 'messageSettings') return { ok: true, data: { templates: [{ key: 'articleAlert', id: 't', title: '防骗预警提醒', remaining: 0 }] } }
      if (name === 'articles' && data.action === 'list') return { ok: true, data: PAGE }
      if (name === 'articles' && data.action === 'get') return { ok: true, data: scene === 1154 ? { ...VIEW, reader: null } : VIEW }
      if (name === 'articles' && data.action === 'shareCode') return { ok: true, data: { code: 'ABCDEFGHJK', path: '/pages/article/index?id=a1&s=ABCDEFGHJK', query: 'id=a1&s=ABCDEFGHJK', title: VIEW.title, village: { id: 'v-1', name: '李家村' } } }
      if (name === 'articles' && data.action === 'learn') return { ok: true, data: { learned: true, learnedCount: 4 } }
      return { ok: false, error: { code: 'NOT_FOUND', message: 'no such action in this test' } }
    },
    { getEnterOptionsSync: () => ({ scene, path: 'pages/article/index', query: {} }) },
  )

  it('学习 lists the pinned alert first, then the articles; a tap opens one', async () => {
    const page = weapp.renderPage('pages/learn/index')
    const titles = await waitFor(() => {
      const found = page.querySelectorAll('.article-card__title')
      return found.length === 3 ? found : null
    })
    expect(titles.map((node) => node.dom?.textContent)).toEqual(['置顶：冒充公检法', '刷单返利都是诈骗', '写给老人的防骗提醒'])
    expect(page.querySelector('#learn-pinned')?.dom?.textContent).toContain('置顶')
    expect(page.querySelectorAll('.tab-bar__item').map((tab) => tab.dom?.textContent)).toEqual(['首页', '学习', '举报', '我的'])
    page.querySelector('#article-a2')?.dispatchEvent('tap')
    await waitFor(() => weapp.wx.navigateTo.mock.calls.length > 0)
    expect(weapp.wx.navigateTo.mock.calls[0][0]).toMatchObject({ url: '/pages/article/index?id=a2' })
  })

  it('the article page opens with the link’s id and code, shows the points and the hotlines, and 我已学习 records it', async () => {
    const page = weapp.renderPage('pages/article/index', { id: 'a1', s: 'ABCDEFGHJK' })
    await waitFor(() => page.querySelector('#article-title'))
    await waitFor(() => calls.some((call) => call.action === 'get'))
    expect(calls.find((call) => call.action === 'get')?.payload).toEqual({ articleId: 'a1', code: 'ABCDEFGHJK', seen: false })
    expect(page.querySelector('#article-title')?.dom?.textContent).toBe('刷单返利都是诈骗')
    expect(page.querySelector('#article-points')?.dom?.textContent).toContain('所有刷单都是诈骗')
    expect(page.querySelector('#article-hotlines')?.dom?.textContent).toContain('96110')
    // Shared with WeChat's own sheet: a button of open-type share.
    expect(await waitFor(() => page.querySelector('#share-button'))).toBeTruthy()
    const learn = await waitFor(() => page.querySelector('#learn-button'))
    learn.dispatchEvent('tap')
    await waitFor(() => page.querySelector('#learned-done'))
    expect(calls.find((call) => call.action === 'learn')?.payload).toEqual({ articleId: 'a1' })
  })

  it('opened from Moments (scene 1154) it reads without identity: no 我已学习, no share, and says how to open the app', async () => {
    scene = 1154
    calls.length = 0
    const page = weapp.renderPage('pages/article/index', { scene: 'ABCDEFGHJK' })
    await waitFor(() => page.querySelector('#single-page-note'))
    expect(calls.find((call) => call.action === 'get')?.payload).toEqual({ code: 'ABCDEFGHJK', seen: false })
    expect(calls.some((call) => call.action === 'signIn')).toBe(false)
    expect(page.querySelector('#learn-button')).toBeUndefined()
    expect(page.querySelector('#single-page-note')?.dom?.textContent).toContain('前往小程序')
    expect(page.querySelector('#article-title')?.dom?.textContent).toBe('刷单返利都是诈骗')
    scene = 1001
  })
})
