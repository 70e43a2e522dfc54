// What the fuzz reads from a valibot schema (1.x): a plausible valid value
// (the baseline) and the places in it a mutation can hit (the sites).
import * as v from 'valibot'

/** The parts of a valibot schema object the fuzz reads. */
export interface SchemaNode {
  readonly kind: string
  readonly type: string
  readonly entries?: Readonly<Record<string, SchemaNode>>
  readonly wrapped?: SchemaNode
  readonly item?: SchemaNode
  readonly options?: readonly unknown[]
  readonly literal?: unknown
  readonly key?: string
  readonly default?: unknown
  readonly pipe?: readonly { readonly kind: string; readonly type: string; readonly requirement?: unknown }[]
}

export type Path = readonly (string | number)[]

export const asNode = (schema: v.GenericSchema): SchemaNode => schema as unknown as SchemaNode

export function accepts(node: SchemaNode, value: unknown): boolean {
  return v.safeParse(node as unknown as v.GenericSchema, value).success
}

const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'non_optional', 'non_nullable', 'non_nullish', 'undefinedable'])

/** The schema under optional/nullable wrappers, and whether the field may be left out. */
export function unwrap(node: SchemaNode): { node: SchemaNode; optional: boolean } {
  let current = node
  let optional = false
  while (WRAPPERS.has(current.type) && current.wrapped) {
    if (current.type === 'optional' || current.type === 'exact_optional' || current.type === 'nullish' || current.type === 'undefinedable') optional = true
    current = current.wrapped
  }
  return { node: current, optional }
}

export function requirement(node: SchemaNode, type: string): number | undefined {
  const found = node.pipe?.find((item) => item.type === type)
  return typeof found?.requirement === 'number' ? found.requirement : undefined
}

export const pathLabel = (path: Path): string =>
  path.length === 0 ? '(payload)' : path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')

/**
 * Values to try for a field, by its path: fixtures the fuzz made (a visit's id,
 * an uploaded file) and values a field's rules cannot be guessed from.
 */
export interface BaselineHints {
  /** Values tried first for the field at `path` (first accepted wins). */
  valuesFor(path: Path): readonly unknown[]
  /** Strings tried for any string field, in order. */
  strings: readonly string[]
  /** Optional fields left out of the baseline (e.g. a file the fuzz cannot upload per case). */
  leaveOut(path: Path): boolean
}

function sample(node: SchemaNode, path: Path, hints: BaselineHints): unknown {
  for (const value of hints.valuesFor(path)) if (accepts(node, value)) return value
  const { node: inner } = unwrap(node)
  const fallback = (candidates: readonly unknown[]): unknown => candidates.find((value) => accepts(node, value)) ?? candidates[0]
  switch (inner.type) {
    case 'object':
    case 'loose_object':
    case 'strict_object':
    case 'object_with_rest':
      return sampleObject(inner, path, hints)
    case 'variant':
    case 'union': {
      const options = (inner.options ?? []) as SchemaNode[]
      const samples = options.map((option) => sample(option, path, hints))
      const clean = samples.find((value, index) => accepts(options[index], value) && !mentionsLeftOut(options[index], path, hints))
      return clean ?? samples.find((value, index) => accepts(options[index], value)) ?? samples[0]
    }
    case 'array': {
      const item = inner.item ? sample(inner.item, [...path, 0], hints) : 'fuzz'
      const length = Math.max(requirement(inner, 'min_length') ?? 1, 1)
      return requirement(inner, 'max_length') === 0 ? [] : Array.from({ length }, () => item)
    }
    case 'picklist':
      return inner.options?.[0]
    case 'literal':
      return inner.literal
    case 'string': {
      const min = requirement(inner, 'min_length') ?? requirement(inner, 'length') ?? 1
      return fallback([...hints.strings, 'x'.repeat(min), 'A'.repeat(min)])
    }
    case 'number': {
      const min = requirement(inner, 'min_value')
      const max = requirement(inner, 'max_value')
      return fallback([min ?? 1, max ?? 1, 1, 0].filter((value) => value !== undefined))
    }
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return 'fuzz'
  }
}

function sampleObject(node: SchemaNode, path: Path, hints: BaselineHints): Record<string, unknown> {
  const value: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(node.entries ?? {})) {
    const entryPath = [...path, key]
    const hinted = hints.valuesFor(entryPath).some((candidate) => accepts(entry, candidate))
    if (!hinted && unwrap(entry).optional && hints.leaveOut(entryPath)) continue
    const sampled = sample(entry, entryPath, hints)
    if (sampled !== undefined) value[key] = sampled
  }
  return value
}

function mentionsLeftOut(node: SchemaNode, path: Path, hints: BaselineHints): boolean {
  return Object.keys(unwrap(node).node.entries ?? {}).some((key) => hints.leaveOut([...path, key]))
}

/**
 * A payload the schema accepts where one can be made: sampled field by field,
 * then, if rules across fields refuse it (e.g. a household chosen OR a new
 * one), optional top-level fields are dropped one at a time until it passes.
 */
export function baselineFor(schema: SchemaNode | undefined, hints: BaselineHints): { payload: Record<string, unknown>; valid: boolean } {
  if (!schema) return { payload: {}, valid: true }
  const sampled = sample(schema, [], hints)
  const payload = sampled && typeof sampled === 'object' && !Array.isArray(sampled) ? (sampled as Record<string, unknown>) : {}
  if (accepts(schema, payload)) return { payload, valid: true }
  const entries = unwrap(schema).node.entries ?? {}
  for (const key of Object.keys(payload)) {
    if (!entries[key] || !unwrap(entries[key]).optional) continue
    const { [key]: _dropped, ...rest } = payload
    if (accepts(schema, rest)) return { payload: rest, valid: true }
  }
  return { payload, valid: false }
}

export type SiteShape = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'other'

/** A place in the payload a mutation can hit: the payload itself, a field, an array's item. */
export interface Site {
  path: Path
  label: string
  shape: SiteShape
  /** The baseline's value there (undefined for a field the baseline leaves out). */
  value: unknown
  /** Range rules of a number field, for values at and beyond them. */
  bounds: { min?: number; max?: number }
}

function shapeOf(node: SchemaNode): SiteShape {
  switch (node.type) {
    case 'object':
    case 'loose_object':
    case 'strict_object':
    case 'object_with_rest':
    case 'variant':
      return 'object'
    case 'array':
    case 'tuple':
      return 'array'
    case 'string':
    case 'picklist':
      return 'string'
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'literal':
      return typeof node.literal === 'string' ? 'string' : typeof node.literal === 'number' ? 'number' : 'other'
    default:
      return 'other'
  }
}

/** Every site of the payload, the payload first; a variant contributes the fields of the option the baseline took. */
export function sitesOf(schema: SchemaNode | undefined, payload: unknown): Site[] {
  const sites: Site[] = [{ path: [], label: pathLabel([]), shape: 'object', value: payload, bounds: {} }]
  if (schema) collect(unwrap(schema).node, payload, [], sites)
  return sites
}

function collect(node: SchemaNode, value: unknown, path: Path, sites: Site[]): void {
  if (node.type === 'variant' || node.type === 'union') {
    const options = (node.options ?? []) as SchemaNode[]
    const option = options.find((candidate) => accepts(candidate, value)) ?? options.find((candidate) => matchesKey(node, candidate, value))
    if (option) collect(unwrap(option).node, value, path, sites)
    return
  }
  if (node.entries) {
    const object = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
    for (const [key, entry] of Object.entries(node.entries)) {
      const inner = unwrap(entry).node
      const entryPath = [...path, key]
      const entryValue = object?.[key]
      sites.push(siteAt(inner, entryPath, entryValue))
      if (entryValue !== undefined) collect(inner, entryValue, entryPath, sites)
    }
    return
  }
  if (node.type === 'array' && node.item && Array.isArray(value) && value.length > 0) {
    const inner = unwrap(node.item).node
    sites.push(siteAt(inner, [...path, 0], value[0]))
    collect(inner, value[0], [...path, 0], sites)
  }
}

function matchesKey(variant: SchemaNode, option: SchemaNode, value: unknown): boolean {
  const key = variant.key
  if (!key || !value || typeof value !== 'object') return false
  return unwrap(option).node.entries?.[key]?.literal === (value as Record<string, unknown>)[key]
}

function siteAt(node: SchemaNode, path: Path, value: unknown): Site {
  return {
    path,
    label: pathLabel(path),
    shape: shapeOf(node),
    value,
    bounds: { min: requirement(node, 'min_value'), max: requirement(node, 'max_value') },
  }
}
