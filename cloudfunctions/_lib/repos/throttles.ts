import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

/**
 * A counter per key and minute, with a ceiling: what limits calls from
 * callers without a WeChat identity, of whom nothing is known or kept. One
 * document per key (the minute moves on in place), so nothing piles up.
 * A refused call writes nothing.
 */
export async function admit(db: Database, key: string, ceiling: number, now = Date.now()): Promise<boolean> {
  const _ = db.command
  const minute = Math.floor(now / 60_000)
  const id = `t_${key}`
  const throttles = collection(db, 'throttles')
  const within = await throttles.where({ _id: id, minute, count: _.lt(ceiling) }).update({ count: _.inc(1) })
  if (within.updated) return true
  const moved = await throttles.where({ _id: id, minute: _.lt(minute) }).update({ minute, count: 1 })
  if (moved.updated) return true
  try {
    await throttles.add({ _id: id, minute, count: 1 })
    return true
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    // Made this minute by another call: try once more within the ceiling.
    const retry = await throttles.where({ _id: id, minute, count: _.lt(ceiling) }).update({ count: _.inc(1) })
    return retry.updated > 0
  }
}
