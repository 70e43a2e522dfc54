// Runs a filter against a collection: SQL narrows (planner.ts), mingo decides
// what SQL cannot, and sort/skip/limit run in SQL whenever the result is exact.
import { decodeStored, Doc, encode } from './ejson'
import { Query } from './mql'
import { SortSpec, sqlOrder, translateFilter } from './planner'
import type { CollectionInfo, DocId, Store } from './store'

export interface FindRequest {
  filter: Doc
  sort: SortSpec
  offset: number
  limit: number
  projection?: Doc
}

export interface Match {
  id: DocId
  text: string
  doc: Doc
}

export const findTexts = (store: Store, info: CollectionInfo, req: FindRequest): string[] => {
  const plan = translateFilter(info, req.filter)
  const order = sqlOrder(info, req.sort)
  let texts: string[]
  if (plan.exact && order !== undefined) {
    texts = store
      .prepare(`SELECT data FROM ${info.table} WHERE ${plan.sql}${order} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...plan.params, req.limit, req.offset) as string[]
  } else {
    const test = plan.exact ? undefined : new Query(req.filter)
    // With SQL order (or none asked for) the first offset+limit matches are the answer.
    const enough = order !== undefined ? req.offset + req.limit : Infinity
    const rows = store.prepare(`SELECT data FROM ${info.table} WHERE ${plan.sql}${order ?? ''}`).pluck().iterate(...plan.params) as IterableIterator<string>
    const matches: { doc: Doc; text: string }[] = []
    for (const text of rows) {
      const doc = decodeStored(text)
      if (test && !test.test(doc)) continue
      matches.push({ doc, text })
      if (matches.length >= enough) break
    }
    if (order === undefined) sortMatches(matches, req.sort)
    texts = matches.slice(req.offset, req.offset + req.limit).map((m) => m.text)
  }
  return req.projection ? project(texts.map(decodeStored), req.projection).map(encode) : texts
}

/** MongoDB sort semantics (arrays, mixed types) via mingo, keeping each document's stored text. */
const sortMatches = <T extends { doc: Doc }>(matches: T[], sort: SortSpec): void => {
  const byDoc = new Map(matches.map((m) => [m.doc, m]))
  const spec = Object.fromEntries(sort) as Record<string, 1 | -1>
  const sorted = new Query({}).find<Doc>(matches.map((m) => m.doc)).sort(spec).all()
  sorted.forEach((doc, i) => {
    matches[i] = byDoc.get(doc) as T
  })
}

export const project = (docs: Doc[], projection: Doc): Doc[] => new Query({}).find<Doc>(docs, projection).all()

export const count = (store: Store, info: CollectionInfo, filter: Doc): number => {
  const plan = translateFilter(info, filter)
  if (plan.exact) {
    return store.prepare(`SELECT COUNT(*) FROM ${info.table} WHERE ${plan.sql}`).pluck().get(...plan.params) as number
  }
  const test = new Query(filter)
  let n = 0
  for (const text of store.prepare(`SELECT data FROM ${info.table} WHERE ${plan.sql}`).pluck().iterate(...plan.params) as IterableIterator<string>) {
    if (test.test(decodeStored(text))) n++
  }
  return n
}

/** Matching documents with their ids, for updates, removes and aggregation; `max` stops early. */
export const findMatches = (store: Store, info: CollectionInfo, filter: Doc, max = Infinity): Match[] => {
  const plan = translateFilter(info, filter)
  const test = plan.exact ? undefined : new Query(filter)
  const out: Match[] = []
  const rows = store.prepare(`SELECT id, data FROM ${info.table} WHERE ${plan.sql}`).iterate(...plan.params) as IterableIterator<{ id: DocId; data: string }>
  for (const row of rows) {
    const doc = decodeStored(row.data)
    if (test && !test.test(doc)) continue
    out.push({ id: row.id, text: row.data, doc })
    if (out.length >= max) break
  }
  return out
}
