import type { Database } from '../_lib/cloud'
import { findCoverageDocs, listCoverage, listCoverageStamps, type CoverageDoc, type CoverageStamp } from '../_lib/repos/coverage'

// Coverage documents change with every visit, yet between two looks at a
// dashboard most villages' have often not changed; and decoding a campaign's
// worth of byDay for 30 villages costs more than all the rest of the call. So
// an instance keeps each document it decoded, and on each call reads only
// what changes with every ledger write (updatedAt, covered, visits), fetching
// in full just the documents whose stamp moved. When most had moved last time
// (a busy day), it skips the stamps and reads everything in one query.

/** Even an unchanged stamp is re-read after this long. */
const MAX_AGE_MS = 5 * 60_000

const known = new Map<string, { stamp: string; at: number; doc: CoverageDoc }>()
/** Per query: did most documents change since the previous call? */
const busy = new Map<string, boolean>()

const stampOf = (doc: CoverageStamp) => `${new Date(doc.updatedAt).getTime()}:${doc.covered}:${doc.visits}`

function isFresh(stamp: CoverageStamp, now: number): boolean {
  const entry = known.get(stamp._id)
  return Boolean(entry && entry.stamp === stampOf(stamp) && now - entry.at <= MAX_AGE_MS)
}

function remember(doc: CoverageDoc, now: number): CoverageDoc {
  const full = { ...doc, byDay: doc.byDay ?? {} }
  known.set(doc._id, { stamp: stampOf(doc), at: now, doc: full })
  return full
}

/** The campaign's coverage documents of the town, or of the villages given by coverage id. */
export async function coverageDocs(db: Database, query: { campaignId: string; townId: string; ids?: string[] }, now = Date.now()): Promise<CoverageDoc[]> {
  const key = `${query.campaignId}|${query.townId}|${query.ids?.join(',') ?? '*'}`
  if (busy.get(key)) {
    const docs = query.ids ? await findCoverageDocs(db, query.ids) : await listCoverage(db, query.campaignId, query.townId)
    busy.set(key, docs.filter((doc) => !isFresh(doc, now)).length * 2 > docs.length)
    return docs.map((doc) => remember(doc, now))
  }
  const stamps = await listCoverageStamps(db, query)
  const stale = stamps.filter((stamp) => !isFresh(stamp, now))
  busy.set(key, stale.length * 2 > stamps.length)
  for (const doc of await findCoverageDocs(db, stale.map((stamp) => stamp._id))) remember(doc, now)
  // A document that changed again between the two reads is served as last read in full.
  return stamps.flatMap((stamp) => known.get(stamp._id)?.doc ?? [])
}
