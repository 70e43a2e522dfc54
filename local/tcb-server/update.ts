// update() merges operators into a document; set() replaces it whole but keeps
// its _id. The SDK flattens update({ a: { b: 1 } }) into { $set: { 'a.b': 1 } },
// so nested objects merge; db.command.set({...}) replaces the nested object.
import { Doc, encode, isPlainObject } from './ejson'
import { ErrorCode, TcbServerError } from './errors'
import { update as applyOperators } from './mql'

/** Applies merge-mode operators in place; returns whether the document changed. */
export const applyUpdate = (doc: Doc, operators: Doc): boolean => {
  const id = doc._id
  let changed: string[]
  try {
    changed = applyOperators(doc, operators)
  } catch (err) {
    throw new TcbServerError(ErrorCode.REQUEST_FAILED, `update failed: ${(err as Error).message}`)
  }
  if (changed.some((p) => p === '_id' || p.startsWith('_id.')) || doc._id !== id) {
    throw new TcbServerError(ErrorCode.INVALID_PARAM, "Performing an update on the path '_id' would modify the immutable field '_id'")
  }
  return changed.length > 0
}

/** The replacement document of set(): `data` under the existing `_id`. */
export const replacement = (id: unknown, data: unknown): Doc => {
  if (!isPlainObject(data)) throw new TcbServerError(ErrorCode.INVALID_PARAM, 'set() data must be an object')
  assertStorable(data)
  if ('_id' in data && encode(data._id) !== encode(id)) throw new TcbServerError(ErrorCode.INVALID_PARAM, 'set() cannot change _id')
  return { ...data, _id: id }
}

/**
 * MongoDB (and so CloudBase, as DATABASE_REQUEST_FAILED) refuses to store a
 * field name that starts with $, at any depth. EJSON wrappers were turned into
 * values on the way in, so any $ key left is the caller's.
 */
export const assertStorable = (value: unknown, path = ''): void => {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertStorable(item, path ? `${path}.${i}` : String(i)))
    return
  }
  if (!isPlainObject(value)) return
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key
    if (key.startsWith('$')) throw new TcbServerError(ErrorCode.REQUEST_FAILED, `The dollar ($) prefixed field '${key}' in '${at}' is not valid for storage.`)
    assertStorable(item, at)
  }
}
