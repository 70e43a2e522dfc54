// CloudBase security rules, evaluated locally: the storage rule
// (database/storage-rules.json) and the function-invoke rules
// (database/function-rules.json). A rule is `true`, `false` or an expression
// string (see expression.ts); it allows only when it evaluates to exactly true.
import fs from 'fs'
import path from 'path'
import { evaluate, parseExpression, type Node } from './expression'

export { RuleSyntaxError } from './expression'

export interface Rule {
  /** As written in the rule file. */
  readonly source: boolean | string
  readonly node: Node
}

export interface RuleVars {
  /** The caller's WeChat identity; null when not signed in. */
  auth: { openid: string } | null
  /** The file a storage rule is asked about: its uploader (null when nobody uploaded it yet) and its path without bucket or leading /. */
  resource?: { openid: string | null; path: string }
}

export interface StorageRules {
  read: Rule
  write: Rule
}

export interface FunctionRules {
  /** The function's own invoke rule, else the `*` rule. */
  invoke(name: string): Rule
  /** The functions given a rule of their own (without `*`). */
  named(): string[]
}

const REPO_ROOT = path.resolve(__dirname, '..', '..')
const COMMENT = '$comment'

/** What each kind of rule can read in CloudBase and here. */
export const STORAGE_VARIABLES: ReadonlySet<string> = new Set(['auth', 'auth.openid', 'resource', 'resource.openid', 'resource.path'])
export const FUNCTION_VARIABLES: ReadonlySet<string> = new Set(['auth', 'auth.openid'])

/** A rule value from a rules file: a boolean or an expression string; throws on anything else. */
export function compileRule(value: unknown, variables: ReadonlySet<string>): Rule {
  if (typeof value === 'boolean') return { source: value, node: { kind: 'literal', value } }
  if (typeof value === 'string') return { source: value, node: parseExpression(value, variables) }
  throw new Error(`a rule must be true, false or an expression string, not ${JSON.stringify(value)}`)
}

export function allows(rule: Rule, vars: RuleVars): boolean {
  return evaluate(rule.node, { auth: vars.auth, resource: vars.resource }) === true
}

const readObject = (file: string): Record<string, unknown> => {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
  if (!isObject(parsed)) throw new Error(`${file}: expected a JSON object`)
  return parsed
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The keys of `object` without $comment; throws on keys outside `allowed`. */
const keysOf = (object: Record<string, unknown>, where: string, allowed?: string[]): string[] => {
  const keys = Object.keys(object).filter((key) => key !== COMMENT)
  const unknown = allowed ? keys.filter((key) => !allowed.includes(key)) : []
  if (unknown.length > 0) throw new Error(`${where}: unknown key ${JSON.stringify(unknown[0])} (expected ${allowed?.join(', ')})`)
  return keys
}

const compileAt = (value: unknown, variables: ReadonlySet<string>, where: string): Rule => {
  if (value === undefined) throw new Error(`${where}: missing`)
  try {
    return compileRule(value, variables)
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`)
  }
}

/** `{ read, write }` of the bucket's storage rule. */
export function loadStorageRules(file = path.join(REPO_ROOT, 'database', 'storage-rules.json')): StorageRules {
  const json = readObject(file)
  keysOf(json, file, ['read', 'write'])
  return {
    read: compileAt(json.read, STORAGE_VARIABLES, `${file} "read"`),
    write: compileAt(json.write, STORAGE_VARIABLES, `${file} "write"`),
  }
}

/** `{ "*": { invoke }, "<name>": { invoke } }`; `*` is required, as in CloudBase. */
export function loadFunctionRules(file = path.join(REPO_ROOT, 'database', 'function-rules.json')): FunctionRules {
  const json = readObject(file)
  const rules = new Map<string, Rule>()
  for (const name of keysOf(json, file)) {
    const entry = json[name]
    if (!isObject(entry)) throw new Error(`${file} "${name}": expected { "invoke": ... }`)
    keysOf(entry, `${file} "${name}"`, ['invoke'])
    rules.set(name, compileAt(entry.invoke, FUNCTION_VARIABLES, `${file} "${name}".invoke`))
  }
  const fallback = rules.get('*')
  if (!fallback) throw new Error(`${file}: the "*" entry (the rule of every function not named) is required`)
  return { invoke: (name) => rules.get(name) ?? fallback, named: () => [...rules.keys()].filter((name) => name !== '*') }
}
