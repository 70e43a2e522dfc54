// One SQL expression turns a field of a stored document into an index key whose
// SQLite ordering is MongoDB's ordering across types, so equality and range
// conditions can be answered by an expression index exactly:
//
//   null or missing  -> -Infinity (REAL)   sorts before every number
//   number           -> the number          (INTEGER/REAL compare numerically)
//   string           -> the string          (TEXT, after every number; bytewise like MongoDB)
//   object           -> x'03'               (BLOB, after every string)
//   array            -> x'04'
//   boolean          -> x'0800' / x'0801'
//   Date             -> x'09' + 8-byte big-endian (ms + 2^62), so dates sort by time
//
// Null and missing share a key, as `{f: null}` matches both in MongoDB; using a
// real value instead of SQL NULL also makes a unique index refuse a second
// document without the field, as MongoDB's does. Objects and arrays only get a
// marker: conditions on them are left to the document filter.
import { ObjectId } from 'bson'

export type SqlValue = number | string | Buffer

export const NULL_KEY = -Infinity
const DATE_PREFIX = 0x09
const DATE_OFFSET = 2n ** 62n

/** SQL comparisons bounding each type's key range (see the table above). */
export const TYPE_BOUNDS = {
  number: { low: '> -9e999', high: "< ''" },
  string: { low: ">= ''", high: "< x''" },
  boolean: { low: "> x'08'", high: "< x'09'" },
  date: { low: "> x'09'", high: "< x'0A'" },
} as const

export type ScalarType = keyof typeof TYPE_BOUNDS

/** Path components that can be written as an SQLite JSON path and mean the same as in MongoDB. */
export const isSqlPath = (path: string): boolean =>
  path.split('.').every((part) => part.length > 0 && part[0] !== '$' && !/^\d+$/.test(part) && !/["\\']/.test(part))

export const jsonPath = (parts: readonly string[]): string => `'$${parts.map((p) => `."${p}"`).join('')}'`

/** The key expression of `path`; queries must use the identical text for SQLite to match an index. */
const keyExprs = new Map<string, string>()

export const keyExpr = (path: string): string => {
  let expr = keyExprs.get(path)
  if (expr === undefined) keyExprs.set(path, (expr = buildKeyExpr(path)))
  return expr
}

const buildKeyExpr = (path: string): string => {
  if (path === '_id') return 'id'
  const parts = path.split('.')
  const p = jsonPath(parts)
  const d = jsonPath([...parts, '$date'])
  return (
    `(CASE json_type(data, ${p})` +
    ` WHEN 'integer' THEN json_extract(data, ${p})` +
    ` WHEN 'real' THEN json_extract(data, ${p})` +
    ` WHEN 'text' THEN json_extract(data, ${p})` +
    ` WHEN 'true' THEN x'0801' WHEN 'false' THEN x'0800'` +
    ` WHEN 'object' THEN (CASE WHEN json_type(data, ${d}) = 'integer'` +
    // unhex() of the whole key: `||` would make TEXT, which sorts before every BLOB.
    ` THEN unhex(printf('09%016X', json_extract(data, ${d}) + 4611686018427387904)) ELSE x'03' END)` +
    ` WHEN 'array' THEN x'04'` +
    ` ELSE -9e999 END)`
  )
}

/** SQL conditions true when some proper prefix of `path` holds an array (MongoDB then matches element-wise). */
export const prefixArrayChecks = (path: string): string[] => {
  const parts = path.split('.')
  const checks: string[] = []
  for (let i = 1; i < parts.length; i++) checks.push(`json_type(data, ${jsonPath(parts.slice(0, i))}) = 'array'`)
  return checks
}

export const dateKey = (date: Date): Buffer => {
  const buf = Buffer.alloc(9)
  buf[0] = DATE_PREFIX
  buf.writeBigUInt64BE(BigInt(date.getTime()) + DATE_OFFSET, 1)
  return buf
}

export interface ScalarKey {
  value: SqlValue
  /** 'objectId' only for `_id`, whose column holds an ObjectId's 12 bytes. */
  type: ScalarType | 'null' | 'objectId'
}

/** The key of a query value, or undefined when the value has no exact key (objects, arrays, regexes, NaN…). */
export const scalarKey = (value: unknown): ScalarKey | undefined => {
  if (value === null) return { value: NULL_KEY, type: 'null' }
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? { value, type: 'number' } : undefined
    case 'string':
      return { value, type: 'string' }
    case 'boolean':
      return { value: Buffer.from([0x08, value ? 1 : 0]), type: 'boolean' }
    default:
      if (value instanceof Date) return { value: dateKey(value), type: 'date' }
      return undefined
  }
}

/** The key of an `_id` value: the raw id column holds strings and numbers as they are, ObjectIds as 12 bytes (BLOBs sort after text, as ObjectIds after strings). */
export const idKey = (value: unknown): ScalarKey | undefined => {
  if (typeof value === 'string') return { value, type: 'string' }
  if (typeof value === 'number' && Number.isFinite(value)) return { value, type: 'number' }
  if (value instanceof ObjectId) return { value: Buffer.from(value.id), type: 'objectId' }
  return undefined
}
