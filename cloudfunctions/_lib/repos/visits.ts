import { createHash } from 'crypto'
import type { DayString } from '../../../domain/dates'
import type { SignatureKind, VisitItem } from '../../../domain/visits'
import type { Database } from '../cloud'
import { collection } from '../collections'

export interface VisitSignature {
  kind: SignatureKind
  fileID: string | null
  reason: string
  proxyName: string
}

export interface VisitCorrection {
  at: Date
  byUserId: string
  byName: string
  reason: string
  /** The fields as they were before this correction. */
  before: Record<string, unknown>
}

export interface VisitDoc {
  _id: string
  requestId: string
  /** Hash of the create payload: the same requestId with other content is refused. */
  requestHash: string
  townId: string
  villageId: string
  campaignId: string
  householdId: string
  group: number | null
  address: string
  unitName: string
  authorId: string
  authorName: string
  coworkers: string[]
  visitedOn: DayString
  items: VisitItem[]
  otherContent: string
  qualifying: boolean
  residentName: string
  phone: string
  phoneDeclinedReason: string
  signature: VisitSignature
  photoFileID: string | null
  location: { latitude: number; longitude: number } | null
  status: 'active' | 'voided'
  voidReason: string
  voidedAt: Date | null
  voidedBy: string | null
  corrections: VisitCorrection[]
  createdAt: Date
  updatedAt: Date
  /** When its personal data was erased (retention or the resident's request); what counts stays. */
  erasedAt?: Date | null
  erasedBecause?: ErasedBecause
}

export type ErasedBecause = 'retention' | 'request'

/** Derived from the author and the client's requestId: a retried create can only land on the same id. */
export function visitIdFor(authorOpenid: string, requestId: string): string {
  return `v_${createHash('sha256').update(`${authorOpenid}\u0000${requestId}`).digest('hex').slice(0, 24)}`
}

export async function findVisit(db: Database, id: string): Promise<VisitDoc | null> {
  const { data } = await collection(db, 'visits').doc(id).get()
  return (data?.[0] as VisitDoc | undefined) ?? null
}

export interface VisitPageQuery {
  villageId?: string
  authorId?: string
  fromDay?: DayString
  before?: Date
  limit: number
}

export async function listVisitsPage(db: Database, query: VisitPageQuery): Promise<VisitDoc[]> {
  const _ = db.command
  const where: Record<string, unknown> = {}
  if (query.villageId) where.villageId = query.villageId
  if (query.authorId) where.authorId = query.authorId
  if (query.fromDay) where.visitedOn = _.gte(query.fromDay)
  if (query.before) where.createdAt = _.lt(query.before)
  const { data } = await collection(db, 'visits')
    .where(where)
    .orderBy('createdAt', 'desc')
    .limit(query.limit)
    .field({ corrections: false, location: false })
    .get()
  return data as VisitDoc[]
}

/** Where a keyset page ended: visits are read in (visitedOn, _id) order. */
export interface VisitCursor {
  visitedOn: DayString
  id: string
}

export interface StaffCount {
  authorId: string
  authorName: string
  visits: number
}

/** Who logged active visits in the village over from..to (index villageId+visitedOn). */
export async function listStaffOfPeriod(db: Database, villageId: string, from: DayString, to: DayString): Promise<StaffCount[]> {
  const _ = db.command
  const $ = _.aggregate
  const { data } = await collection(db, 'visits')
    .aggregate()
    .match({ villageId, visitedOn: _.and(_.gte(from), _.lte(to)), status: 'active' })
    .group({ _id: '$authorId', authorName: $.first('$authorName'), visits: $.sum(1) })
    .limit(1000)
    .end()
  return (data as { _id: string; authorName: string; visits: number }[]).map((row) => ({ authorId: row._id, authorName: row.authorName, visits: row.visits }))
}

/** What the archive prints of a visit. */
export type ArchiveVisit = Pick<
  VisitDoc,
  '_id' | 'visitedOn' | 'createdAt' | 'unitName' | 'authorName' | 'coworkers' | 'items' | 'otherContent' | 'residentName' | 'phone' | 'phoneDeclinedReason' | 'address' | 'signature' | 'erasedAt'
>

/** One author's active visits in the village over from..to, a page at a time (index villageId+authorId+visitedOn). */
export async function listStaffVisitsPage(
  db: Database,
  query: { villageId: string; authorId: string; from: DayString; to: DayString; cursor: VisitCursor | null; limit: number },
): Promise<ArchiveVisit[]> {
  const _ = db.command
  const range = { villageId: query.villageId, authorId: query.authorId, status: 'active', visitedOn: _.and(_.gte(query.from), _.lte(query.to)) }
  const where = query.cursor ? _.and([range, keysetAfter(db, query.cursor)]) : range
  const { data } = await collection(db, 'visits')
    .where(where)
    .orderBy('visitedOn', 'asc')
    .orderBy('_id', 'asc')
    .limit(query.limit)
    .field({
      visitedOn: true, createdAt: true, unitName: true, authorName: true, coworkers: true, items: true, otherContent: true,
      residentName: true, phone: true, phoneDeclinedReason: true, address: true, signature: true, erasedAt: true,
    })
    .get()
  return data as ArchiveVisit[]
}

export type CountedVisit = Pick<VisitDoc, '_id' | 'householdId' | 'visitedOn' | 'items'>

/** The active visits of a (campaign, village), a page at a time (index campaignId+villageId+visitedOn). */
export async function listCampaignVisitsPage(
  db: Database,
  query: { campaignId: string; villageId: string; cursor: VisitCursor | null; limit: number },
): Promise<CountedVisit[]> {
  const _ = db.command
  const scope = { campaignId: query.campaignId, villageId: query.villageId, status: 'active' }
  const where = query.cursor ? _.and([scope, keysetAfter(db, query.cursor)]) : scope
  const { data } = await collection(db, 'visits')
    .where(where)
    .orderBy('visitedOn', 'asc')
    .orderBy('_id', 'asc')
    .limit(query.limit)
    .field({ householdId: true, visitedOn: true, items: true })
    .get()
  return data as CountedVisit[]
}

/** Strictly after the cursor in (visitedOn, _id) order; the visitedOn bound lets the index start there. */
function keysetAfter(db: Database, cursor: VisitCursor) {
  const _ = db.command
  return _.and([{ visitedOn: _.gte(cursor.visitedOn) }, _.or([{ visitedOn: _.gt(cursor.visitedOn) }, { _id: _.gt(cursor.id) }])])
}

/** What erasing a visit needs: its files, its corrections, its household. */
export type ErasableVisit = Pick<VisitDoc, '_id' | 'householdId' | 'signature' | 'photoFileID' | 'corrections'>
const ERASABLE_FIELDS = { householdId: true, signature: true, photoFileID: true, corrections: true }

/**
 * A campaign's visits in `_id` order after `afterId`, `limit` at a time, erased
 * ones included. The purge walks a campaign once with this cursor: asking for
 * the unerased ones instead (`erasedAt` missing) made the database step over
 * every visit erased so far on each page, a cost that grew with the square of
 * the campaign.
 */
export async function listCampaignVisitsAfter(db: Database, campaignId: string, afterId: string | null, limit: number): Promise<(ErasableVisit & Pick<VisitDoc, 'erasedAt'>)[]> {
  const { data } = await collection(db, 'visits')
    .where({ campaignId, ...(afterId === null ? {} : { _id: db.command.gt(afterId) }) })
    .orderBy('_id', 'asc')
    .limit(limit)
    .field({ ...ERASABLE_FIELDS, erasedAt: true })
    .get()
  return data as (ErasableVisit & Pick<VisitDoc, 'erasedAt'>)[]
}

/** Every visit of these households (index householdId), voided ones too. */
export async function listVisitsOfHouseholds(db: Database, householdIds: string[]): Promise<VisitDoc[]> {
  if (householdIds.length === 0) return []
  const visits: VisitDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await collection(db, 'visits').where({ householdId: db.command.in(householdIds) }).orderBy('_id', 'asc').skip(skip).limit(1000).get()
    visits.push(...(data as VisitDoc[]))
    if (data.length < 1000) return visits
  }
}

/**
 * Empties the personal data of these visits (their files are deleted first,
 * by the caller): name, phone, address, 其他内容, signature, photo, location,
 * and what the corrections kept of earlier values. Household, day, items,
 * status and the staff stay, so coverage and the counters do not change.
 */
export async function markVisitsErased(db: Database, visits: ErasableVisit[], because: ErasedBecause, at: Date): Promise<void> {
  const _ = db.command
  for (let start = 0; start < visits.length; start += 1000) {
    const ids = visits.slice(start, start + 1000).map((visit) => visit._id)
    await collection(db, 'visits')
      .where({ _id: _.in(ids) })
      .update({
        residentName: '',
        phone: '',
        phoneDeclinedReason: '',
        address: '',
        otherContent: '',
        'signature.fileID': null,
        'signature.reason': '',
        'signature.proxyName': '',
        photoFileID: null,
        location: null,
        erasedAt: at,
        erasedBecause: because,
        // A correction under way compares updatedAt: it must not write the erased values back.
        updatedAt: at,
      })
  }
  for (const visit of visits) {
    if (!visit.corrections?.length) continue
    const corrections = visit.corrections.map((correction) => ({ ...correction, before: Object.fromEntries(Object.keys(correction.before).map((key) => [key, null])) }))
    await collection(db, 'visits').doc(visit._id).update({ corrections: _.set(corrections) })
  }
}
