import { createHash } from 'crypto'
import type { HouseholdTally } from '../../../domain/coverage-ledger'
import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

export interface HouseholdDoc extends HouseholdTally {
  _id: string
  townId: string
  villageId: string
  group: number | null
  /** Normalised address within the village (domain/address). */
  addressKey: string
  /** 入户标准地址 as printed: village + key. */
  address: string
  headName: string
  phone: string
  source: 'import' | 'visit' | 'manual'
  createdBy: string
  createdAt: Date
  /** When its name and phone were erased (retention or the resident's request); the door stays in the register. */
  erasedAt?: Date | null
}

// One id per (village, address): the register cannot hold a door twice, and
// an import or an offline visit that is retried lands on the same document.
export function householdIdFor(villageId: string, addressKey: string): string {
  return `h_${createHash('sha256').update(`${villageId}\u0000${addressKey}`).digest('hex').slice(0, 24)}`
}

export async function findHousehold(db: Database, id: string): Promise<HouseholdDoc | null> {
  const { data } = await collection(db, 'households').doc(id).get()
  return (data?.[0] as HouseholdDoc | undefined) ?? null
}

export async function findHouseholds(db: Database, ids: string[]): Promise<HouseholdDoc[]> {
  if (ids.length === 0) return []
  const { data } = await collection(db, 'households').where({ _id: db.command.in(ids) }).limit(1000).get()
  return data as HouseholdDoc[]
}

export async function listVillageHouseholds(db: Database, villageId: string, limit = 1000, skip = 0): Promise<HouseholdDoc[]> {
  const { data } = await collection(db, 'households')
    .where({ villageId })
    .orderBy('addressKey', 'asc')
    .skip(skip)
    .limit(limit)
    .field({ campaignVisits: false, coveredOn: false, campaignDays: false })
    .get()
  return data as HouseholdDoc[]
}

/**
 * Adds the households that are not registered yet and answers how many this
 * call added. Two requests adding the same doors at once (two cadres, the same
 * roster imported twice) collide on the address-derived ids: the loser adds
 * the rest one by one and counts the others' as already registered. (CloudBase
 * may keep a prefix of the failed batch: those then count as already there.)
 */
export async function insertNewHouseholds(db: Database, docs: HouseholdDoc[]): Promise<number> {
  if (docs.length === 0) return 0
  try {
    await collection(db, 'households').add(docs)
    return docs.length
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
  }
  let added = 0
  for (const doc of docs) {
    try {
      await collection(db, 'households').add(doc)
      added += 1
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
    }
  }
  return added
}

export type HouseholdTallyRow = Pick<HouseholdDoc, '_id' | 'addressKey' | 'campaignVisits' | 'coveredOn' | 'campaignDays'>

/** The village's households with their tallies, a page at a time after `afterKey` (index villageId+addressKey). */
export async function listHouseholdTalliesPage(db: Database, villageId: string, afterKey: string | null, limit = 1000): Promise<HouseholdTallyRow[]> {
  const _ = db.command
  const where = afterKey === null ? { villageId } : { villageId, addressKey: _.gt(afterKey) }
  const { data } = await collection(db, 'households')
    .where(where)
    .orderBy('addressKey', 'asc')
    .limit(limit)
    .field({ addressKey: true, campaignVisits: true, coveredOn: true, campaignDays: true })
    .get()
  return data as HouseholdTallyRow[]
}

/** Households of the town whose phone is this one, or whose head is so named in the village (a resident's request). */
export async function findHouseholdsLike(db: Database, query: { townId: string; phone: string; villageId: string | null; name: string }): Promise<HouseholdDoc[]> {
  const _ = db.command
  const byName = query.villageId && query.name ? [{ villageId: query.villageId, headName: query.name }] : []
  const { data } = await collection(db, 'households')
    .where(_.or([{ townId: query.townId, phone: query.phone }, ...byName]))
    .limit(50)
    .field({ campaignDays: false, coveredOn: false })
    .get()
  return (data as HouseholdDoc[]).filter((household) => household.townId === query.townId)
}

/** Empties the households' head name and phone; the door (address, group) stays in the village's register. */
export async function markHouseholdsErased(db: Database, ids: string[], at: Date): Promise<void> {
  for (let start = 0; start < ids.length; start += 1000) {
    await collection(db, 'households').where({ _id: db.command.in(ids.slice(start, start + 1000)) }).update({ headName: '', phone: '', erasedAt: at })
  }
}
