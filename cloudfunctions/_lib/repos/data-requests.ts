import { createHash } from 'crypto'
import type { DayString } from '../../../domain/dates'
import type { DataRequestKind, DataRequestStatus, DataSubject, HeldData } from '../../../domain/privacy'
import type { Database } from '../cloud'
import { collection } from '../collections'

// A resident's request to see or delete what is held about them, and what the
// town's office did with it: the record PIPL asks for. It names the requester
// by user id, never by OPENID.

export interface DataRequestDoc {
  _id: string
  townId: string
  requesterId: string
  subject: DataSubject
  kind: DataRequestKind
  /** Household requests: who and where they say they are (office calls the phone to confirm). */
  villageId: string | null
  name: string
  phone: string
  door: string
  note: string
  /** Tipster requests: hashes of the receipts they gave (their anonymous tips). */
  receiptHashes: string[]
  status: DataRequestStatus
  createdAt: Date
  handledAt: Date | null
  handledById: string | null
  handledByName: string | null
  reply: string
  householdIds: string[]
  erased: { households: number; visits: number; tips: number } | null
  /** The copy sent to the requester (see), removed after `answerKeptUntil`. */
  answer: HeldData | null
  answerKeptUntil: DayString | null
}

/** One request per requester and requestId: a retried submission lands on the same document. */
export function dataRequestIdFor(requesterId: string, requestId: string): string {
  return `dr_${createHash('sha256').update(`${requesterId}\u0000${requestId}`).digest('hex').slice(0, 24)}`
}

export async function findDataRequest(db: Database, id: string): Promise<DataRequestDoc | null> {
  const { data } = await collection(db, 'dataRequests').doc(id).get()
  return (data?.[0] as DataRequestDoc | undefined) ?? null
}

export async function saveDataRequest(db: Database, doc: DataRequestDoc): Promise<void> {
  const { _id, ...fields } = doc
  await collection(db, 'dataRequests').doc(_id).set(fields)
}

export async function listMyDataRequests(db: Database, requesterId: string, limit = 20): Promise<DataRequestDoc[]> {
  const { data } = await collection(db, 'dataRequests').where({ requesterId }).orderBy('createdAt', 'desc').limit(limit).get()
  return data as DataRequestDoc[]
}

export async function countPendingOf(db: Database, requesterId: string): Promise<number> {
  const { total } = await collection(db, 'dataRequests').where({ requesterId, status: 'pending' }).count()
  return Number(total)
}

export async function listTownDataRequests(
  db: Database,
  query: { townId: string; status?: DataRequestStatus; before?: Date; limit: number },
): Promise<DataRequestDoc[]> {
  const where: Record<string, unknown> = { townId: query.townId }
  if (query.status) where.status = query.status
  if (query.before) where.createdAt = db.command.lt(query.before)
  const { data } = await collection(db, 'dataRequests').where(where).orderBy('createdAt', 'desc').limit(query.limit).get()
  return data as DataRequestDoc[]
}

/** Answers whose copy is kept no longer (their day has passed), up to `limit`. */
export async function listExpiredAnswers(db: Database, townId: string, today: DayString, limit: number): Promise<string[]> {
  const { data } = await collection(db, 'dataRequests')
    .where({ townId, answerKeptUntil: db.command.lt(today) })
    .field({ _id: true })
    .limit(limit)
    .get()
  return (data as { _id: string }[]).map((doc) => doc._id)
}

export async function dropAnswers(db: Database, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  await collection(db, 'dataRequests').where({ _id: db.command.in(ids) }).update({ answer: null, answerKeptUntil: null })
}

/** Records how a pending request was handled; false if someone else handled it first. */
export async function completeDataRequest(db: Database, id: string, patch: Partial<Omit<DataRequestDoc, '_id'>>): Promise<boolean> {
  const { updated } = await collection(db, 'dataRequests').where({ _id: id, status: 'pending' }).update(patch)
  return Number(updated ?? 0) > 0
}
