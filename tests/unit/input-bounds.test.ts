import { loadFunctions } from '../support/function-tables'

// Every input a client can send is bounded by its schema before any handler
// or database sees it: numbers have a minimum and a maximum, strings and
// arrays a maximum length. An unbounded number (offset 1e19) once reached
// SQLite and failed as INTERNAL; this walks every action's schema so no new
// field can forget its bounds.

interface SchemaLike {
  type: string
  pipe?: { type: string; requirement?: unknown }[]
  wrapped?: SchemaLike
  entries?: Record<string, SchemaLike>
  item?: SchemaLike
  options?: SchemaLike[]
}


/** A regex that can only match a bounded string: anchored, with no `*` or `+`. */
function boundedRegex(requirement: unknown): boolean {
  if (!(requirement instanceof RegExp)) return false
  const source = requirement.source
  return source.startsWith('^') && source.endsWith('$') && !/(?<!\\)[*+]/.test(source)
}

/** The checks of a pipe, including those of a pipe it starts from (`v.pipe(text(…), v.minLength(…))`). */
function actionsOf(schema: SchemaLike): { type: string; requirement?: unknown }[] {
  if (!schema.pipe) return []
  const [head, ...rest] = schema.pipe
  return [...actionsOf(head as SchemaLike), ...rest]
}

function unbounded(schema: SchemaLike, path: string): string[] {
  const actions = actionsOf(schema)
  const has = (...types: string[]) => actions.some((step) => types.includes(step.type))
  switch (schema.type) {
    case 'optional':
    case 'nullable':
    case 'nullish':
      return unbounded(schema.wrapped as SchemaLike, path)
    case 'object':
      return Object.entries(schema.entries ?? {}).flatMap(([key, entry]) => unbounded(entry, `${path}.${key}`))
    case 'variant':
    case 'union':
      return (schema.options ?? []).flatMap((option) => unbounded(option, path))
    case 'array':
      return [...(has('max_length', 'length') ? [] : [`${path}: array without a maximum length`]), ...unbounded(schema.item as SchemaLike, `${path}[]`)]
    case 'number':
      return has('min_value') && has('max_value') ? [] : [`${path}: number without a minimum and a maximum`]
    case 'string':
      return has('max_length', 'length') || actions.some((step) => step.type === 'regex' && boundedRegex(step.requirement)) ? [] : [`${path}: string without a maximum length`]
    case 'picklist':
    case 'literal':
    case 'boolean':
      return []
    default:
      return [`${path}: ${schema.type} accepts anything`]
  }
}

describe('inputs of every action', () => {
  const cases = loadFunctions().flatMap(({ name: fn, main }) =>
    Object.entries(main.actions).map(([name, spec]) => [`${fn}.${name}`, spec.input as SchemaLike | undefined] as const),
  )

  it.each(cases)('%s bounds every number, string and array', (name, input) => {
    expect(input ? unbounded(input, name) : []).toEqual([])
  })
})
