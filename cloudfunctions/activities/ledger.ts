import { AppError } from '../../domain/errors'
import type { PlaceKind } from '../../domain/activities'
import type { Database } from '../_lib/cloud'
import { TxDocs, type Transaction } from '../_lib/ledger'
import { placeCoverageId, type KeyPlaceDoc, type PlaceCoverageDoc, type PlaceTotalsDoc } from '../_lib/repos/activities'

// How an activity's change moves the place counters, in the same transaction
// as the activity itself (as the coverage ledger does for visits): create,
// correct and void are "effect before" -> "effect after". A place counts as
// covered in a campaign while it has at least one active banner or poster:
// its tally (marks) sits on the place document, read by id in the
// transaction; the (campaign, village) counters are moved by increments.

export interface ActivityEffect {
  campaignId: string
  villageId: string
  placeId: string | null
  placeKind: PlaceKind | null
  /** A banner or poster: it marks the place. */
  marks: boolean
  reached: number
}

export interface ActivityChange<T> {
  townId: string
  before: ActivityEffect | null
  after: ActivityEffect | null | ((prepared: T) => ActivityEffect | null)
  prepare?: (docs: TxDocs) => Promise<T>
  write: (tx: Transaction, prepared: T) => Promise<void>
}

const CONFLICT_RETRIES = 12

export async function commitActivityChange<T>(db: Database, change: ActivityChange<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await attempt1(db, change)
    } catch (error) {
      if (!(error && typeof error === 'object' && (error as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT')) throw error
      if (attempt >= CONFLICT_RETRIES) throw new AppError('RATE_LIMITED', '同时提交的人较多，请稍后重试')
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(10 * 2 ** attempt, 300)))
    }
  }
}

interface CoverageMove {
  campaignId: string
  villageId: string
  covered: number
  byKind: Partial<Record<PlaceKind, number>>
  activities: number
  reached: number
}

async function attempt1<T>(db: Database, change: ActivityChange<T>): Promise<T> {
  const _ = db.command
  return db.runTransaction(async (tx: Transaction) => {
    const docs = new TxDocs(tx)
    const prepared = (change.prepare ? await change.prepare(docs) : undefined) as T
    const after = typeof change.after === 'function' ? change.after(prepared) : change.after
    // The activity first: a retried create collides on its id here, before any counter moves.
    await change.write(tx, prepared)

    const moves = new Map<string, CoverageMove>()
    const moveOf = (effect: ActivityEffect) => {
      const id = placeCoverageId(effect.campaignId, effect.villageId)
      if (!moves.has(id)) moves.set(id, { campaignId: effect.campaignId, villageId: effect.villageId, covered: 0, byKind: {}, activities: 0, reached: 0 })
      return moves.get(id) as CoverageMove
    }
    const markDeltas = new Map<string, { effect: ActivityEffect; delta: number }>()
    for (const [effect, sign] of [[after, 1], [change.before, -1]] as const) {
      if (!effect) continue
      const move = moveOf(effect)
      move.activities += sign
      move.reached += sign * effect.reached
      if (effect.marks && effect.placeId) {
        const key = `${effect.campaignId}|${effect.placeId}`
        const entry = markDeltas.get(key) ?? { effect, delta: 0 }
        entry.delta += sign
        markDeltas.set(key, entry)
      }
    }

    for (const { effect, delta } of markDeltas.values()) {
      if (delta === 0 || !effect.placeId) continue
      const place = await docs.get<KeyPlaceDoc>('keyPlaces', effect.placeId)
      if (!place) continue
      const was = place.marks?.[effect.campaignId] ?? 0
      const now = Math.max(was + delta, 0)
      const marks = { ...(place.marks ?? {}), [effect.campaignId]: now }
      if (docs.created.has(`keyPlaces/${effect.placeId}`)) docs.created.set(`keyPlaces/${effect.placeId}`, { ...place, marks })
      else await tx.collection('keyPlaces').doc(effect.placeId).update({ marks: _.set(marks) })
      const crossed = was === 0 && now > 0 ? 1 : was > 0 && now === 0 ? -1 : 0
      if (crossed === 0) continue
      const move = moveOf(effect)
      move.covered += crossed
      move.byKind[place.kind] = (move.byKind[place.kind] ?? 0) + crossed
    }

    const stamp = new Date()
    for (const [id, move] of moves) {
      const byKind = Object.entries(move.byKind).filter(([, n]) => n !== 0)
      if (move.activities === 0 && move.reached === 0 && move.covered === 0 && byKind.length === 0) continue
      const reply = await tx.collection('placeCoverage').doc(id).update({
        covered: _.inc(move.covered),
        activities: _.inc(move.activities),
        reached: _.inc(move.reached),
        ...(byKind.length > 0 && { byKind: Object.fromEntries(byKind.map(([kind, n]) => [kind, _.inc(n)])) }),
        updatedAt: stamp,
      })
      if (await exists(tx, 'placeCoverage', id, reply)) continue
      const fresh: Omit<PlaceCoverageDoc, '_id'> = {
        campaignId: move.campaignId,
        villageId: move.villageId,
        townId: change.townId,
        covered: move.covered,
        byKind: Object.fromEntries(byKind),
        activities: move.activities,
        reached: move.reached,
        updatedAt: stamp,
      }
      await tx.collection('placeCoverage').doc(id).set(fresh as unknown as Record<string, unknown>)
    }

    // Places added on the spot: written with their tally, and counted in the village's totals.
    for (const [key, doc] of docs.created) {
      const [collectionName, id] = key.split('/')
      await tx.collection(collectionName).doc(id).set(doc)
      if (collectionName !== 'keyPlaces') continue
      const place = doc as unknown as KeyPlaceDoc
      const reply = await tx.collection('placeTotals').doc(place.villageId).update({ total: _.inc(1), byKind: { [place.kind]: _.inc(1) }, updatedAt: stamp })
      if (await exists(tx, 'placeTotals', place.villageId, reply)) continue
      const totals: Omit<PlaceTotalsDoc, '_id'> = { townId: place.townId, villageId: place.villageId, total: 1, byKind: { [place.kind]: 1 }, updatedAt: stamp }
      await tx.collection('placeTotals').doc(place.villageId).set(totals as unknown as Record<string, unknown>)
    }
    return prepared
  }, 0)
}

async function exists(tx: Transaction, name: string, id: string, reply: { updated?: number } | undefined): Promise<boolean> {
  const updated = reply?.updated
  return typeof updated === 'number' ? updated > 0 : Boolean((await tx.collection(name).doc(id).get()).data)
}
