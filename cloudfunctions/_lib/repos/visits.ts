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
}

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
