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

export async function findCoverageDocs(db: Database, ids: string[]): Promise<CoverageDoc[]> {
  if (ids.length === 0) return []
  const { data } = await collection(db, 'coverage').where({ _id: db.command.in(ids) }).limit(1000).get()
  return data as CoverageDoc[]
}
