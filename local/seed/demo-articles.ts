import { createHash } from 'crypto'
import type { Database } from '../../cloudfunctions/_lib/cloud'
import { collection, type CollectionName } from '../../cloudfunctions/_lib/collections'
import type { ArticleDoc } from '../../cloudfunctions/_lib/repos/articles'
import type { ReachDoc } from '../../cloudfunctions/_lib/repos/reach'
import type { Credit, ReadDoc } from '../../cloudfunctions/_lib/repos/reads'
import type { ShareDoc } from '../../cloudfunctions/_lib/repos/shares'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { blocksToHtml, bodyImages } from '../../domain/article-body'
import { SHARE_CODE_ALPHABET, SHARE_CODE_LENGTH } from '../../domain/articles'
import { DEMO_ARTICLES } from './demo-articles-content'
import { DEMO_TOWN, DEMO_USERS, DEMO_VILLAGES } from './demo-town'
import { seededRandom } from './random'

// 反诈学习 on day one: the articles of demo-articles-content.ts published by
// 陈主任 over the last weeks, and the reading so far, so 宣传成效 has
// something to show: villagers of each village reading, learning and
// sharing, and posters on some villages' doors. Every count has the records
// behind it (reads, share codes, reach counters) as the functions would have
// written them. 张阿姨 holds one 防骗预警 grant: an alert published with 通知订阅者
// reaches her at /local/outbox.

const DAY = 24 * 3600_000

const code = (seed: string) => {
  const digest = createHash('sha256').update(seed).digest()
  return Array.from({ length: SHARE_CODE_LENGTH }, (_, i) => SHARE_CODE_ALPHABET[digest[i] % SHARE_CODE_ALPHABET.length]).join('')
}

export async function seedDemoArticles(db: Database, now = new Date()): Promise<{ articles: number; reads: number }> {
  const random = seededRandom(20250301)
  const office = DEMO_USERS.find((user) => user.roles.includes('office'))
  const authorId = userIdFor(office?.openid ?? 'demo-office')
  const articles: ArticleDoc[] = []
  const reads: ReadDoc[] = []
  const shares: ShareDoc[] = []
  const reach = new Map<string, ReachDoc>()
  let readers = 0

  const countReach = (articleId: string, credit: Credit, counts: Partial<ReachDoc>) => {
    for (const article of [articleId, '*']) {
      const id = `${article}__${credit.key}`
      const doc = reach.get(id) ?? { _id: id, townId: DEMO_TOWN._id, articleId: article, key: credit.key, villageId: credit.villageId, unitId: credit.unitId, shares: 0, shareReads: 0, posterReads: 0, learned: 0, reads: 0, updatedAt: now }
      for (const field of ['shares', 'shareReads', 'posterReads', 'learned', 'reads'] as const) doc[field] += counts[field] ?? 0
      reach.set(id, doc)
    }
  }

  for (const seed of DEMO_ARTICLES) {
    const id = `a_seed-${seed.key}`
    const publishAt = new Date(now.getTime() - seed.daysAgo * DAY - 3 * 3600_000)
    const doc: ArticleDoc = {
      _id: id,
      townId: DEMO_TOWN._id,
      fileKey: `seed-${seed.key}`,
      title: seed.title,
      summary: seed.summary,
      keyPoints: [...seed.keyPoints],
      category: seed.category,
      audiences: seed.audiences,
      coverFileID: null,
      body: blocksToHtml(seed.blocks),
      images: bodyImages(seed.blocks),
      sourceUrl: seed.sourceUrl ?? '',
      status: 'published',
      pinned: seed.pinned ?? false,
      publishAt,
      withdrawnAt: null,
      withdrawReason: '',
      authorId,
      authorName: office?.name ?? '镇反诈办',
      updatedBy: authorId,
      createdAt: publishAt,
      updatedAt: publishAt,
      reads: 0,
      anonymousReads: 0,
      learned: 0,
      shares: 0,
      shareReads: 0,
      posterReads: 0,
    }
    // Older and pinned articles went further.
    const reachFactor = Math.min(1, 0.3 + seed.daysAgo / 30) * (seed.pinned ? 1.5 : 1)
    for (const village of DEMO_VILLAGES) {
      const credit: Credit = { key: `v:${village._id}`, villageId: village._id, unitId: village.unitId }
      const shareCount = Math.round(random() * 4 * reachFactor)
      const poster = random() < 0.25 * reachFactor
      if (shareCount > 0) {
        shares.push({ _id: code(`share:${id}:${village._id}`), townId: DEMO_TOWN._id, articleId: id, kind: 'share', sharerId: userIdFor(`demo-reader-sharer-${village._id}`), villageId: village._id, credit, codeFileID: null, createdAt: publishAt })
        doc.shares += shareCount
        countReach(id, credit, { shares: shareCount })
      }
      if (poster) shares.push({ _id: code(`poster:${id}:${village._id}`), townId: DEMO_TOWN._id, articleId: id, kind: 'poster', sharerId: authorId, villageId: village._id, credit, codeFileID: null, createdAt: publishAt })
      const through: ReadDoc['via'][] = [
        ...Array.from({ length: Math.round(shareCount * random() * 3) }, () => 'share' as const),
        ...Array.from({ length: poster ? Math.round(2 + random() * 8) : 0 }, () => 'poster' as const),
        ...Array.from({ length: Math.round(random() * 6 * reachFactor) }, () => 'direct' as const),
      ]
      for (const via of through) {
        readers += 1
        const readAt = new Date(publishAt.getTime() + random() * (now.getTime() - publishAt.getTime()))
        const learned = random() < 0.45
        const userId = userIdFor(`demo-reader-${readers}`)
        reads.push({ _id: `${id}__${userId}`, townId: DEMO_TOWN._id, articleId: id, userId, via, code: null, credit, readAt, learnedAt: learned ? new Date(Math.min(now.getTime(), readAt.getTime() + 5 * 60_000)) : null })
        doc.reads += 1
        if (learned) doc.learned += 1
        if (via === 'share') doc.shareReads += 1
        if (via === 'poster') doc.posterReads += 1
        countReach(id, credit, { reads: 1, learned: learned ? 1 : 0, shareReads: via === 'share' ? 1 : 0, posterReads: via === 'poster' ? 1 : 0 })
      }
    }
    articles.push(doc)
  }

  await addInBatches(db, 'articles', articles)
  await addInBatches(db, 'reads', reads)
  await addInBatches(db, 'shares', shares)
  await addInBatches(db, 'reach', [...reach.values()])
  const resident = DEMO_USERS.find((user) => user.openid === 'demo-resident')
  if (resident) {
    const userId = userIdFor(resident.openid)
    await collection(db, 'subscriptions').add({ _id: `${userId}__articleAlert`, userId, template: 'articleAlert', remaining: 1, updatedAt: now })
  }
  return { articles: articles.length, reads: reads.length }
}

async function addInBatches<T extends object>(db: Database, name: CollectionName, docs: T[], size = 500): Promise<void> {
  for (let i = 0; i < docs.length; i += size) await collection(db, name).add(docs.slice(i, i + size))
}
