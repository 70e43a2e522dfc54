import type * as v from 'valibot'
import { AppError, fail, ok, type Reply } from '../../domain/errors'
import { callSchema, requestIdSchema } from '../../domain/fields'
import { hasAnyRole, type Audience, type Role } from '../../domain/roles'
import { parseInput } from '../../domain/validate'
import { contextOpenid, database, type Database } from './cloud'
import { runOnce } from './idempotency'
import { findUserByOpenid, type UserDoc } from './repos/users'

/** Payloads above this are refused before anything else is read. */
export const MAX_EVENT_BYTES = 1024 * 1024
/** No form nests deeper than a few levels; a deeper event is refused before anything walks it recursively. */
export const MAX_EVENT_DEPTH = 32

export interface Caller {
  openid: string
  /** null until the user's first `account.signIn`. */
  user: UserDoc | null
  roles: Role[]
}

export interface ActionContext<I, RequestId extends string | null = string | null, C extends Caller | null = Caller> {
  input: I
  /** Who calls, from the trusted context; null only for a public read called without a WeChat identity. */
  caller: C
  db: Database
  /** The client's id for this write (null for reads): derive new document ids from it. */
  requestId: RequestId
  fn: string
  action: string
}

type InputOf<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined

interface SpecBase<S> {
  /** Who may call it, checked against roles stored for the caller's OPENID. */
  audience: Exclude<Audience, 'public'>
  input?: S
}

/** A read runs on every call and gets no requestId. */
export interface ReadSpec<S extends v.GenericSchema | undefined, R> extends SpecBase<S> {
  write?: false
  run(ctx: ActionContext<InputOf<S>, null>): Promise<R>
}

/**
 * A read open also to callers without a WeChat identity (a page opened from
 * Moments runs in single-page mode, with no login): it reads only, and must
 * limit its own rate. The function's invoke rule must admit such callers
 * (database/function-rules.json), and such a function can have no timer.
 */
export interface PublicSpec<S extends v.GenericSchema | undefined, R> {
  audience: 'public'
  write?: false
  input?: S
  run(ctx: ActionContext<InputOf<S>, null, Caller | null>): Promise<R>
}

/** A write needs a requestId, runs once per requestId, and its handler gets that id. */
export interface WriteSpec<S extends v.GenericSchema | undefined, R> extends SpecBase<S> {
  write: true
  /**
   * How a write stays single: `request-log` (default) records each requestId
   * and its reply; `document-id` means the handler derives its document's id
   * from the requestId and answers a repeat with that document, saving the
   * log's round trips on the hottest write.
   */
  idempotency?: 'request-log' | 'document-id'
  run(ctx: ActionContext<InputOf<S>, string>): Promise<R>
}

export type ActionSpec<S extends v.GenericSchema | undefined, R> = ReadSpec<S, R> | WriteSpec<S, R> | PublicSpec<S, R>

/** A spec with its input type erased, so specs of different shapes fit in one table. */
export interface AnyAction {
  audience: Audience
  input?: v.GenericSchema
  write?: boolean
  idempotency?: WriteSpec<undefined, unknown>['idempotency']
  run(ctx: ActionContext<unknown, string | null, Caller | null>): Promise<unknown>
}

export function action<S extends v.GenericSchema | undefined, R>(spec: ActionSpec<S, R>): AnyAction {
  return spec as unknown as AnyAction
}

export interface TimerContext {
  db: Database
  /** When the trigger fired (the event's Time), else the current time. */
  now: Date
  triggerName: string
}

export interface FunctionOptions {
  /** Runs on the function's timer trigger (config.json); never reachable by a client. */
  onTimer?: (ctx: TimerContext) => Promise<unknown>
}

export type CloudFunctionMain = ((event: unknown, context: unknown) => Promise<Reply<unknown>>) & {
  /** The action table, for tests generated from it (the fuzz of every action). */
  readonly actions: Readonly<Record<string, AnyAction>>
}

/**
 * Builds a function's `main`: parse -> identify -> authorize -> validate ->
 * (once per requestId) run. Every outcome is a reply envelope; nothing a
 * client sends makes it throw.
 */
export function defineFunction(fn: string, actions: Record<string, AnyAction>, options: FunctionOptions = {}): CloudFunctionMain {
  if (options.onTimer && Object.values(actions).some((spec) => spec.audience === 'public')) {
    throw new Error(`${fn}: a function with a timer cannot have public actions (a caller without identity would reach the timer)`)
  }
  const main = async (event: unknown, context: unknown): Promise<Reply<unknown>> => {
    try {
      return await handle(fn, actions, options, event, context)
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.field)
      console.error(`[${fn}] unhandled`, error)
      return fail('INTERNAL')
    }
  }
  return Object.assign(main, { actions: Object.freeze({ ...actions }) })
}

async function handle(
  fn: string,
  actions: Record<string, AnyAction>,
  options: FunctionOptions,
  event: unknown,
  context: unknown,
): Promise<Reply<unknown>> {
  const openid = contextOpenid(context)

  // Timer events carry no user identity. A client cannot forge one: functions
  // with a timer admit no caller without a WeChat identity (their invoke rule,
  // database/function-rules.json, checked by deploy:check), and a function
  // open to such callers has no timer (defineFunction refuses it).
  if (!openid && isTimerEvent(event)) {
    if (!options.onTimer) return fail('NOT_FOUND', '这个功能没有定时任务')
    const result = await options.onTimer({ db: database(), now: timerTime(event.Time) ?? new Date(), triggerName: String(event.TriggerName ?? '') })
    return ok(result ?? null)
  }

  if (exceedsDepth(event, MAX_EVENT_DEPTH)) return fail('INVALID_INPUT', '提交的内容格式不正确（嵌套层次太深），请更新小程序后重试', 'payload')
  if (eventBytes(event) > MAX_EVENT_BYTES) return fail('INVALID_INPUT', '提交的内容太大（超过 1MB），请删减后重试', 'payload')
  const call = parseInput(callSchema, event)
  if (!call.ok) return { ok: false, error: call.error }
  const { action: name, payload, requestId: rawRequestId } = call.value

  const spec = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined
  if (!spec) return fail('INVALID_INPUT', `不支持的操作：${name}`, 'action')
  if (!openid && spec.audience !== 'public') return fail('UNAUTHENTICATED')

  const db = database()
  const user = openid ? await findUserByOpenid(db, openid) : null
  const caller: Caller | null = openid ? { openid, user, roles: user?.roles ?? ['resident'] } : null
  if (caller && !hasAnyRole(caller.roles, spec.audience)) return fail('FORBIDDEN')

  let input: unknown
  if (spec.input) {
    // valibot reads an array as an object with no fields: refuse it as the malformed call it is.
    if (Array.isArray(payload)) return fail('INVALID_INPUT', '请求格式不正确，请更新小程序后重试', 'payload')
    const parsed = parseInput(spec.input, payload ?? {})
    if (!parsed.ok) return { ok: false, error: parsed.error }
    input = parsed.value
  }

  const run = async (requestId: string | null): Promise<Reply<unknown>> => {
    try {
      return ok(await spec.run({ input, caller, db, requestId, fn, action: name }))
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.field)
      throw error
    }
  }

  if (!spec.write) return run(null)
  // Only a public read runs without a caller, and it is no write.
  if (!caller) return fail('UNAUTHENTICATED')

  const requestId = parseInput(requestIdSchema, rawRequestId)
  if (!requestId.ok) return { ok: false, error: { ...requestId.error, field: 'requestId' } }
  if (spec.idempotency === 'document-id') return run(requestId.value)
  return runOnce(db, { fn, action: name, openid: caller.openid, requestId: requestId.value, payload }, () => run(requestId.value))
}

function isTimerEvent(event: unknown): event is { Type: 'Timer'; TriggerName?: unknown; Time?: unknown } {
  return Boolean(event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer')
}

/**
 * The instant the trigger fired for (the event's Time, e.g.
 * 2026-03-02T01:00:00Z): the timer's work belongs to that slot even when the
 * platform starts it late or runs it again, and the local scheduler's clock
 * reaches the function through it. Only the platform sends timer events.
 */
function timerTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null
  const time = new Date(value)
  return Number.isNaN(time.getTime()) ? null : time
}

/** Walks the event without recursion, so no nesting can overflow the stack. */
function exceedsDepth(event: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value: event, depth: 0 }]
  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number }
    if (!value || typeof value !== 'object') continue
    if (depth >= limit) return true
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 })
  }
  return false
}

function eventBytes(event: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(event) ?? '')
  } catch {
    return Number.POSITIVE_INFINITY
  }
}
