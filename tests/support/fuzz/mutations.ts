// The mutations: what a hostile or broken client could send instead of a
// plausible payload. Field mutations replace or extend one site of the
// baseline; event mutations break the call's envelope itself.
import type { Path, Site } from './schema'

/** A site's new value, or an added key at an object site. */
type Change = { kind: 'set'; value: () => unknown } | { kind: 'addKey'; key: string; value: unknown }

interface FieldKind {
  name: string
  /** Which sites it hits; when none of an action's sites fit, the leaves, then the payload itself. */
  fits(site: Site): boolean
  change(site: Site): Change
}

/** A resident's phone and an ID number typed into free text: the reply scanner sees where they go. */
export const PLANTED_PHONE = '13900000009'
export const PLANTED_ID_NUMBER = '500381199001011234'

const HUGE = 100 * 1024
const MANY = 10_000
const DEEP = 5_000

/** An object nested `depth` levels: { a: { a: … } }. */
export function deeplyNested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { end: true }
  for (let i = 0; i < depth; i += 1) value = { a: value }
  return value
}

const set = (value: () => unknown): Change => ({ kind: 'set', value })
const isLeaf = (site: Site) => site.path.length > 0 && site.shape !== 'object' && site.shape !== 'array'
const anyField = (site: Site) => site.path.length > 0
const asText = (site: Site) => (typeof site.value === 'string' ? site.value : 'fuzz')

const wrongType = (name: string, value: unknown): FieldKind => ({ name: `type:${name}`, fits: anyField, change: () => set(() => value) })
const number = (name: string, value: number): FieldKind => ({ name: `number:${name}`, fits: (site) => site.shape === 'number', change: () => set(() => value) })
const operator = (name: string, value: unknown): FieldKind => ({ name: `operator:${name}`, fits: () => true, change: () => set(() => value) })
const key = (name: string, value: unknown): FieldKind => ({ name: `key:${name}`, fits: (site) => site.shape === 'object', change: () => ({ kind: 'addKey', key: name, value }) })

/** Every field mutation; each hits every action at least once. */
export const FIELD_KINDS: readonly FieldKind[] = [
  wrongType('number', 42),
  wrongType('string', 'fuzz'),
  wrongType('boolean', true),
  wrongType('null', null),
  wrongType('array', ['fuzz']),
  wrongType('object', { fuzz: true }),
  number('0', 0),
  number('-1', -1),
  number('1e19', 1e19),
  number('1e308', 1e308),
  number('-1e308', -1e308),
  number('2^53+1', 2 ** 53 + 1),
  number('0.5', 0.5),
  { name: 'string:100KB', fits: (site) => site.shape === 'string', change: (site) => set(() => asText(site) + 'a'.repeat(HUGE)) },
  { name: 'string:empty', fits: (site) => site.shape === 'string', change: () => set(() => '') },
  { name: 'string:control', fits: (site) => site.shape === 'string', change: (site) => set(() => `${asText(site)}\u0000\u0001\u0007\u001b\u007f\u2028\u202e`) },
  { name: 'string:phone-in-text', fits: (site) => site.shape === 'string', change: (site) => set(() => `${asText(site)}电话${PLANTED_PHONE}`) },
  { name: 'string:id-number-in-text', fits: (site) => site.shape === 'string', change: (site) => set(() => `${asText(site)}身份证${PLANTED_ID_NUMBER}`) },
  operator('$gt', { $gt: '' }),
  operator('$ne', { $ne: null }),
  operator('$regex', { $regex: '.*' }),
  operator('$where', { $where: 'sleep(1000)' }),
  key('__proto__', { polluted: true, roles: ['office'], isAdmin: true }),
  key('constructor', { prototype: { polluted: true } }),
  key('$set', { roles: ['office'] }),
  key('a.b', 'fuzz'),
  {
    name: 'array:10000',
    fits: (site) => site.shape === 'array',
    change: (site) => set(() => Array.from({ length: MANY }, () => (Array.isArray(site.value) ? site.value[0] : site.value) ?? 'fuzz')),
  },
  { name: 'nest:5000', fits: () => true, change: () => set(() => deeplyNested(DEEP)) },
]

/** Values at and beyond a number field's own range (beside the fixed ones above). */
function boundKinds(site: Site): { name: string; change: Change }[] {
  const { min, max } = site.bounds
  const values = new Map<string, number>()
  if (min !== undefined) values.set('min', min).set('min-1', min - 1)
  if (max !== undefined) values.set('max', max).set('max+1', max + 1)
  return [...values].map(([name, value]) => ({ name: `number:${name}`, change: set(() => value) }))
}

export interface FieldMutation {
  kind: string
  site: string
  /** The payload with the mutation applied (built when the case runs: some are large). */
  payload(): unknown
}

/** Every field mutation of an action, at every site it fits; a kind no site fits hits the leaves, or else the payload. */
export function fieldMutations(baseline: Record<string, unknown>, sites: readonly Site[]): FieldMutation[] {
  const mutations: FieldMutation[] = []
  const add = (kind: string, site: Site, change: Change) => mutations.push({ kind, site: site.label, payload: () => apply(baseline, site.path, change) })
  for (const kind of FIELD_KINDS) {
    let targets = sites.filter((site) => kind.fits(site))
    if (targets.length === 0) targets = sites.filter(isLeaf)
    if (targets.length === 0) targets = sites.slice(0, 1)
    for (const site of targets) add(kind.name, site, kind.change(site))
  }
  for (const site of sites) {
    if (site.shape === 'number') for (const extra of boundKinds(site)) add(extra.name, site, extra.change)
  }
  return mutations
}

function apply(baseline: Record<string, unknown>, path: Path, change: Change): unknown {
  if (path.length === 0 && change.kind === 'set') return change.value()
  const root = JSON.parse(JSON.stringify(baseline)) as Record<string, unknown>
  let parent: Record<string | number, unknown> = root
  for (let i = 0; i < path.length - (change.kind === 'set' ? 1 : 0); i += 1) {
    const next = parent[path[i]]
    if (!next || typeof next !== 'object') parent[path[i]] = typeof path[i + 1] === 'number' ? [] : {}
    parent = parent[path[i]] as Record<string | number, unknown>
  }
  if (change.kind === 'set') parent[path[path.length - 1]] = change.value()
  // An own property, as JSON.parse makes it: assigning `__proto__` would set the prototype instead.
  else Object.defineProperty(parent, change.key, { value: change.value, enumerable: true, configurable: true, writable: true })
  return root
}

// ---------------------------------------------------------------- the call's envelope

export interface EventMutation {
  kind: string
  event(): unknown
  /** Only for callers with an OPENID: without one, a timer-shaped event is the timer itself. */
  signedInOnly?: boolean
}

const TEN_KB = 'r'.repeat(10 * 1024)

/** Malformed requestIds and payloads of one action's call. */
export function actionEventMutations(action: string, payload: Record<string, unknown>, requestId: () => string): EventMutation[] {
  const withRequestId = (kind: string, value: unknown, present = true): EventMutation => ({
    kind,
    event: () => (present ? { action, payload, requestId: value } : { action, payload }),
  })
  const withPayload = (kind: string, value: unknown): EventMutation => ({ kind, event: () => ({ action, payload: value, requestId: requestId() }) })
  return [
    withRequestId('requestId:missing', undefined, false),
    withRequestId('requestId:number', 12345678),
    withRequestId('requestId:null', null),
    withRequestId('requestId:empty', ''),
    withRequestId('requestId:operator', { $ne: null }),
    withRequestId('requestId:array', [requestId()]),
    withRequestId('requestId:10KB', TEN_KB),
    withRequestId('requestId:invalid-characters', '../../etc/passwd'),
    withPayload('payload:array', [payload]),
    withPayload('payload:string', 'fuzz'),
    withPayload('payload:number', 1e19),
    withPayload('payload:boolean', true),
    withPayload('payload:null', null),
  ]
}

/** Events that name no valid action, or are no event at all. */
export function functionEventMutations(requestId: () => string): EventMutation[] {
  const named = (kind: string, action: unknown): EventMutation => ({ kind, event: () => ({ action, payload: {}, requestId: requestId() }) })
  return [
    { kind: 'action:missing', event: () => ({ payload: {}, requestId: requestId() }) },
    named('action:number', 1),
    named('action:null', null),
    named('action:empty', ''),
    named('action:object', { $ne: null }),
    named('action:array', ['list']),
    named('action:__proto__', '__proto__'),
    named('action:constructor', 'constructor'),
    named('action:toString', 'toString'),
    named('action:hasOwnProperty', 'hasOwnProperty'),
    named('action:valueOf', 'valueOf'),
    named('action:10KB', 'a'.repeat(10 * 1024)),
    named('action:unknown', 'noSuchAction'),
    { kind: 'event:null', event: () => null },
    { kind: 'event:undefined', event: () => undefined },
    { kind: 'event:string', event: () => 'fuzz' },
    { kind: 'event:number', event: () => 42 },
    { kind: 'event:array', event: () => [{ action: 'list' }] },
    { kind: 'event:empty', event: () => ({}) },
    { kind: 'event:nest:5000', event: () => deeplyNested(DEEP) },
    { kind: 'event:timer-shaped', event: () => ({ Type: 'Timer', TriggerName: 'fuzz' }), signedInOnly: true },
  ]
}
