// Aggregation: the leading $match stages become the filter of an ordinary
// indexed query, and mingo runs the rest of the pipeline on the matches.
import { decodeStored, Doc } from './ejson'
import { ErrorCode, TcbServerError } from './errors'
import { Aggregator } from './mql'
import { findMatches } from './query'
import type { CollectionInfo, Store } from './store'

/** Measured on CloudBase: a pipeline without $limit returns at most 20 documents. */
export const AGGREGATE_DEFAULT_LIMIT = 20

export const runPipeline = (store: Store, info: CollectionInfo, stages: Doc[]): Doc[] => {
  let leading = 0
  while (leading < stages.length && '$match' in stages[leading]) leading++
  const filters = stages.slice(0, leading).map((s) => s.$match as Doc)
  const filter = filters.length === 1 ? filters[0] : filters.length === 0 ? {} : { $and: filters }
  const docs = findMatches(store, info, filter).map((m) => m.doc)
  const rest = stages.slice(leading)
  let result: Doc[]
  try {
    result = new Aggregator(rest, {
      collectionResolver: (name: string) => {
        const other = store.collection(name)
        return (store.prepare(`SELECT data FROM ${other.table}`).pluck().all() as string[]).map(decodeStored)
      },
    }).run<Doc>(docs)
  } catch (err) {
    if (err instanceof TcbServerError) throw err
    throw new TcbServerError(ErrorCode.REQUEST_FAILED, `aggregate failed: ${(err as Error).message}`)
  }
  const hasLimit = stages.some((s) => '$limit' in s)
  return hasLimit ? result : result.slice(0, AGGREGATE_DEFAULT_LIMIT)
}
