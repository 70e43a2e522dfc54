import { main as account } from '../../cloudfunctions/account'
import { broadcastPage } from '../../cloudfunctions/_lib/notify/broadcast'
import { userIdFor, type UserDoc } from '../../cloudfunctions/_lib/repos/users'
import { sendAlert } from '../../cloudfunctions/articles/alerts'
import { findArticle, type ArticleDoc } from '../../cloudfunctions/_lib/repos/articles'
import type { AlertProgress } from '../../domain/articles'
import { articles, data, publishedArticle, saveDraft } from '../support/articles'
import { startFunctionHarness, type Harness } from '../support/functions'

// 通知订阅者: a 诈骗手法预警 published with notify reaches every resident of
// the town holding a 防骗预警 grant, through the one channel (the local
// outbox here), spending one grant each; nobody twice, nobody without a
// grant, nobody of another town; pages of holders, resumable.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const grant = async (openid: string, times = 1) => {
  for (let i = 0; i < times; i += 1) data(await h.call('account', account, openid, { action: 'grantMessages', payload: { templates: ['articleAlert'] }, requestId: h.newRequestId() }))
}
const remaining = async (openid: string) => Number(((await h.db.collection('subscriptions').doc(`${userIdFor(openid)}__articleAlert`).get()).data[0] as { remaining?: number } | undefined)?.remaining ?? 0)
async function outboxOf(page: string): Promise<{ openid: string; fields: Record<string, string> }[]> {
  const messages: { openid: string; fields: Record<string, string> }[] = []
  for (;;) {
    const { data: batch } = await h.db.collection('outbox').where({ page }).orderBy('openid', 'asc').skip(messages.length).limit(1000).get()
    messages.push(...(batch as { openid: string; fields: Record<string, string> }[]))
    if (batch.length < 1000) return messages
  }
}

async function signIn(openid: string) {
  data(await h.call('account', account, openid, { action: 'signIn', requestId: h.newRequestId() }))
}

/** Grant holders written straight into the database: many residents (optionally of another town). */
async function manyHolders(prefix: string, count: number, townId = 'town-jiasi') {
  const now = new Date()
  const users: UserDoc[] = Array.from({ length: count }, (_, i) => ({
    _id: userIdFor(`${prefix}-${i}`),
    openid: `${prefix}-${i}`,
    name: '订阅者',
    roles: ['resident'],
    townId,
    villageId: null,
    unitId: null,
    createdAt: now,
    updatedAt: now,
  }))
  for (let i = 0; i < users.length; i += 500) {
    await h.db.collection('users').add(users.slice(i, i + 500))
    await h.db.collection('subscriptions').add(users.slice(i, i + 500).map((user) => ({ _id: `${user._id}__articleAlert`, userId: user._id, template: 'articleAlert', remaining: 1, updatedAt: now })))
  }
}

describe('alerts to subscribers', () => {
  it('sends a published alert to each resident holding a grant, spending one grant each, once', async () => {
    for (const openid of ['sub-a', 'sub-b', 'sub-c', 'no-grant']) await signIn(openid)
    await grant('sub-a')
    await grant('sub-b', 2)
    await grant('sub-c')
    await manyHolders('elsewhere', 2, 'town-other')

    const { id, result } = await publishedArticle(h, { title: '紧急提醒：冒充“社保局”来电，要你“认证”领补贴' }, { notify: true })
    expect(result.alert).toMatchObject({ status: 'done', sent: 3, failed: 0 })
    const sent = await outboxOf(`pages/article/index?id=${id}`)
    expect(sent.map((message) => message.openid).sort()).toEqual(['sub-a', 'sub-b', 'sub-c'])
    // Fields fitted to the template's rules: a thing is at most 20 characters.
    expect([...sent[0].fields.title].length).toBeLessThanOrEqual(20)
    expect(sent[0].fields.publishedAt).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect([await remaining('sub-a'), await remaining('sub-b'), await remaining('sub-c'), await remaining('no-grant')]).toEqual([0, 1, 0, 0])
    expect(await remaining('elsewhere-0')).toBe(1)

    // Asking again does not send it again.
    const again = data(await h.call<AlertProgress>('articles', articles, 'demo-office', { action: 'notify', payload: { articleId: id }, requestId: h.newRequestId() }))
    expect(again).toMatchObject({ status: 'done', sent: 3 })
    expect(await outboxOf(`pages/article/index?id=${id}`)).toHaveLength(3)
    expect(await remaining('sub-b')).toBe(1)
  })

  it('alerts only with a 诈骗手法预警 published now, and says why not otherwise', async () => {
    const tip = await saveDraft(h, { category: 'tip' })
    expect(await h.call('articles', articles, 'demo-office', { action: 'publish', payload: { articleId: tip.id, notify: true }, requestId: h.newRequestId() })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'notify', message: expect.stringContaining('诈骗手法预警') },
    })
    const alert = await saveDraft(h)
    const later = new Date(Date.now() + 24 * 3600_000).toISOString()
    expect(await h.call('articles', articles, 'demo-office', { action: 'publish', payload: { articleId: alert.id, notify: true, publishAt: later }, requestId: h.newRequestId() })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'notify' },
    })
    expect(await h.count('alerts', { articleId: alert.id })).toBe(0)
    expect(await h.count('articles', { _id: alert.id, status: 'draft' })).toBe(1)
  })

  it('goes page by page, and a send cut short is taken up again without sending anyone twice', async () => {
    await manyHolders('many', 1200)
    const { id } = await publishedArticle(h, { title: '分页发送的预警' })
    // Started with no time to spare: one page, then it stops and says how far it got.
    const article = (await findArticle(h.db, id)) as ArticleDoc
    data(await h.call('articles', articles, 'demo-office', { action: 'notify', payload: { articleId: id }, requestId: h.newRequestId() }))
    const progress = await sendAlert(h.db, article, 0)
    expect(['sending', 'done']).toContain(progress.status)
    let rounds = 0
    let last: AlertProgress = progress
    while (last.status !== 'done' && rounds < 10) {
      last = data(await h.call<AlertProgress>('articles', articles, 'demo-office', { action: 'notify', payload: { articleId: id }, requestId: h.newRequestId() }))
      rounds += 1
    }
    expect(last.status).toBe('done')
    const sent = await outboxOf(`pages/article/index?id=${id}`)
    const recipients = new Set(sent.map((message) => message.openid))
    expect(recipients.size).toBe(sent.length)
    expect([...recipients].filter((openid) => openid.startsWith('many-'))).toHaveLength(1200)
    expect(last.sent).toBe(sent.length)
  })

  it('a page costs the same few database calls whatever the number of holders on it', async () => {
    const spendAll = () => h.db.collection('subscriptions').where({ template: 'articleAlert' }).update({ remaining: 0 })
    const calls = async () => {
      const before = h.local.server.usage().calls
      const page = await broadcastPage(h.db, 'articleAlert', { title: '测试', summary: '测试', publishedAt: '2026年1月1日 09:00' }, 'pages/article/index?id=cost', {
        after: null,
        limit: 1000,
        accept: () => true,
        tag: `cost-${Date.now()}`,
      })
      const after = h.local.server.usage().calls
      return { sent: page.sent, calls: Object.entries(after).reduce((sum, [name, n]) => sum + n - (before[name] ?? 0), 0) }
    }
    await spendAll()
    await manyHolders('cost-small', 10)
    const small = await calls()
    await spendAll()
    await manyHolders('cost-large', 900)
    const large = await calls()
    expect([small.sent, large.sent]).toEqual([10, 900])
    // The holders, their users, the grants spent, the outbox.
    expect(small.calls).toBe(4)
    expect(large.calls).toBe(4)
  })
})
