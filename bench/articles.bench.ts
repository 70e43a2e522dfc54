// The articles function on a town with 10,000 articles and 1,000,000 read
// records: the 学习 list's first page (target <= 20 ms function time), an
// article (<= 10 ms), the reach table of the town (<= 50 ms); and the fan-out
// of one alert to 50,000 subscribers through the local outbox: total time and
// database calls, against 10,000 subscribers, to show it grows with the
// subscribers and not with the reads. Data is written straight into the
// local server's SQLite file; the calls go through the real SDK to the local
// CloudBase (in this process, so its usage counts every database call).
// Prints figures, asserts nothing.
//   npx tsx bench/articles.bench.ts [articles] [reads] [subscribers]
import tcb from '@cloudbase/node-sdk'
import { mkdtempSync, rmSync, statSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { main as articles } from '../cloudfunctions/articles'
import type { ArticleDoc } from '../cloudfunctions/_lib/repos/articles'
import type { ReachDoc } from '../cloudfunctions/_lib/repos/reach'
import type { ReadDoc } from '../cloudfunctions/_lib/repos/reads'
import type { UnitDoc, VillageDoc } from '../cloudfunctions/_lib/repos/places'
import { userIdFor, type UserDoc } from '../cloudfunctions/_lib/repos/users'
import { blocksToHtml } from '../domain/article-body'
import { ARTICLE_AUDIENCES, ARTICLE_CATEGORIES, type AlertProgress, type ArticleAudience, type ArticlePage, type PublishResult, type ReachTable } from '../domain/articles'
import { invoke } from '../local/runtime/invoke'
import { seededRandom } from '../local/seed/random'
import { createTcbServer, loadCollectionSpecs, newCredentials } from '../local/tcb-server'
import { encode } from '../local/tcb-server/ejson'
import { Store } from '../local/tcb-server/store'

const ARTICLES = Number(process.argv[2] ?? 10_000)
const READS = Number(process.argv[3] ?? 1_000_000)
const SUBSCRIBERS = Number(process.argv[4] ?? 50_000)
const TOWN = 'town-bench'
const VILLAGES = 30
const READERS = 200_000
const BATCH = 20_000

process.env.TENCENTCLOUD = 'true'

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
const ms = (value: number) => `${value.toFixed(1)} ms`

async function timeCalls(runs: number, call: (i: number) => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 20; i += 1) await call(-1 - i)
  const samples: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const t0 = process.hrtime.bigint()
    await call(i)
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return `p50 ${ms(pct(samples, 50))}  p95 ${ms(pct(samples, 95))}  max ${ms(samples[samples.length - 1])}`
}

function ok<T>(reply: unknown): T {
  const answer = reply as { ok: boolean; data?: T; error?: unknown }
  if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.error)}`)
  return answer.data as T
}

/** Writes the town straight into SQLite: users, 10,000 articles, 1,000,000 reads and the counters they add up to, the subscribers' grants. */
function generate(dataDir: string): { articleIds: string[]; popular: string } {
  const random = seededRandom(20250301)
  const store = new Store(dataDir)
  const collections = loadCollectionSpecs()
  store.ensureCollections(collections.map((spec) => ({ name: spec.name, indexes: [] })))
  const insert = (collection: string, docs: { _id: string }[]) => {
    const write = store.db.transaction((batch: { _id: string }[]) => {
      for (const doc of batch) store.apply({ kind: 'insert', collection, id: doc._id, doc: doc as unknown as Record<string, unknown>, text: encode(doc) })
    })
    for (let i = 0; i < docs.length; i += BATCH) write(docs.slice(i, i + BATCH))
  }
  const now = new Date()
  const units: UnitDoc[] = Array.from({ length: 5 }, (_, i) => ({ _id: `bu-${i + 1}`, townId: TOWN, name: `单位${i + 1}`, order: i, headName: '负责人' }))
  const villages: VillageDoc[] = Array.from({ length: VILLAGES }, (_, i) => ({
    _id: `bv-${String(i + 1).padStart(2, '0')}`,
    townId: TOWN,
    name: `基准${i + 1}村`,
    kind: 'village',
    order: i,
    registeredHouseholds: 3000,
    policeOfficer: { name: '何警官', phone: '023-47651042' },
    unitId: units[i % units.length]._id,
  }))
  const user = (openid: string, roles: UserDoc['roles'], extra: Partial<UserDoc> = {}): UserDoc => ({
    _id: userIdFor(openid), openid, name: '用户', roles, townId: TOWN, villageId: null, unitId: null, createdAt: now, updatedAt: now, ...extra,
  })
  insert('towns', [{ _id: TOWN, name: '基准镇', region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }] } as { _id: string }])
  insert('units', units)
  insert('villages', villages)
  insert('users', [
    user('bench-office', ['resident', 'office']),
    user('bench-head', ['resident', 'unit_head'], { unitId: 'bu-1' }),
    user('bench-reader', ['resident'], { homeVillageId: 'bv-01' }),
    ...Array.from({ length: 2000 }, (_, i) => user(`bench-new-reader-${i}`, ['resident'], { homeVillageId: villages[i % VILLAGES]._id })),
  ])

  const body = blocksToHtml([
    { type: 'heading', text: '骗子怎么说' },
    ...Array.from({ length: 8 }, () => ({ type: 'paragraph' as const, spans: [{ text: '对方自称客服，说你的快递丢了要理赔，让你下载会议软件共享屏幕，' }, { text: '千万不要转账', bold: true }, { text: '。遇到可疑情况请拨打96110。' }] })),
    { type: 'list', ordered: false, items: [[{ text: '不点陌生链接' }], [{ text: '不共享屏幕' }], [{ text: '转账前先打96110' }]] },
  ])
  const docs: ArticleDoc[] = Array.from({ length: ARTICLES }, (_, i) => {
    const publishAt = new Date(now.getTime() - (ARTICLES - i) * 2 * 3600_000)
    const audiences: ArticleAudience[] = ['all', ARTICLE_AUDIENCES[1 + (i % (ARTICLE_AUDIENCES.length - 1))]]
    return {
      _id: `ab-${String(i).padStart(6, '0')}`,
      townId: TOWN,
      fileKey: `bench-${i}-key`,
      title: `第${i}篇：警惕新型诈骗`,
      summary: '对方自称客服，要你共享屏幕、转账，都是骗子。',
      keyPoints: ['不点陌生链接', '不共享屏幕', '转账前先打96110'],
      category: ARTICLE_CATEGORIES[i % ARTICLE_CATEGORIES.length],
      audiences,
      coverFileID: null,
      body,
      images: [],
      sourceUrl: '',
      status: i % 50 === 7 ? 'withdrawn' : 'published',
      pinned: i >= ARTICLES - 30 && i % 10 === 0,
      publishAt,
      withdrawnAt: null,
      withdrawReason: '',
      authorId: userIdFor('bench-office'),
      authorName: '镇反诈办',
      updatedBy: userIdFor('bench-office'),
      createdAt: publishAt,
      updatedAt: publishAt,
      reads: 0,
      anonymousReads: 0,
      learned: 0,
      shares: 0,
      shareReads: 0,
      posterReads: 0,
    }
  })

  // Reads: newer articles are read more; each reader reads an article once.
  const reach = new Map<string, ReachDoc>()
  const count = (articleId: string, villageId: string, via: ReadDoc['via'], learned: boolean) => {
    for (const id of [articleId, '*']) {
      const key = `${id}__v:${villageId}`
      const doc =
        reach.get(key) ??
        ({ _id: key, townId: TOWN, articleId: id, key: `v:${villageId}`, villageId, unitId: villages.find((v) => v._id === villageId)?.unitId ?? null, shares: 0, shareReads: 0, posterReads: 0, learned: 0, reads: 0, updatedAt: now } as ReachDoc)
      doc.reads += 1
      if (learned) doc.learned += 1
      if (via === 'share') doc.shareReads += 1
      if (via === 'poster') doc.posterReads += 1
      reach.set(key, doc)
    }
  }
  const seen = new Set<string>()
  let batch: ReadDoc[] = []
  for (let made = 0; made < READS; ) {
    const index = Math.min(ARTICLES - 1, Math.floor(ARTICLES * Math.pow(random(), 0.35)))
    const article = docs[index]
    const reader = Math.floor(random() * READERS)
    const id = `${article._id}__${userIdFor(`bench-reader-${reader}`)}`
    if (seen.has(id)) continue
    seen.add(id)
    made += 1
    const roll = random()
    const via: ReadDoc['via'] = roll < 0.3 ? 'share' : roll < 0.4 ? 'poster' : 'direct'
    const villageId = villages[reader % VILLAGES]._id
    const learned = random() < 0.4
    batch.push({ _id: id, townId: TOWN, articleId: article._id, userId: userIdFor(`bench-reader-${reader}`), via, code: null, credit: { key: `v:${villageId}`, villageId, unitId: null }, readAt: new Date(article.publishAt?.getTime() ?? 0), learnedAt: learned ? now : null })
    article.reads += 1
    if (learned) article.learned += 1
    if (via === 'share') article.shareReads += 1
    if (via === 'poster') article.posterReads += 1
    count(article._id, villageId, via, learned)
    if (batch.length === BATCH) {
      insert('reads', batch)
      batch = []
    }
  }
  insert('reads', batch)
  seen.clear()
  insert('articles', docs)
  insert('reach', [...reach.values()])
  store.ensureCollections(collections)
  store.close()
  const live = docs.filter((doc) => doc.status === 'published')
  return { articleIds: live.map((doc) => doc._id), popular: live[live.length - 1]._id }
}

/** Residents of the town holding one 防骗预警 grant each, `from` to `to`, written through the SDK. */
async function addSubscribers(app: ReturnType<typeof tcb.init>, from: number, to: number) {
  const now = new Date()
  const db = app.database()
  for (let start = from; start < to; start += 1000) {
    const ids = Array.from({ length: Math.min(1000, to - start) }, (_, i) => start + i)
    const users = ids.map((n) => ({ _id: userIdFor(`bench-subscriber-${n}`), openid: `bench-subscriber-${n}`, name: '订阅者', roles: ['resident'], townId: TOWN, villageId: null, unitId: null, createdAt: now, updatedAt: now }))
    await db.collection('users').add(users)
    await db.collection('subscriptions').add(users.map((user) => ({ _id: `${user._id}__articleAlert`, userId: user._id, template: 'articleAlert', remaining: 1, updatedAt: now })))
  }
  // The earlier alert spent the grants it used: every subscriber holds one again.
  await db.collection('subscriptions').where({ template: 'articleAlert' }).update({ remaining: 1 })
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-articles-'))
  try {
    console.log(`generating a town of ${VILLAGES} villages with ${ARTICLES.toLocaleString('en')} articles and ${READS.toLocaleString('en')} read records...`)
    const t0 = Date.now()
    const town = generate(dataDir)
    console.log(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s; database ${(statSync(join(dataDir, 'local.db')).size / 1024 / 1024).toFixed(0)} MB`)

    const credentials = newCredentials()
    const server = createTcbServer({ dataDir, credentials })
    server.ensureCollections(loadCollectionSpecs())
    const { serviceUrl } = await server.listen(0)
    process.env.TCB_SERVICE_URL = serviceUrl
    process.env.TCB_SECRET_ID = credentials.secretId
    process.env.TCB_SECRET_KEY = credentials.secretKey
    const call = (openid: string | null, action: string, payload: unknown, requestId?: string) => invoke('articles', articles, { action, payload, requestId }, { openid })
    const dbCalls = () => Object.values(server.usage().calls).reduce((sum, n) => sum + n, 0)
    const callsOf = async (work: () => Promise<unknown>) => {
      const before = dbCalls()
      await work()
      return dbCalls() - before
    }

    const first = ok<ArticlePage>(await call('bench-reader', 'list', {}))
    console.log(`\n学习 list (${first.pinned.length} pinned + ${first.items.length} per page, newest of ${town.articleIds.length.toLocaleString('en')} published):`)
    console.log(`  first page, signed in            ${await timeCalls(300, () => call('bench-reader', 'list', {}))}   (target <= 20 ms); ${await callsOf(() => call('bench-reader', 'list', {}))} database calls`)
    console.log(`  first page, no WeChat identity   ${await timeCalls(200, () => call(null, 'list', {}))}   (rate counter included)`)
    console.log(`  second page                      ${await timeCalls(200, () => call('bench-reader', 'list', { cursor: first.nextCursor }))}`)
    console.log(`  one category                     ${await timeCalls(200, () => call('bench-reader', 'list', { category: 'case' }))}`)
    console.log(`  one audience (array field)       ${await timeCalls(100, () => call('bench-reader', 'list', { audience: 'student' }))}`)

    console.log(`\nan article (${town.popular}, the most read):`)
    await call('bench-reader', 'get', { articleId: town.popular })
    console.log(`  a reader opening it again        ${await timeCalls(300, () => call('bench-reader', 'get', { articleId: town.popular }))}   (target <= 10 ms); ${await callsOf(() => call('bench-reader', 'get', { articleId: town.popular }))} database calls`)
    let fresh = 0
    console.log(`  a reader's first read (counted)  ${await timeCalls(300, () => call(`bench-new-reader-${(fresh += 1)}`, 'get', { articleId: town.popular }))}; ${await callsOf(() => call(`bench-new-reader-${(fresh += 1)}`, 'get', { articleId: town.popular }))} database calls`)
    let other = 0
    console.log(`  no identity, counted (Moments)   ${await timeCalls(250, () => call(null, 'get', { articleId: town.articleIds[(other += 1) % town.articleIds.length] }))}`)

    console.log('\nreach table (宣传成效):')
    console.log(`  office, the town, all articles   ${await timeCalls(200, () => call('bench-office', 'reach', {}))}   (target <= 50 ms); ${await callsOf(() => call('bench-office', 'reach', {}))} database calls`)
    console.log(`  office, the town, one article    ${await timeCalls(200, () => call('bench-office', 'reach', { articleId: town.popular }))}`)
    console.log(`  unit head, 6 villages            ${await timeCalls(200, () => call('bench-head', 'reach', { articleId: town.popular }))}`)
    const table = ok<ReachTable>(await call('bench-office', 'reach', {}))
    console.log(`  (the town: ${table.total.reads.toLocaleString('en')} reads credited, ${table.rows.length} rows)`)

    // Fan-out: first to 10,000 subscribers, then to 50,000, each a fresh alert.
    const admin = tcb.init({ env: 'local', serviceUrl, ...credentials })
    const fanOut = async (subscribers: number) => {
      const article = ok<{ id: string }>(
        await call('bench-office', 'save', { fileKey: `bench-alert-${subscribers}`, title: `预警：${subscribers}位订阅者`, summary: '冒充客服退款', keyPoints: ['一', '二', '三'], category: 'alert', audiences: ['all'], body: '<p>冒充客服退款的骗局又来了。</p>' }, `bench-save-${subscribers}`),
      )
      const before = { ...server.usage().calls }
      const t1 = process.hrtime.bigint()
      const published = ok<PublishResult>(await call('bench-office', 'publish', { articleId: article.id, notify: true }, `bench-publish-${subscribers}`))
      let progress = published.alert as AlertProgress
      let rounds = 1
      while (progress.status !== 'done') {
        progress = ok<AlertProgress>(await call('bench-office', 'notify', { articleId: article.id }, `bench-notify-${subscribers}-${rounds}`))
        rounds += 1
      }
      const seconds = Number(process.hrtime.bigint() - t1) / 1e9
      const after = server.usage().calls
      const byAction = Object.fromEntries(Object.entries(after).map(([name, n]) => [name.replace('database.', ''), n - (before[name] ?? 0)]).filter(([, n]) => Number(n) > 0))
      const total = Object.values(byAction).reduce<number>((sum, n) => sum + Number(n), 0)
      console.log(
        `  ${subscribers.toLocaleString('en')} subscribers: ${progress.sent.toLocaleString('en')} sent in ${seconds.toFixed(2)} s over ${rounds} call(s); ` +
          `${total} database calls (${((total / subscribers) * 1000).toFixed(1)} per 1,000 subscribers): ${JSON.stringify(byAction)}`,
      )
    }
    console.log(`\nalert fan-out through the local outbox (${READS.toLocaleString('en')} read records in the database throughout):`)
    const small = Math.min(10_000, SUBSCRIBERS)
    await addSubscribers(admin, 0, small)
    await fanOut(small)
    await addSubscribers(admin, small, SUBSCRIBERS)
    await fanOut(SUBSCRIBERS)
    await server.close()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
