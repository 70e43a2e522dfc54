// mingo, with the operators where it answers differently from MongoDB (and so
// from CloudBase) replaced, and the ones it lacks added. Everything that
// evaluates a filter, an update or a pipeline goes through here.
import { Aggregator as BaseAggregator } from 'mingo/aggregator'
import { Context, evalExpr } from 'mingo/core'
import * as accumulatorOperators from 'mingo/operators/accumulator'
import * as expressionOperators from 'mingo/operators/expression'
import * as pipelineOperators from 'mingo/operators/pipeline'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import * as windowOperators from 'mingo/operators/window'
import { Query as BaseQuery } from 'mingo/query'
import type { AnyObject, Options } from 'mingo/types'
import { update as baseUpdate, type Modifier } from 'mingo/updater'
import { resolve } from 'mingo/util'
import { Doc, isPlainObject } from './ejson'

/** Keys that make an $elemMatch condition a query document even though they start with $. */
const DOCUMENT_OPERATORS = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema'])

/**
 * MongoDB's two kinds of $elemMatch: a condition made of operators
 * (`{ $gte: 80, $lt: 85 }`) tests each element itself; a query document
 * (`{ product: 'xyz', score: { $gte: 8 } }`) matches only elements that are
 * embedded documents. mingo also tries the query document on scalars.
 */
const $elemMatch = (selector: string, criteria: AnyObject, options: Options) => {
  const keys = Object.keys(criteria)
  const onValues = keys.length > 0 && keys.every((k) => k.startsWith('$') && !DOCUMENT_OPERATORS.has(k))
  const query = new BaseQuery(onValues ? { value: criteria } : criteria, options)
  const matches = onValues ? (e: unknown) => query.test({ value: e }) : (e: unknown) => isPlainObject(e) && query.test(e)
  return (doc: AnyObject): boolean => {
    const value: unknown = resolve(doc, selector, { unwrapArray: true })
    return Array.isArray(value) && value.some(matches)
  }
}

/** MongoDB's string coercion for $substr: null and missing are '', numbers and dates their text. */
const coerceToString = (value: unknown, op: string): string => {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return value.toISOString()
  throw new Error(`${op}: can't convert ${JSON.stringify(value)} to a string`)
}

const isContinuationByte = (byte: number): boolean => (byte & 0xc0) === 0x80

const args = (obj: AnyObject, expr: unknown, options: Options, op: string, min: number, max: number): unknown[] => {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max) throw new Error(`${op} takes an array of ${min === max ? min : `${min} to ${max}`} arguments`)
  return evalExpr(obj, expr, options) as unknown[]
}

/**
 * $substrBytes (and its alias $substr), as CloudBase documents them: a
 * negative start gives '', a negative length means "to the end of the string";
 * a length past the end stops there (MongoDB).
 */
const $substrBytes = (obj: AnyObject, expr: unknown, options: Options, op = '$substrBytes'): string => {
  const [value, index, count] = args(obj, expr, options, op, 3, 3)
  const bytes = Buffer.from(coerceToString(value, op), 'utf8')
  if (typeof index !== 'number' || typeof count !== 'number') throw new Error(`${op}: starting index and length must be numbers`)
  const start = Math.trunc(index)
  if (start < 0 || start >= bytes.length) return ''
  const end = count < 0 ? bytes.length : Math.min(bytes.length, start + Math.trunc(count))
  if (isContinuationByte(bytes[start])) throw new Error(`${op}: Invalid range, starting index is a UTF-8 continuation byte.`)
  if (end < bytes.length && isContinuationByte(bytes[end])) throw new Error(`${op}: Invalid range, ending index is in the middle of a UTF-8 character.`)
  return bytes.subarray(start, end).toString('utf8')
}

const $substr = (obj: AnyObject, expr: unknown, options: Options): string => $substrBytes(obj, expr, options, '$substr')

const position = (value: unknown, fallback: number, op: string, what: string): number => {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${op} requires an integral ${what}`)
  if (value < 0) throw new Error(`${op} requires a nonnegative ${what}`)
  return value
}

/** Where `token` first begins in `items` at an index in [from, to), or -1. */
const find = <T>(items: readonly T[], token: readonly T[], from: number, to: number): number => {
  if (from > items.length || from > to) return -1
  if (token.length === 0) return from
  for (let i = from; i < Math.min(to, items.length); i++) {
    let j = 0
    while (j < token.length && items[i + j] === token[j]) j++
    if (j === token.length) return i
  }
  return -1
}

const searchArgs = (obj: AnyObject, expr: unknown, options: Options, op: string) => {
  const [value, token, start, end] = args(obj, expr, options, op, 2, 4)
  if (value === null || value === undefined) return null
  if (typeof value !== 'string') throw new Error(`${op} requires a string as the first argument`)
  if (typeof token !== 'string') throw new Error(`${op} requires a string as the second argument`)
  return { value, token, start, end }
}

/** The code point index of the first occurrence, as MongoDB counts (mingo lacks it). */
const $indexOfCP = (obj: AnyObject, expr: unknown, options: Options): number | null => {
  const found = searchArgs(obj, expr, options, '$indexOfCP')
  if (!found) return null
  const points = Array.from(found.value)
  const from = position(found.start, 0, '$indexOfCP', 'starting index')
  return find(points, Array.from(found.token), from, position(found.end, points.length, '$indexOfCP', 'ending index'))
}

/** The UTF-8 byte index of the first occurrence (mingo counts UTF-16 units); the match must end by `end`. */
const $indexOfBytes = (obj: AnyObject, expr: unknown, options: Options): number | null => {
  const found = searchArgs(obj, expr, options, '$indexOfBytes')
  if (!found) return null
  const bytes = Buffer.from(found.value, 'utf8')
  const from = position(found.start, 0, '$indexOfBytes', 'starting index')
  const to = Math.min(position(found.end, bytes.length, '$indexOfBytes', 'ending index'), bytes.length)
  const token = Buffer.from(found.token, 'utf8')
  return from > to ? -1 : bytes.subarray(0, to).indexOf(token, from)
}

/**
 * MongoDB's $week (strftime's %U): weeks begin on Sunday, week 1 with the
 * year's first Sunday, days before it are week 0. mingo answers ISO-like weeks.
 */
const $week = (obj: AnyObject, expr: unknown, options: Options): number | null => {
  const spec = isPlainObject(expr) && 'date' in expr ? expr : { date: expr }
  const date = evalExpr(obj, spec.date, options)
  if (date === null || date === undefined) return null
  const arg = { date: { $literal: date }, ...(spec.timezone === undefined ? {} : { timezone: spec.timezone }) }
  const dayOfYear = evalExpr(obj, { $dayOfYear: arg }, options) as number // 1..366
  const dayOfWeek = evalExpr(obj, { $dayOfWeek: arg }, options) as number // 1 (Sunday)..7
  return Math.floor((dayOfYear - dayOfWeek + 7) / 7)
}

const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: { ...expressionOperators, $substr, $substrBytes, $indexOfCP, $indexOfBytes, $week },
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: { ...queryOperators, $elemMatch },
  window: windowOperators,
})

export class Query extends BaseQuery<Doc> {
  constructor(criteria: Doc) {
    super(criteria, { context: CONTEXT })
  }
}

export class Aggregator extends BaseAggregator {
  constructor(pipeline: Doc[], options: Partial<Options> = {}) {
    super(pipeline, { ...options, context: CONTEXT })
  }
}

/** Applies update operators in place; returns the paths that changed. */
export const update = (doc: Doc, operators: Doc): string[] => baseUpdate(doc, operators as Modifier<Doc>, undefined, undefined, { queryOptions: { context: CONTEXT } })
