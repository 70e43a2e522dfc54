import { createHash } from 'crypto'
import type { ActivityKind, FiveIn, PlaceKind } from '../../../domain/activities'
import type { DayString } from '../../../domain/dates'
import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

// 宣传台账: key places (collection keyPlaces), activity records (activities),
// and the counters the dashboard reads instead of scanning either:
// placeTotals (per village: places by kind) and placeCoverage (per campaign
// and village: places with a banner or poster, by kind).

export interface KeyPlaceDoc {
  _id: string
  townId: string
  villageId: string
  kind: PlaceKind
  name: string
  /** placeNameKey(kind, name): the same place twice has the same id. */
  nameKey: string
  address: string
  source: 'import' | 'manual' | 'activity'
  createdBy: string
  createdAt: Date
  /** Active banner/poster activities per campaign: the place's tally, read inside a transaction. */
  marks: Record<string, number>
}

export interface ActivityCorrection {
  at: Date
  byUserId: string
  byName: string
  reason: string
  before: Record<string, unknown>
}

export interface ActivityDoc {
  _id: string
  requestId: string
  requestHash: string
  townId: string
  villageId: string
  campaignId: string
  kind: ActivityKind
  fiveIn: FiveIn | null
  placeId: string | null
  placeKind: PlaceKind | null
  placeName: string
  venue: string
  heldOn: DayString
  reached: number
  note: string
  photoFileIDs: string[]
  location: { latitude: number; longitude: number } | null
  authorId: string
  authorName: string
  authorRole: string
  status: 'active' | 'voided'
  voidReason: string
  voidedAt: Date | null
  voidedBy: string | null
  corrections: ActivityCorrection[]
  /** When the retention purge removed its photos and location (domain/privacy.ts); the record and its counts stay. */
  photosErasedAt?: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface PlaceTotalsDoc {
  _id: string
  townId: string
  villageId: string
  total: number
  byKind: Partial<Record<PlaceKind, number>>
  updatedAt: Date
}

export interface PlaceCoverageDoc {
  _id: string
  campaignId: string
  villageId: string
  townId: string
  /** Places with at least one active banner or poster in the campaign. */
  covered: number
  byKind: Partial<Record<PlaceKind, number>>
  /** Active activities of any kind in the campaign, and the people or items they reached. */
  activities: number
  reached: number
  updatedAt: Date
}

export function placeIdFor(villageId: string, nameKey: string): string {
  return `p_${createHash('sha256').update(`${villageId}\u0000${nameKey}`).digest('hex').slice(0, 24)}`
}

export function activityIdFor(authorOpenid: string, requestId: string): string {
  return `a_${createHash('sha256').update(`${authorOpenid}\u0000${requestId}`).digest('hex').slice(0, 24)}`
}

export function placeCoverageId(campaignId: string, villageId: string): string {
  return `${campaignId}__${villageId}`
}

export async function findKeyPlace(db: Database, id: string): Promise<KeyPlaceDoc | null> {
  const { data } = await collection(db, 'keyPlaces').doc(id).get()
  return (data?.[0] as KeyPlaceDoc | undefined) ?? null
}

export async function listVillagePlaces(db: Database, villageId: string): Promise<KeyPlaceDoc[]> {
  const places: KeyPlaceDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await collection(db, 'keyPlaces').where({ villageId }).orderBy('kind', 'asc').orderBy('name', 'asc').skip(skip).limit(1000).get()
    places.push(...(data as KeyPlaceDoc[]))
    if (data.length < 1000) return places
  }
}

/** Inserts the places not yet there; answers those it added (an existing id is skipped). */
export async function insertNewPlaces(db: Database, docs: KeyPlaceDoc[]): Promise<KeyPlaceDoc[]> {
  if (docs.length === 0) return []
  try {
    await collection(db, 'keyPlaces').add(docs)
    return docs
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
  }
  const added: KeyPlaceDoc[] = []
  for (const doc of docs) {
    try {
      await collection(db, 'keyPlaces').add(doc)
      added.push(doc)
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error
    }
  }
  return added
}

/** Adds places to the village's totals (creating its document the first time). */
export async function addToPlaceTotals(db: Database, village: { _id: string; townId: string }, kinds: readonly PlaceKind[]): Promise<void> {
  if (kinds.length === 0) return
  const _ = db.command
  const byKind: Partial<Record<PlaceKind, number>> = {}
  for (const kind of kinds) byKind[kind] = (byKind[kind] ?? 0) + 1
  const now = new Date()
  const reply = (await collection(db, 'placeTotals')
    .doc(village._id)
    .update({ total: _.inc(kinds.length), byKind: Object.fromEntries(Object.entries(byKind).map(([kind, n]) => [kind, _.inc(n)])), updatedAt: now })) as { updated?: number }
  if ((reply?.updated ?? 0) > 0) return
  try {
    await collection(db, 'placeTotals').doc(village._id).set({ townId: village.townId, villageId: village._id, total: kinds.length, byKind, updatedAt: now })
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error
    await addToPlaceTotals(db, village, kinds)
  }
}

export async function findActivity(db: Database, id: string): Promise<ActivityDoc | null> {
  const { data } = await collection(db, 'activities').doc(id).get()
  return (data?.[0] as ActivityDoc | undefined) ?? null
}

export async function listActivitiesPage(db: Database, query: { villageId?: string; authorId?: string; before?: Date; limit: number }): Promise<ActivityDoc[]> {
  const _ = db.command
  const where: Record<string, unknown> = {}
  if (query.villageId) where.villageId = query.villageId
  if (query.authorId) where.authorId = query.authorId
  if (query.before) where.createdAt = _.lt(query.before)
  const { data } = await collection(db, 'activities').where(where).orderBy('createdAt', 'desc').limit(query.limit).field({ corrections: false, location: false }).get()
  return data as ActivityDoc[]
}

/** A village's active activities over from..to, in date order (index villageId+heldOn). */
export async function listVillageActivities(db: Database, query: { villageId: string; from: DayString; to: DayString; limit: number }): Promise<ActivityDoc[]> {
  const _ = db.command
  const { data } = await collection(db, 'activities')
    .where({ villageId: query.villageId, heldOn: _.and(_.gte(query.from), _.lte(query.to)), status: 'active' })
    .orderBy('heldOn', 'asc')
    .orderBy('createdAt', 'asc')
    .limit(query.limit)
    .get()
  return data as ActivityDoc[]
}

export async function countVillageActivities(db: Database, query: { villageId: string; from: DayString; to: DayString }): Promise<number> {
  const _ = db.command
  const { total } = await collection(db, 'activities').where({ villageId: query.villageId, heldOn: _.and(_.gte(query.from), _.lte(query.to)), status: 'active' }).count()
  return total
}

export async function listPlaceTotals(db: Database, townId: string): Promise<PlaceTotalsDoc[]> {
  const { data } = await collection(db, 'placeTotals').where({ townId }).limit(1000).get()
  return data as PlaceTotalsDoc[]
}

export async function listPlaceCoverage(db: Database, campaignId: string, townId: string): Promise<PlaceCoverageDoc[]> {
  const { data } = await collection(db, 'placeCoverage').where({ campaignId, townId }).limit(1000).get()
  return data as PlaceCoverageDoc[]
}

export async function findPlaceTotals(db: Database, villageIds: string[]): Promise<PlaceTotalsDoc[]> {
  if (villageIds.length === 0) return []
  const { data } = await collection(db, 'placeTotals').where({ _id: db.command.in(villageIds) }).limit(1000).get()
  return data as PlaceTotalsDoc[]
}

export async function findPlaceCoverage(db: Database, ids: string[]): Promise<PlaceCoverageDoc[]> {
  if (ids.length === 0) return []
  const { data } = await collection(db, 'placeCoverage').where({ _id: db.command.in(ids) }).limit(1000).get()
  return data as PlaceCoverageDoc[]
}

/** What the retention purge needs of an activity. */
export type PurgeableActivity = Pick<ActivityDoc, '_id' | 'photoFileIDs' | 'photosErasedAt'>

/** A campaign's activities in `_id` order after `afterId` (index campaignId+_id), erased ones included: the purge's walk. */
export async function listCampaignActivitiesAfter(db: Database, campaignId: string, afterId: string | null, limit: number): Promise<PurgeableActivity[]> {
  const { data } = await collection(db, 'activities')
    .where({ campaignId, ...(afterId === null ? {} : { _id: db.command.gt(afterId) }) })
    .orderBy('_id', 'asc')
    .limit(limit)
    .field({ photoFileIDs: true, photosErasedAt: true })
    .get()
  return data as PurgeableActivity[]
}

/** Drops the activities' photos and location (their files are deleted first, by the caller); what was done and where stays. */
export async function markActivityPhotosErased(db: Database, ids: string[], at: Date): Promise<void> {
  for (let start = 0; start < ids.length; start += 1000) {
    await collection(db, 'activities')
      .where({ _id: db.command.in(ids.slice(start, start + 1000)) })
      .update({ photoFileIDs: [], location: null, photosErasedAt: at, updatedAt: at })
  }
}
