import type { ReadVia } from '../../../domain/articles'
import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

/** Where a read is credited: a village (v:<id>), a unit's own staff (u:<id>), or the town at large. */
export interface Credit {
  key: string
  villageId: string | null
  unitId: string | null
}

/** One signed-in user's reading of one article: what makes a read count once per user. */
export interface ReadDoc {
  /** `<articleId>__<userId>` */
  _id: string
  townId: string
  articleId: string
  userId: string
  via: ReadVia
  /** The share or poster code the first read came through. */
  code: string | null
  credit: Credit
  readAt: Date
  learnedAt: Date | null
}

export function readIdFor(articleId: string, userId: string): string {
  return `${articleId}__${userId}`
}

export async function findRead(db: Database, articleId: string, userId: string): Promise<ReadDoc | null> {
  const { data } = await collection(db, 'reads').doc(readIdFor(articleId, userId)).get()
  return (data?.[0] as ReadDoc | undefined) ?? null
}

/** Records the user's first read of the article; false when they had read it before (nothing written). */
export async function insertFirstRead(db: Database, read: ReadDoc): Promise<boolean> {
  try {
    await collection(db, 'reads').add(read)
    return true
  } catch (error) {
    if (isDuplicateKeyError(error)) return false
    throw error
  }
}

/** Marks the read learned; false when it was learned already. */
export async function markLearned(db: Database, id: string, at: Date): Promise<boolean> {
  const { updated } = await collection(db, 'reads').where({ _id: id, learnedAt: null }).update({ learnedAt: at })
  return updated > 0
}

export async function listReadsOf(db: Database, userId: string, before: Date | undefined, limit: number): Promise<ReadDoc[]> {
  const _ = db.command
  const where: Record<string, unknown> = { userId }
  if (before) where.readAt = _.lt(before)
  const { data } = await collection(db, 'reads').where(where).orderBy('readAt', 'desc').limit(limit).get()
  return data as ReadDoc[]
}

export async function countReadsOf(db: Database, userId: string): Promise<{ read: number; learned: number }> {
  const _ = db.command
  const [read, learned] = await Promise.all([
    collection(db, 'reads').where({ userId }).count(),
    collection(db, 'reads').where({ userId, learnedAt: _.neq(null) }).count(),
  ])
  return { read: Number(read.total), learned: Number(learned.total) }
}
