// update() merges operators into a document; set() replaces it whole but keeps
// its _id. The SDK flattens update({ a: { b: 1 } }) into { $set: { 'a.b': 1 } },
// so nested objects merge; db.command.set({...}) replaces the nested object.
import { update as applyOperators } from 'mingo'
import { Doc, isPlainObject } from './ejson'
import { ErrorCode, TcbServerError } from './errors'

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
  for (const key of Object.keys(data)) {
    if (key.startsWith('$')) throw new TcbServerError(ErrorCode.INVALID_PARAM, `set() data cannot hold operator "${key}"; use update()`)
  }
  if ('_id' in data && data._id !== id) throw new TcbServerError(ErrorCode.INVALID_PARAM, 'set() cannot change _id')
  return { ...data, _id: id }
}
