// What the server accepts, checked before anything runs: an operator or stage
// outside these lists is refused with an error that names it, never guessed at.
// Every name seen is recorded, so a run can report what the app really uses,
// and every request is counted by action, so a run can tell what it cost.
import { ErrorCode, TcbServerError } from './errors'
import { isPlainObject } from './ejson'

const QUERY_LOGICAL = new Set(['$and', '$or', '$nor', '$expr'])
const QUERY_FIELD = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$all', '$elemMatch',
  '$exists', '$size', '$mod', '$regex', '$options', '$not', '$type',
])
const UPDATE = new Set(['$set', '$unset', '$inc', '$mul', '$push', '$pull', '$pullAll', '$pop', '$addToSet', '$rename', '$max', '$min'])
const STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$count', '$group', '$limit', '$lookup', '$match',
  '$project', '$replaceRoot', '$sample', '$skip', '$sort', '$sortByCount', '$unwind',
])
const ACCUMULATORS = new Set(['$sum', '$avg', '$min', '$max', '$first', '$last', '$push', '$addToSet', '$stdDevPop', '$stdDevSamp', '$mergeObjects'])

export interface UsageReport {
  actions: string[]
  queryOperators: string[]
  updateOperators: string[]
  stages: string[]
  unsupported: string[]
  /** Requests per action name (e.g. `database.getDocument`) since start, failed ones included (a duplicate key, a conflict): each was a round trip. What some work cost is the difference of two reports. */
  calls: Record<string, number>
}

export class Usage {
  private readonly actions = new Set<string>()
  private readonly queryOperators = new Set<string>()
  private readonly updateOperators = new Set<string>()
  private readonly stages = new Set<string>()
  private readonly unsupported = new Set<string>()
  private readonly calls = new Map<string, number>()

  action(name: string, supported: boolean): void {
    this.actions.add(name)
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1)
    if (!supported) this.unsupported.add(`action:${name}`)
  }

  report(): UsageReport {
    const sorted = (s: Set<string>) => [...s].sort()
    return {
      actions: sorted(this.actions),
      queryOperators: sorted(this.queryOperators),
      updateOperators: sorted(this.updateOperators),
      stages: sorted(this.stages),
      unsupported: sorted(this.unsupported),
      calls: Object.fromEntries([...this.calls].sort(([a], [b]) => (a < b ? -1 : 1))),
    }
  }

  private refuse(kind: string, name: string): never {
    this.unsupported.add(`${kind}:${name}`)
    throw new TcbServerError(ErrorCode.INVALID_OPERATOR, `unsupported ${kind} operator "${name}" (local tcb-server)`)
  }

  /** Checks a query filter (where(), $match, $pull conditions). */
  checkFilter(filter: unknown): void {
    if (!isPlainObject(filter)) throw new TcbServerError(ErrorCode.INVALID_PARAM, 'query must be an object')
    for (const [key, value] of Object.entries(filter)) {
      if (key.startsWith('$')) {
        if (!QUERY_LOGICAL.has(key)) this.refuse('query', key)
        this.queryOperators.add(key)
        if (key === '$expr') continue // aggregation expression: mingo names any operator it lacks
        if (!Array.isArray(value)) throw new TcbServerError(ErrorCode.INVALID_PARAM, `${key} needs an array`)
        for (const sub of value) this.checkFilter(sub)
      } else {
        this.checkCondition(value)
      }
    }
  }

  private checkCondition(value: unknown): void {
    if (!isPlainObject(value) || !Object.keys(value).some((k) => k.startsWith('$'))) return
    for (const [op, arg] of Object.entries(value)) {
      if (!QUERY_FIELD.has(op)) this.refuse('query', op)
      this.queryOperators.add(op)
      if (op === '$not') this.checkCondition(arg)
      if (op === '$elemMatch' && isPlainObject(arg)) {
        // Operators on each element ({ $gte: 80 }), or a query document on embedded documents (mql.ts).
        const onValues = Object.keys(arg).length > 0 && Object.keys(arg).every((k) => k.startsWith('$') && !QUERY_LOGICAL.has(k))
        if (onValues) this.checkCondition(arg)
        else this.checkFilter(arg)
      }
    }
  }

  /** Checks an update document of merge mode: only operators at the top. */
  checkUpdate(update: unknown): void {
    if (!isPlainObject(update)) throw new TcbServerError(ErrorCode.INVALID_PARAM, 'update data must be an object')
    for (const op of Object.keys(update)) {
      if (!UPDATE.has(op)) this.refuse('update', op)
      this.updateOperators.add(op)
    }
  }

  checkStage(stage: string, value: unknown): void {
    if (!STAGES.has(stage)) this.refuse('aggregate stage', stage)
    this.stages.add(stage)
    if (stage === '$match') this.checkFilter(value)
    if (stage === '$skip' || stage === '$limit') {
      const least = stage === '$limit' ? 1 : 0
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least) {
        throw new TcbServerError(ErrorCode.INVALID_PARAM, `${stage} must be a ${least ? 'positive' : 'non-negative'} safe integer, not ${JSON.stringify(value)}`)
      }
    }
    if (stage === '$group' && isPlainObject(value)) {
      for (const [field, spec] of Object.entries(value)) {
        if (field === '_id' || !isPlainObject(spec)) continue
        for (const acc of Object.keys(spec)) {
          if (!ACCUMULATORS.has(acc)) this.refuse('accumulator', acc)
        }
      }
    }
  }
}
