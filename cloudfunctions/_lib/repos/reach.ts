import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'
import type { Credit } from './reads'

export interface ReachCountsDoc {
  shares: number
  shareReads: number
  posterReads: number
  learned: number
  reads: number
}

/**
 * What an article did in one village (or unit, or the town at large), kept
 * by `inc` with each share and read, so the reach table reads a handful of
 * documents whatever the number of reads. articleId `*` holds a village's
 * totals over all articles.
 */
export interface ReachDoc extends ReachCountsDoc {
  /** `<articleId>__<credit key>` */
  _id: string
  townId: string
  articleId: string
  key: string
  villageId: string | null
  unitId: string | null
  updatedAt: Date
}

export const ALL_ARTICLES = '*'

const ZERO: ReachCountsDoc = { shares: 0, shareReads: 0, posterReads: 0, learned: 0, reads: 0 }

/** Adds to the credited place's counters for the article and for all articles: one call once both exist. */
export async function countReach(db: Database, townId: string, articleId: string, credit: Credit, counts: Partial<ReachCountsDoc>): Promise<void> {
  const _ = db.command
  const now = new Date()
  const inc = Object.fromEntries(Object.entries(counts).map(([field, n]) => [field, _.inc(n as number)]))
  const ids = [articleId, ALL_ARTICLES].map((article) => `${article}__${credit.key}`)
  // Marks what this call added to, so a place's first event knows which counters are still to be made.
  const mark = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  const both = await collection(db, 'reach').where({ _id: _.in(ids) }).update({ ...inc, mark, updatedAt: now })
  if (both.updated === ids.length) return
  const { data } = await collection(db, 'reach').where({ _id: _.in(ids) }).limit(ids.length).get()
  const counted = new Set((data as (ReachDoc & { mark?: string })[]).filter((doc) => doc.mark === mark).map((doc) => doc._id))
  for (const [index, id] of ids.entries()) {
    if (counted.has(id)) continue
    const doc: ReachDoc = { _id: id, townId, articleId: index === 0 ? articleId : ALL_ARTICLES, key: credit.key, villageId: credit.villageId, unitId: credit.unitId, ...ZERO, ...counts, updatedAt: now }
    try {
      await collection(db, 'reach').add(doc)
    } catch (error) {
      // Made meanwhile by another call: add to it.
      if (!isDuplicateKeyError(error)) throw error
      await collection(db, 'reach').doc(id).update({ ...inc, updatedAt: now })
    }
  }
}

export async function reachOf(db: Database, townId: string, articleId: string): Promise<ReachDoc[]> {
  const { data } = await collection(db, 'reach').where({ townId, articleId }).limit(1000).get()
  return data as ReachDoc[]
}
