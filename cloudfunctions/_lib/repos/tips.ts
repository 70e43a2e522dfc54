import type { DayString } from '../../../domain/dates'
import { startOfShanghaiDay, addDays } from '../../../domain/dates'
import type { SuspectIdentifier } from '../../../domain/tip-identifiers'
import type { TipKind, TipReward, TipStatus, TransferState } from '../../../domain/tips'
import type { Database } from '../cloud'
import { collection } from '../collections'
import { isDuplicateKeyError } from '../db-errors'

// 线索举报. A tip holds no OPENID, ever; a named tip holds its sender's user
// id and the contact they chose to give, an anonymous one neither (its id and
// receipt hash are keyed by TIP_SECRET, see cloudfunctions/_lib/tip-secret.ts).

export interface TipEvidenceFile {
  fileID: string
  sha256: string
  bytes: number
  at: Date
}

/** Evidence slots are keyed `e0`..`e8` (an object, so one slot can be set by a dotted path). */
export type EvidenceKey = `e${number}`
export const evidenceKey = (index: number): EvidenceKey => `e${index}`

export interface TipEvent {
  at: Date
  kind: 'submitted' | 'status' | 'note' | 'reward'
  status: TipStatus | null
  note: string
  /** Shown to the tipster. */
  public: boolean
  reward: TipReward | null
  /** The officer (user id and name); null for the submission itself. */
  byId: string | null
  byName: string
}

export interface TipDoc {
  _id: string
  townId: string
  /** JB-20261130-0042 */
  reference: string
  /** The Shanghai day and week (its Monday) it came in: what the counters are kept by. */
  submittedOn: DayString
  week: DayString
  kind: TipKind
  transfer: TransferState
  urgent: boolean
  amountLost: number
  happenedOn: DayString
  story: string
  identifiers: SuspectIdentifier[]
  /** The village the tipster said they live in, if they said. */
  villageId: string | null
  anonymous: boolean
  /** A named tip's sender (user id, never the OPENID); null when anonymous. */
  reporterId: string | null
  contact: { name: string; phone: string } | null
  receiptHash: string
  /** Hash of the submitted content: the same requestId with other content is refused. */
  requestHash: string
  evidence: { expected: number; files: Partial<Record<EvidenceKey, TipEvidenceFile>> }
  status: TipStatus
  reward: TipReward | null
  events: TipEvent[]
  createdAt: Date
  updatedAt: Date
  /** When the tipster's contact, account link, receipt and the evidence images were erased (retention or their request). */
  tipsterErasedAt?: Date | null
}

/** Counters of one town's week: totals by kind, status and village, and each day's last reference number. */
export interface TipStatsDoc {
  _id: string
  townId: string
  week: DayString
  total: number
  urgent: number
  byKind: Partial<Record<TipKind, number>>
  byStatus: Partial<Record<TipStatus, number>>
  /** By the village the tipster gave; `none` when they gave none. */
  byVillage: Record<string, number>
  /** The last sequence number handed out each day of the week. */
  sequence: Record<DayString, number>
}

export const NO_VILLAGE = 'none'

export function tipStatsIdFor(townId: string, week: DayString): string {
  return `${townId}__${week}`
}

export function emptyTipStats(townId: string, week: DayString): TipStatsDoc {
  return { _id: tipStatsIdFor(townId, week), townId, week, total: 0, urgent: 0, byKind: {}, byStatus: {}, byVillage: {}, sequence: {} }
}

/** A rate-limit counter: a count and when it can go; its id names nobody without the secret. */
export interface TipLimitDoc {
  _id: string
  count: number
  expiresAt: Date
}

export async function findTip(db: Database, id: string): Promise<TipDoc | null> {
  const { data } = await collection(db, 'tips').doc(id).get()
  return (data?.[0] as TipDoc | undefined) ?? null
}

export async function findTipByReceipt(db: Database, hash: string): Promise<TipDoc | null> {
  const { data } = await collection(db, 'tips').where({ receiptHash: hash }).limit(1).get()
  return (data?.[0] as TipDoc | undefined) ?? null
}

export async function listTipsByReceipts(db: Database, hashes: string[]): Promise<TipDoc[]> {
  if (hashes.length === 0) return []
  const { data } = await collection(db, 'tips').where({ receiptHash: db.command.in(hashes) }).limit(hashes.length).get()
  return data as TipDoc[]
}

export async function listReporterTips(db: Database, reporterId: string, limit = 50): Promise<TipDoc[]> {
  const { data } = await collection(db, 'tips').where({ reporterId }).orderBy('createdAt', 'desc').limit(limit).get()
  return data as TipDoc[]
}

export interface TipFilter {
  townId: string
  status?: TipStatus
  kind?: TipKind
  urgent?: boolean
  transferred?: boolean
  minAmount?: number
  from?: DayString
  to?: DayString
}

function whereOf(db: Database, filter: TipFilter): Record<string, unknown> {
  const _ = db.command
  const where: Record<string, unknown> = { townId: filter.townId }
  if (filter.status) where.status = filter.status
  if (filter.urgent !== undefined) where.urgent = filter.urgent
  if (filter.kind) where.kind = filter.kind
  if (filter.transferred !== undefined) where.transfer = filter.transferred ? _.in(['recent', 'earlier']) : 'none'
  if (filter.minAmount) where.amountLost = _.gte(filter.minAmount)
  if (filter.from && filter.to) where.createdAt = _.and(_.gte(startOfShanghaiDay(filter.from)), _.lt(startOfShanghaiDay(addDays(filter.to, 1))))
  else if (filter.from) where.createdAt = _.gte(startOfShanghaiDay(filter.from))
  else if (filter.to) where.createdAt = _.lt(startOfShanghaiDay(addDays(filter.to, 1)))
  return where
}

/**
 * A page of the police queue, newest first. New tips (已提交) put the urgent
 * ones first: money that left within a day may still be stopped. Served by
 * the tips indexes on (townId, status, [urgent,] createdAt).
 */
export async function queuePage(db: Database, filter: TipFilter, offset: number, limit: number): Promise<TipDoc[]> {
  let query = collection(db, 'tips').where(whereOf(db, filter))
  if (filter.status === 'submitted' && filter.urgent === undefined) query = query.orderBy('urgent', 'desc')
  const { data } = await query.orderBy('createdAt', 'desc').skip(offset).limit(limit).get()
  return data as TipDoc[]
}

/** Tips of a period for the export, oldest first, a page at a time. */
export async function exportPage(db: Database, filter: TipFilter, offset: number, limit: number): Promise<TipDoc[]> {
  const { data } = await collection(db, 'tips').where(whereOf(db, filter)).orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit).get()
  return data as TipDoc[]
}

export async function countTips(db: Database, filter: TipFilter): Promise<number> {
  const { total } = await collection(db, 'tips').where(whereOf(db, filter)).count()
  return Number(total ?? 0)
}

export async function insertTip(db: Database, tip: TipDoc): Promise<void> {
  await collection(db, 'tips').add(tip)
}

/**
 * Counts a tip into (delta 1) or out of (-1) its town's week, in one atomic
 * find-and-modify that also takes the day's next reference number (returned;
 * a number once taken is never taken again). The week's document is made on
 * its first tip.
 */
export async function countTip(db: Database, tip: Pick<TipDoc, 'townId' | 'week' | 'submittedOn' | 'kind' | 'status' | 'urgent' | 'villageId'>, delta: 1 | -1): Promise<number> {
  const _ = db.command
  const id = tipStatsIdFor(tip.townId, tip.week)
  const change = {
    total: _.inc(delta),
    urgent: _.inc(tip.urgent ? delta : 0),
    byKind: { [tip.kind]: _.inc(delta) },
    byStatus: { [tip.status]: _.inc(delta) },
    byVillage: { [tip.villageId ?? NO_VILLAGE]: _.inc(delta) },
    ...(delta > 0 ? { sequence: { [tip.submittedOn]: _.inc(1) } } : {}),
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const { doc } = (await collection(db, 'tipStats').where({ _id: id }).updateAndReturn(change)) as { doc?: TipStatsDoc | null }
    if (doc) return doc.sequence?.[tip.submittedOn] ?? 0
    try {
      await collection(db, 'tipStats').add(emptyTipStats(tip.townId, tip.week))
    } catch (error) {
      // Another tip made it first: count into theirs.
      if (!isDuplicateKeyError(error)) throw error
    }
  }
  throw new Error(`tip counters ${id} could not be made`)
}

/** The counts of the sender's current rate-limit windows (0 for a window with none yet). */
export async function tipLimitCounts(db: Database, ids: string[]): Promise<number[]> {
  const { data } = await collection(db, 'tipLimits').where({ _id: db.command.in(ids) }).limit(ids.length).get()
  const counts = new Map((data as TipLimitDoc[]).map((doc) => [doc._id, doc.count]))
  return ids.map((id) => counts.get(id) ?? 0)
}

export async function setTipLimit(db: Database, id: string, count: number, expiresAt: Date): Promise<void> {
  await collection(db, 'tipLimits').doc(id).set({ count, expiresAt })
}

/** Records one evidence slot unless it is taken; false when another upload took it first. */
export async function setEvidenceFile(db: Database, id: string, key: EvidenceKey, file: TipEvidenceFile): Promise<boolean> {
  const _ = db.command
  const { updated } = await collection(db, 'tips')
    .where({ _id: id, [`evidence.files.${key}`]: _.exists(false) })
    .update({ [`evidence.files.${key}`]: file, updatedAt: new Date() })
  return Number(updated ?? 0) > 0
}

export async function listTipStats(db: Database, townId: string, fromWeek: DayString, toWeek: DayString): Promise<TipStatsDoc[]> {
  const _ = db.command
  const { data } = await collection(db, 'tipStats')
    .where({ townId, week: _.and(_.gte(fromWeek), _.lte(toWeek)) })
    .orderBy('week', 'asc')
    .limit(60)
    .get()
  return data as TipStatsDoc[]
}

/** Rate-limit counters whose window is over: nothing needs them any more. */
export async function purgeExpiredTipLimits(db: Database, now: Date): Promise<number> {
  const _ = db.command
  const { deleted } = await collection(db, 'tipLimits').where({ expiresAt: _.lt(now) }).remove()
  return Number(deleted ?? 0)
}

/** Tips of the town that came in before `before` whose evidence and contact are still held (retention). */
export async function listDueTips(db: Database, townId: string, before: Date, limit: number): Promise<Pick<TipDoc, '_id' | 'evidence'>[]> {
  const _ = db.command
  const { data } = await collection(db, 'tips')
    .where({ townId, createdAt: _.lt(before), tipsterErasedAt: _.exists(false) })
    .limit(limit)
    .field({ evidence: true })
    .get()
  return data as Pick<TipDoc, '_id' | 'evidence'>[]
}

/**
 * Removes what ties tips to their sender (contact, account) and their
 * evidence images' records; the report itself stays for the police. The
 * receipt hash stays: without the code, which only the sender has, it names
 * nobody, and it lets them still read the police's replies.
 */
export async function markTipsErased(db: Database, ids: string[], at: Date): Promise<void> {
  const _ = db.command
  for (let start = 0; start < ids.length; start += 1000) {
    await collection(db, 'tips')
      .where({ _id: _.in(ids.slice(start, start + 1000)) })
      .update({ contact: null, reporterId: null, 'evidence.files': _.set({}), tipsterErasedAt: at })
  }
}
