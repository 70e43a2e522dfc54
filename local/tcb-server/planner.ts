// Translates a MongoDB filter into an SQL WHERE over the key expressions of
// sql-keys.ts. Conditions on indexed fields use the identical expression text,
// so SQLite answers them from the expression index; other fields are evaluated
// by SQLite on each row, which is still far cheaper than parsing the document.
//
// The translation is always a superset of the true matches. It is `exact` only
// when SQLite's answer IS MongoDB's answer: then no document is parsed, and
// limit, offset and count run in SQL. Otherwise the candidates go through mingo.
// Exactness needs the field's values to be scalars: `_id`, or an indexed path
// never seen holding an array or object (CollectionInfo.nonScalar). Anywhere
// else an array may match element-wise, so rows holding arrays or objects are
// kept as candidates.
import { Doc, isPlainObject } from './ejson'
import { idKey, isSqlPath, jsonPath, keyExpr, prefixArrayChecks, scalarKey, ScalarKey, SqlValue, TYPE_BOUNDS } from './sql-keys'
import type { CollectionInfo } from './store'

export interface SqlFilter {
  sql: string
  params: SqlValue[]
  exact: boolean
}

const TRUE: SqlFilter = { sql: '1', params: [], exact: false }

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }

const and = (parts: SqlFilter[]): SqlFilter => {
  const useful = parts.filter((p) => p.sql !== '1')
  return {
    sql: useful.length === 0 ? '1' : useful.length === 1 ? useful[0].sql : useful.map((p) => `(${p.sql})`).join(' AND '),
    params: useful.flatMap((p) => p.params),
    exact: parts.every((p) => p.exact),
  }
}

/** Whether values at `path` are known to be scalars, so SQL on the key is MongoDB's answer. */
export const isTrusted = (info: CollectionInfo, path: string): boolean =>
  path === '_id' || (info.indexedPaths.has(path) && !info.nonScalar.has(path))

/** One operator on one field, or undefined when SQL cannot express it. */
const translateOp = (path: string, op: string, arg: unknown): SqlFilter | undefined => {
  const isId = path === '_id'
  const key = (v: unknown): ScalarKey | undefined => (isId ? idKey(v) : scalarKey(v))
  const k = keyExpr(path)
  switch (op) {
    case '$eq':
    case '$ne': {
      const kv = key(arg)
      return kv && { sql: `${k} ${op === '$eq' ? '=' : '!='} ?`, params: [kv.value], exact: true }
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const kv = key(arg)
      if (!kv || kv.type === 'null' || kv.type === 'objectId') return undefined
      // MongoDB compares within one type only: bound the range to that type's keys.
      const bounds = TYPE_BOUNDS[kv.type]
      const other = op === '$gt' || op === '$gte' ? `${k} ${bounds.high}` : `${k} ${bounds.low}`
      return { sql: `${k} ${RANGE_SQL[op]} ? AND ${other}`, params: [kv.value], exact: true }
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(arg)) return undefined
      const keys = arg.map(key)
      if (keys.some((kv) => kv === undefined)) return undefined
      if (keys.length === 0) return { sql: op === '$in' ? '0' : '1', params: [], exact: true }
      const list = keys.map(() => '?').join(', ')
      return { sql: `${k} ${op === '$in' ? 'IN' : 'NOT IN'} (${list})`, params: keys.map((kv) => (kv as ScalarKey).value), exact: true }
    }
    case '$exists': {
      const want = Boolean(arg)
      if (isId) return { sql: want ? '1' : '0', params: [], exact: true }
      return { sql: `json_type(data, ${jsonPath(path.split('.'))}) IS ${want ? 'NOT ' : ''}NULL`, params: [], exact: true }
    }
    default:
      return undefined
  }
}

const translateField = (info: CollectionInfo, path: string, condition: unknown): SqlFilter => {
  if (path !== '_id' && !isSqlPath(path)) return TRUE
  const isOperatorObject = isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))
  const ops: [string, unknown][] = isOperatorObject ? Object.entries(condition as Doc) : [['$eq', condition]]
  const combined = and(ops.map(([op, arg]) => translateOp(path, op, arg) ?? TRUE))
  if (isTrusted(info, path)) return combined
  if (combined.sql === '1') return TRUE
  // Also keep every row where MongoDB might match element-wise (arrays), or where
  // an object stands for a value (non-finite numbers are stored as objects).
  const nonScalar = [`json_type(data, ${jsonPath(path.split('.'))}) IN ('object', 'array')`, ...prefixArrayChecks(path)]
  return { sql: `(${combined.sql}) OR ${nonScalar.join(' OR ')}`, params: combined.params, exact: false }
}

/** The SQL superset of `filter`'s matches on `info`'s table. */
export const translateFilter = (info: CollectionInfo, filter: Doc): SqlFilter => {
  const parts: SqlFilter[] = []
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      parts.push(and(value.map((sub) => translateFilter(info, sub as Doc))))
    } else if (key === '$or' && Array.isArray(value)) {
      const branches = value.map((sub) => translateFilter(info, sub as Doc))
      if (branches.length === 0 || branches.some((b) => b.sql === '1')) parts.push(TRUE)
      else
        parts.push({
          sql: branches.map((b) => `(${b.sql})`).join(' OR '),
          params: branches.flatMap((b) => b.params),
          exact: branches.every((b) => b.exact),
        })
    } else if (key.startsWith('$')) {
      parts.push(TRUE)
    } else {
      parts.push(translateField(info, key, value))
    }
  }
  return parts.length === 0 ? { sql: '1', params: [], exact: true } : and(parts)
}

export type SortSpec = [path: string, direction: 1 | -1][]

/** ORDER BY text when SQLite's order of the keys is MongoDB's order, else undefined. */
export const sqlOrder = (info: CollectionInfo, sort: SortSpec): string | undefined => {
  if (sort.length === 0) return ''
  if (!sort.every(([path]) => isTrusted(info, path))) return undefined
  return ` ORDER BY ${sort.map(([path, dir]) => `${keyExpr(path)}${dir === -1 ? ' DESC' : ''}`).join(', ')}`
}
