// The `database.*` actions of the wire protocol (see /work/shared/docs/cloudbase.md):
// request fields in, reply `data` out. Each handler runs synchronously from start
// to reply, so on the single Node thread every request is atomic.
import { ObjectId } from 'bson'
import { decodeStored, decodeWire, Doc, encode, isPlainObject, toReply } from './ejson'
import { runPipeline } from './aggregate'
import { ErrorCode, TcbServerError } from './errors'
import { newDocId } from './ids'
import { Usage } from './operators'
import { SortSpec } from './planner'
import { count, findMatches, findTexts, Match, project } from './query'
import { CollectionInfo, DocId, Store } from './store'
import { TransactionManager } from './transactions'
import { applyUpdate, assertStorable, replacement } from './update'

export interface DbContext {
  store: Store
  usage: Usage
  transactions: TransactionManager
}

export type Params = Record<string, unknown>

export interface Reply {
  data: unknown
  /** Fields the SDK reads beside `data` (startTransaction's transactionId). */
  top?: Record<string, unknown>
}

type Handler = (ctx: DbContext, p: Params, now: number) => Reply

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000

const invalid = (message: string): TcbServerError => new TcbServerError(ErrorCode.INVALID_PARAM, message)

const collectionName = (p: Params): string => {
  if (typeof p.collectionName !== 'string' || p.collectionName === '') throw invalid('collectionName is required')
  return p.collectionName
}

const decodeField = (p: Params, field: string, now: number): unknown => {
  const raw = p[field]
  if (raw === undefined || raw === null || raw === '') return undefined
  return typeof raw === 'string' ? decodeWire(raw, now) : raw
}

const filterOf = (ctx: DbContext, p: Params, now: number): Doc => {
  const filter = decodeField(p, 'query', now) ?? {}
  ctx.usage.checkFilter(filter)
  return filter as Doc
}

/** The id of a `{ _id: <string|number> }` filter: the only shape doc() sends. */
const idOf = (filter: Doc): DocId | undefined => {
  const keys = Object.keys(filter)
  if (keys.length !== 1 || keys[0] !== '_id') return undefined
  const id = filter._id
  return typeof id === 'string' || typeof id === 'number' ? id : undefined
}

const transactionId = (p: Params): string | undefined => (typeof p.transactionId === 'string' && p.transactionId !== '' ? p.transactionId : undefined)

/** Inside a transaction only doc(id) operations and add() are allowed, as in CloudBase. */
const refuseInTransaction = (what: string): never => {
  throw new TcbServerError(
    ErrorCode.INVALID_OPERATION,
    `${what} is not allowed inside a transaction: only doc(id).get/set/update/remove and add() are`,
  )
}

/** Runs `op` inside the request's transaction when it names one. */
const maybeInTransaction = <T>(ctx: DbContext, p: Params, op: () => T): T => {
  const tx = transactionId(p)
  return tx ? ctx.transactions.run(tx, op) : op()
}

// Safe integers only: 1e21 passes Number.isInteger but would reach SQLite as a REAL.
const limitOf = (p: Params): number => {
  if (p.limit === undefined || p.limit === null || p.limit === 0) return DEFAULT_LIMIT
  const n = Number(p.limit)
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(`invalid limit ${String(p.limit)}: must be a non-negative safe integer`)
  return Math.min(n, MAX_LIMIT)
}

const offsetOf = (p: Params): number => {
  const n = Number(p.offset ?? 0)
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(`invalid offset ${String(p.offset)}: must be a non-negative safe integer`)
  return n
}

/** The id column's value of a new document's _id: ObjectIds as their 12 bytes (a BLOB). */
const columnId = (id: unknown): DocId => {
  if (typeof id === 'string' || typeof id === 'number') return id
  if (id instanceof ObjectId) return Buffer.from(id.id)
  throw invalid('_id must be a string, a number or an ObjectId')
}

const direction = (value: unknown): 1 | -1 => {
  if (value === 1 || value === 'asc') return 1
  if (value === -1 || value === 'desc') return -1
  throw invalid(`invalid sort direction ${JSON.stringify(value)}`)
}

/** The SDK sends orderBy() as an object { field: 1|-1 }; older clients as [{ field, direction }]. */
const sortOf = (p: Params, now: number): SortSpec => {
  const order = decodeField(p, 'order', now)
  if (order === undefined) return []
  if (Array.isArray(order)) {
    return order.map((o) => {
      if (isPlainObject(o) && typeof o.field === 'string') return [o.field, direction(o.direction)]
      if (isPlainObject(o) && Object.keys(o).length === 1) return [Object.keys(o)[0], direction(Object.values(o)[0])]
      throw invalid('invalid order')
    })
  }
  if (!isPlainObject(order)) throw invalid('invalid order')
  return Object.entries(order).map(([field, dir]) => [field, direction(dir)])
}

const projectionOf = (p: Params, now: number): Doc | undefined => {
  const projection = decodeField(p, 'projection', now)
  if (projection === undefined) return undefined
  if (!isPlainObject(projection)) throw invalid('projection must be an object')
  return Object.keys(projection).length > 0 ? projection : undefined
}

/** The document of `id`, read through the store so transactions watch it. */
const matchById = (ctx: DbContext, info: CollectionInfo, id: DocId): Match[] => {
  const text = ctx.store.getById(info.name, id)
  return text === undefined ? [] : [{ id, text, doc: decodeStored(text) }]
}

const getDocument: Handler = (ctx, p, now) => {
  const name = collectionName(p)
  const filter = filterOf(ctx, p, now)
  const id = idOf(filter)
  if (transactionId(p) && (p.queryType !== 'DOC' || id === undefined)) refuseInTransaction('a where() query')
  return maybeInTransaction(ctx, p, () => {
    const info = ctx.store.collection(name)
    const projection = projectionOf(p, now)
    if (p.queryType === 'DOC' && id !== undefined) {
      const found = matchById(ctx, info, id)
      const list = projection ? project(found.map((m) => m.doc), projection).map(encode) : found.map((m) => m.text)
      return { data: { list: list.map(toReply), offset: 0, limit: 1 } }
    }
    const offset = offsetOf(p)
    const limit = limitOf(p)
    const list = findTexts(ctx.store, info, { filter, sort: sortOf(p, now), offset, limit, projection })
    return { data: { list: list.map(toReply), offset, limit } }
  })
}

const insertDocument: Handler = (ctx, p, now) => {
  const name = collectionName(p)
  if (!Array.isArray(p.data) || p.data.length === 0) throw invalid('data must be a non-empty array of documents')
  const docs = p.data.map((raw) => {
    const doc = typeof raw === 'string' ? decodeWire(raw, now) : raw
    if (!isPlainObject(doc)) throw invalid('each document must be an object')
    assertStorable(doc)
    if (doc._id === undefined) return { _id: newDocId(), ...doc } // _id first, like MongoDB
    columnId(doc._id)
    return doc
  })
  return maybeInTransaction(ctx, p, () => {
    ctx.store.collection(name)
    const insert = (doc: Doc) => ctx.store.apply({ kind: 'insert', collection: name, id: columnId(doc._id), doc, text: encode(doc) })
    // All or nothing: a duplicate anywhere in a batch inserts none of it.
    if (docs.length === 1) insert(docs[0])
    else ctx.store.db.transaction(() => docs.forEach(insert))()
    return { data: { insertedIds: docs.map((d) => d._id) } }
  })
}

const modifyDocument: Handler = (ctx, p, now) => {
  const name = collectionName(p)
  const filter = filterOf(ctx, p, now)
  const id = idOf(filter)
  const multi = p.multi === true
  const merge = p.merge !== false
  const upsert = p.upsert === true
  if (transactionId(p) && (p.queryType !== 'DOC' || id === undefined || multi)) refuseInTransaction('a where() update')
  const data = decodeField(p, 'data', now)
  if (!isPlainObject(data)) throw invalid('data must be an object')
  if (merge) ctx.usage.checkUpdate(data)
  return maybeInTransaction(ctx, p, () => {
    const info = ctx.store.collection(name)
    return ctx.store.db.transaction((): Reply => {
      const matches = p.queryType === 'DOC' && id !== undefined ? matchById(ctx, info, id) : findMatches(ctx.store, info, filter, multi ? Infinity : 1)
      let updated = 0
      for (const m of matches) {
        const next = merge ? m.doc : replacement(m.doc._id, data)
        if (merge && !applyUpdate(next, data)) continue
        assertStorable(next)
        const text = encode(next)
        if (text === m.text) continue
        ctx.store.apply({ kind: 'replace', collection: name, id: m.id, doc: next, text })
        updated++
      }
      if (matches.length > 0 || !upsert) return { data: { updated, upsert_id: null } }
      const newId = id ?? newDocId()
      const doc = merge ? { _id: newId } : replacement(newId, data)
      if (merge) applyUpdate(doc, data)
      assertStorable(doc)
      ctx.store.apply({ kind: 'insert', collection: name, id: newId, doc, text: encode(doc) })
      return { data: { updated: 0, upsert_id: newId } }
    })()
  })
}

const removeDocument: Handler = (ctx, p, now) => {
  const name = collectionName(p)
  const filter = filterOf(ctx, p, now)
  const id = idOf(filter)
  const multi = p.multi === true
  if (transactionId(p) && (p.queryType !== 'DOC' || id === undefined || multi)) refuseInTransaction('a where() remove')
  return maybeInTransaction(ctx, p, () => {
    const info = ctx.store.collection(name)
    return ctx.store.db.transaction((): Reply => {
      const matches = p.queryType === 'DOC' && id !== undefined ? matchById(ctx, info, id) : findMatches(ctx.store, info, filter, multi ? Infinity : 1)
      let deleted = 0
      for (const m of matches) deleted += ctx.store.apply({ kind: 'delete', collection: name, id: m.id })
      return { data: { deleted } }
    })()
  })
}

const calculateDocument: Handler = (ctx, p, now) => {
  if (transactionId(p)) refuseInTransaction('count()')
  const filter = filterOf(ctx, p, now)
  return { data: { total: count(ctx.store, ctx.store.collection(collectionName(p)), filter) } }
}

const modifyAndReturnDoc: Handler = (ctx, p, now) => {
  const name = collectionName(p)
  const filter = filterOf(ctx, p, now)
  const id = idOf(filter)
  if (transactionId(p) && id === undefined) refuseInTransaction('updateAndReturn() with a where() query')
  const data = decodeField(p, 'data', now)
  if (!isPlainObject(data)) throw invalid('data must be an object')
  ctx.usage.checkUpdate(data)
  return maybeInTransaction(ctx, p, () => {
    const info = ctx.store.collection(name)
    const [m] = id !== undefined ? matchById(ctx, info, id) : findMatches(ctx.store, info, filter, 1)
    if (!m) return { data: { updated: 0, doc: null } }
    const changed = applyUpdate(m.doc, data)
    assertStorable(m.doc)
    const text = encode(m.doc)
    if (changed && text !== m.text) ctx.store.apply({ kind: 'replace', collection: name, id: m.id, doc: m.doc, text })
    // findAndModify's count: the document matched, even when the update left it as it was.
    return { data: { updated: 1, doc: toReply(text) } }
  })
}

const aggregateDocuments: Handler = (ctx, p, now) => {
  if (transactionId(p)) refuseInTransaction('aggregate()')
  const info = ctx.store.collection(collectionName(p))
  if (!Array.isArray(p.stages)) throw invalid('stages must be an array')
  const stages = p.stages.map((s: unknown) => {
    const stage = s as { stageKey?: unknown; stageValue?: unknown }
    if (typeof stage.stageKey !== 'string') throw invalid('each stage needs a stageKey')
    const value = typeof stage.stageValue === 'string' ? decodeWire(stage.stageValue, now) : stage.stageValue
    ctx.usage.checkStage(stage.stageKey, value)
    return { [stage.stageKey]: value }
  })
  return { data: { list: runPipeline(ctx.store, info, stages).map((doc) => toReply(encode(doc))) } }
}

const addCollection: Handler = (ctx, p) => {
  ctx.store.createCollection(collectionName(p))
  return { data: {} }
}

const startTransaction: Handler = (ctx) => {
  const id = ctx.transactions.start()
  return { data: { transactionId: id }, top: { transactionId: id } }
}

const commitTransaction: Handler = (ctx, p) => {
  const id = transactionId(p)
  if (!id) throw invalid('transactionId is required')
  ctx.transactions.commit(id)
  return { data: {} }
}

const abortTransaction: Handler = (ctx, p) => {
  const id = transactionId(p)
  if (!id) throw invalid('transactionId is required')
  ctx.transactions.abort(id)
  return { data: {} }
}

export const DATABASE_ACTIONS: Record<string, Handler> = {
  'database.addCollection': addCollection,
  'database.getDocument': getDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.calculateDocument': calculateDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
}
