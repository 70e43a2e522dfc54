import type { DayCount } from '../../../domain/coverage-ledger'
import type { DayString } from '../../../domain/dates'
import type { Database } from '../cloud'
import { collection } from '../collections'

/** Per campaign and village: the counters the dashboard reads instead of scanning visits. */
export interface CoverageDoc {
  _id: string
  campaignId: string
  villageId: string
  townId: string
  /** Distinct households with a qualifying, non-voided visit. */
  covered: number
  /** Non-voided visits. */
  visits: number
  byDay: Record<DayString, DayCount>
  updatedAt: Date
}

export async function listCoverage(db: Database, campaignId: string, townId: string): Promise<CoverageDoc[]> {
  const { data } = await collection(db, 'coverage').where({ campaignId, townId }).limit(1000).get()
  return data as CoverageDoc[]
}

export type CoverageStamp = Omit<CoverageDoc, 'byDay'>

/** A campaign's coverage documents (a town's, or some villages' by id) without byDay: what changed since they were last read. */
export async function listCoverageStamps(db: Database, query: { campaignId: string; townId: string; ids?: string[] }): Promise<CoverageStamp[]> {
  if (query.ids?.length === 0) return []
  const where = query.ids ? { _id: db.command.in(query.ids), campaignId: query.campaignId } : { campaignId: query.campaignId, townId: query.townId }
  const { data } = await collection(db, 'coverage').where(where).limit(1000).field({ byDay: false }).get()
  return data as CoverageStamp[]
}

export async function findCoverageDocs(db: Database, ids: string[]): Promise<CoverageDoc[]> {
  if (ids.length === 0) return []
  const { data } = await collection(db, 'coverage').where({ _id: db.command.in(ids) }).limit(1000).get()
  return data as CoverageDoc[]
}

/** Coverage documents by id without byDay: their covered and visits counts. */
export async function findCoverageStamps(db: Database, ids: string[]): Promise<CoverageStamp[]> {
  const stamps: CoverageStamp[] = []
  for (let start = 0; start < ids.length; start += 1000) {
    const { data } = await collection(db, 'coverage').where({ _id: db.command.in(ids.slice(start, start + 1000)) }).limit(1000).field({ byDay: false }).get()
    stamps.push(...(data as CoverageStamp[]))
  }
  return stamps
}
