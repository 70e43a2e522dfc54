// One fuzz case: call a function as a caller with an event, then check what
// must hold for any input: a well-formed reply, never INTERNAL, no throw, no
// personal data the caller may not see, and after a refusal nothing written.
import path from 'path'
import type { FunctionMain } from '../../../local/runtime/invoke'
import type { Harness } from '../functions'
import { PersonalDataLeakError } from '../pii-scan'
import type { DatabaseChange, DatabaseWatch } from './db-watch'
import { envelopeProblem } from './envelope'
import type { FuzzCaller } from './fixtures'

const CASE_TIMEOUT_MS = 10_000

export interface Failure {
  /** function.action (or the function alone, for events naming no action). */
  target: string
  caller: string
  mutation: string
  problem: string
  reply: string
}

export interface FuzzCase {
  fn: string
  main: FunctionMain
  target: string
  caller: FuzzCaller
  mutation: string
  event: () => unknown
}

/** A write a refusal may make on purpose, e.g. counting wrong invite codes. */
export type RefusalWriteAllowance = (target: string, openid: string | null, change: DatabaseChange) => boolean

export class FuzzRunner {
  readonly failures: Failure[] = []
  cases = 0
  /** Refusals that wrote only what the allowance permits, by target. */
  readonly allowedWrites = new Map<string, number>()

  constructor(
    private readonly h: Harness,
    private readonly watch: DatabaseWatch,
    private readonly allowed: RefusalWriteAllowance,
  ) {}

  /** Runs the case; returns the reply (undefined when none came). */
  async run(c: FuzzCase): Promise<unknown> {
    this.cases += 1
    const openid = c.caller.openid()
    const fail = (problem: string, reply: unknown) =>
      this.failures.push({ target: c.target, caller: c.caller.label, mutation: c.mutation, problem, reply: preview(reply) })

    this.watch.mark()
    let reply: unknown
    let replied = false
    try {
      reply = await withTimeout(this.h.call(c.fn, c.main, openid, c.event()), CASE_TIMEOUT_MS)
      replied = true
    } catch (error) {
      if (error instanceof PersonalDataLeakError) {
        reply = error.reply
        replied = true
        fail(`personal data the caller may not see: ${error.leaks.map((leak) => `${leak.kind} ${leak.text} at ${leak.at} (${leak.why})`).join('; ')}`, reply)
      } else {
        fail(`threw instead of replying: ${firstLine(error)}`, undefined)
      }
    }
    if (replied) {
      const problem = envelopeProblem(reply)
      if (problem) fail(problem, reply)
    }
    if (!replied || !(reply as { ok?: unknown }).ok) {
      const { rows, newFiles } = this.watch.changes()
      const unexpected = rows.filter((change) => !this.allowed(c.target, openid, change))
      if (rows.length > unexpected.length) this.allowedWrites.set(c.target, (this.allowedWrites.get(c.target) ?? 0) + 1)
      if (unexpected.length > 0) fail(`refused, yet the database changed: ${unexpected.map(describeChange).join('; ')}`, reply)
      if (newFiles.length > 0) fail(`refused, yet files were added: ${newFiles.join(', ')}`, reply)
    }
    return reply
  }
}

function describeChange(change: DatabaseChange): string {
  return `${change.collection}/${change.id} ${change.change}${change.fields.length ? ` (${change.fields.join(', ')})` : ''}`
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no reply within ${ms / 1000} s`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** The error and the first frame of the project's own code it came through. */
function firstLine(error: unknown): string {
  const text = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0].slice(0, 300)
  const frames = (error instanceof Error ? error.stack ?? '' : '').split('\n').slice(1)
  const own = frames.map((frame) => /\((\/[^)]+?):(\d+):\d+\)/.exec(frame)).find((match) => match && !match[1].includes('node_modules'))
  return own ? `${text} (at ${path.relative(process.cwd(), own[1])}:${own[2]})` : text
}

function preview(reply: unknown): string {
  if (reply === undefined) return '(none)'
  let text: string
  try {
    text = JSON.stringify(reply) ?? String(reply)
  } catch {
    text = String(reply)
  }
  return text.length > 400 ? `${text.slice(0, 400)}…` : text
}

/** The failures grouped by what went wrong where, each group listing its callers and mutations. */
export function formatFailures(failures: readonly Failure[]): string {
  const groups = new Map<string, Failure[]>()
  for (const failure of failures) {
    const key = `${failure.target}: ${failure.problem.replace(/"[^"]*"/g, '"…"').slice(0, 160)}`
    groups.set(key, [...(groups.get(key) ?? []), failure])
  }
  const lines: string[] = [`${failures.length} failing case(s) in ${groups.size} group(s):`]
  for (const list of groups.values()) {
    const first = list[0]
    lines.push(``, `● ${first.target} — ${first.problem}`, `  reply: ${first.reply}`)
    for (const failure of list) {
      lines.push(`  - caller ${failure.caller} · ${failure.mutation}${failure.reply === first.reply ? '' : ` → ${failure.reply}`}`)
    }
  }
  return lines.join('\n')
}
