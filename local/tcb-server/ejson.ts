// EJSON in and out. The SDK sends canonical EJSON ({"$numberInt":"1"}, {"$date":
// {"$numberLong":"…"}}) and decodes replies with bson's relaxed EJSON.parse. We
// store documents in the relaxed form that parse accepts (plain JSON numbers,
// {"$date": <ms>}), so a stored row is already a valid reply: hot reads send it
// as is, without parsing. One codec therefore serves the wire and the store.
import { EJSON, ObjectId } from 'bson'
import { ErrorCode, TcbServerError } from './errors'

export type Doc = Record<string, unknown>

export const isPlainObject = (value: unknown): value is Doc =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Date) &&
  !(value instanceof RegExp) &&
  !('_bsontype' in value)

const JS_REGEX_FLAGS = new Set(['i', 'm', 's', 'u'])

const toRegExp = (pattern: string, options: string): RegExp => {
  for (const flag of options) {
    if (!JS_REGEX_FLAGS.has(flag)) {
      throw new TcbServerError(ErrorCode.INVALID_OPERATOR, `unsupported regular expression option "${flag}"`)
    }
  }
  return new RegExp(pattern, options)
}

const toDate = (raw: unknown): Date => {
  const ms =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string'
        ? Date.parse(raw)
        : isPlainObject(raw) && typeof raw.$numberLong === 'string'
          ? Number(raw.$numberLong)
          : NaN
  if (!Number.isFinite(ms)) throw new TcbServerError(ErrorCode.INVALID_PARAM, `invalid $date value ${JSON.stringify(raw)}`)
  return new Date(ms)
}

// Wrappers bson itself understands but we have no native form for.
const BSON_ONLY_WRAPPERS = new Set([
  '$binary',
  '$timestamp',
  '$minKey',
  '$maxKey',
  '$symbol',
  '$code',
  '$undefined',
  '$dbPointer',
  '$uuid',
  '$numberDecimal',
])

/** Turns EJSON wrapper objects into native values, in place where it can. `now` resolves db.serverDate(). */
const revive = (value: unknown, now: number): unknown => {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], now)
    return value
  }
  if (value === null || typeof value !== 'object') return value
  const obj = value as Doc
  const keys = Object.keys(obj)
  if (keys.length === 1 && keys[0].charCodeAt(0) === 36 /* $ */) {
    const key = keys[0]
    const inner = obj[key]
    switch (key) {
      case '$date':
        return toDate(inner)
      case '$numberInt':
      case '$numberDouble':
      case '$numberLong':
        return Number(inner)
      case '$oid':
        return new ObjectId(String(inner))
      case '$regularExpression': {
        const re = inner as { pattern?: unknown; options?: unknown }
        return toRegExp(String(re.pattern ?? ''), String(re.options ?? ''))
      }
      case '$tcb_server_date': {
        const offset = isPlainObject(inner) ? Number(revive(inner.offset, now) ?? 0) : 0
        return new Date(now + (Number.isFinite(offset) ? offset : 0))
      }
      default:
        if (BSON_ONLY_WRAPPERS.has(key)) return EJSON.deserialize(obj, { relaxed: true })
    }
  }
  for (const key of keys) obj[key] = revive(obj[key], now)
  return obj
}

/** Parses an EJSON string from the SDK (query, data, order, projection, stage). */
export const decodeWire = (text: string, now: number): unknown => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new TcbServerError(ErrorCode.INVALID_PARAM, `malformed EJSON: ${text.slice(0, 80)}`)
  }
  return revive(parsed, now)
}

/** Parses a stored document (stored form never holds a server date). */
export const decodeStored = (text: string): Doc => revive(JSON.parse(text), 0) as Doc

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // `this[key]` is the value before toJSON ran (Date and ObjectId define toJSON).
  const original = this[key]
  if (original instanceof Date) {
    const ms = original.getTime()
    if (!Number.isFinite(ms)) throw new TcbServerError(ErrorCode.INVALID_PARAM, `invalid Date in field "${key}"`)
    return { $date: ms }
  }
  if (typeof original === 'number' && !Number.isFinite(original)) return { $numberDouble: String(original) }
  if (original instanceof RegExp) return { $regularExpression: { pattern: original.source, options: original.flags } }
  if (typeof original === 'object' && original !== null && '_bsontype' in original) {
    return EJSON.serialize(original, { relaxed: true })
  }
  return value
}

/** Encodes a value in the stored form, which is also relaxed EJSON for the SDK. */
export const encode = (value: unknown): string => JSON.stringify(value, replacer)

const STORED_OBJECT_ID = /\{"\$oid":"([0-9a-f]{24})"\}/g

/**
 * A stored text as CloudBase answers it: ObjectIds as their hex string (the
 * SDK's own test reads an ObjectId field back as a string). Field names never
 * start with $ and quotes inside strings are escaped, so only ObjectIds match.
 */
export const toReply = (text: string): string => (text.includes('{"$oid":') ? text.replace(STORED_OBJECT_ID, '"$1"') : text)
