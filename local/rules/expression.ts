// The subset of CloudBase's security-rule expression language that our rule
// files use, parsed by hand (no eval): literals, known variables with member
// access, regex literals with .test(...), == != && || ! and parentheses.
// Anything else is a RuleSyntaxError naming its position, so a rule the local
// stack cannot evaluate fails when it is loaded instead of being misread.

export type Node =
  | { kind: 'literal'; value: boolean | null | number | string }
  | { kind: 'variable'; path: string[] }
  | { kind: 'test'; regex: RegExp; argument: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'and' | 'or' | 'eq' | 'ne'; left: Node; right: Node }

export class RuleSyntaxError extends Error {
  constructor(
    readonly source: string,
    /** 0-based offset into source. */
    readonly position: number,
    reason: string,
  ) {
    super(`${reason} at position ${position + 1} of rule ${JSON.stringify(source)}`)
    this.name = 'RuleSyntaxError'
  }
}

const IDENTIFIER_START = /[A-Za-z_$]/
const IDENTIFIER_PART = /[A-Za-z0-9_$]/
const DIGIT = /[0-9]/
/** .test() is stateful with g and y; the others keep a regex a pure function. */
const REGEX_FLAGS = /^[imsu]*$/
const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', '/': '/', n: '\n', r: '\r', t: '\t' }

/**
 * Parses `source`. `variables` lists the names the rule may read (e.g. `auth`,
 * `auth.openid`): any other identifier is an error, since the local stack
 * would have no value for it.
 */
export function parseExpression(source: string, variables: ReadonlySet<string>): Node {
  let pos = 0

  const fail = (reason: string, at = pos): never => {
    throw new RuleSyntaxError(source, at, reason)
  }
  const describe = (at: number): string => (at >= source.length ? 'end of rule' : JSON.stringify(source[at]))
  const skipSpace = () => {
    while (pos < source.length && /\s/.test(source[pos])) pos++
  }
  const startsWith = (token: string) => source.startsWith(token, pos)
  const expect = (token: string) => {
    skipSpace()
    if (!startsWith(token)) fail(`expected "${token}" but found ${describe(pos)}`)
    pos += token.length
  }
  const identifier = (): string => {
    const start = pos
    if (!IDENTIFIER_START.test(source[pos] ?? '')) fail(`expected a name but found ${describe(pos)}`)
    while (pos < source.length && IDENTIFIER_PART.test(source[pos])) pos++
    return source.slice(start, pos)
  }

  const or = (): Node => {
    let left = and()
    for (skipSpace(); startsWith('||'); skipSpace()) {
      pos += 2
      left = { kind: 'or', left, right: and() }
    }
    return left
  }

  const and = (): Node => {
    let left = equality()
    for (skipSpace(); startsWith('&&'); skipSpace()) {
      pos += 2
      left = { kind: 'and', left, right: equality() }
    }
    return left
  }

  const equality = (): Node => {
    const left = unary()
    skipSpace()
    const kind = startsWith('==') ? 'eq' : startsWith('!=') ? 'ne' : null
    if (!kind) return left
    if (source[pos + 2] === '=') fail('=== and !== are not part of the rule language; use == or !=', pos)
    pos += 2
    const right = unary()
    skipSpace()
    if (startsWith('==') || startsWith('!=')) fail('chained comparison: join comparisons with && or ||')
    return { kind, left, right }
  }

  const unary = (): Node => {
    skipSpace()
    if (startsWith('!') && !startsWith('!=')) {
      pos++
      return { kind: 'not', operand: unary() }
    }
    return primary()
  }

  const primary = (): Node => {
    skipSpace()
    const start = pos
    const c = source[pos]
    if (c === undefined) return fail('unexpected end of rule')
    if (c === '(') {
      pos++
      const inner = or()
      expect(')')
      return inner
    }
    if (c === '/') return regexTest()
    if (c === '"' || c === "'") return { kind: 'literal', value: string(c) }
    if (DIGIT.test(c)) return { kind: 'literal', value: number() }
    if (IDENTIFIER_START.test(c)) {
      const path = [identifier()]
      if (path.length === 1 && ['true', 'false', 'null'].includes(path[0])) {
        return { kind: 'literal', value: path[0] === 'null' ? null : path[0] === 'true' }
      }
      while (source[pos] === '.') {
        pos++
        path.push(identifier())
      }
      const name = path.join('.')
      if (!variables.has(name)) fail(`unknown variable "${name}" (this rule may read: ${[...variables].join(', ')})`, start)
      if (source[pos] === '(') fail(`"${name}" is not a function`)
      return { kind: 'variable', path }
    }
    return fail(`unexpected ${describe(pos)}`)
  }

  /** A regex literal must be followed by .test(<expr>): nothing else can be done with one here. */
  const regexTest = (): Node => {
    const start = pos
    pos++
    let body = ''
    let inClass = false
    for (;;) {
      const c = source[pos]
      if (c === undefined || c === '\n') fail('unterminated regex literal', start)
      if (c === '\\') {
        if (pos + 1 >= source.length) fail('unterminated regex literal', start)
        body += source.slice(pos, pos + 2)
        pos += 2
        continue
      }
      pos++
      if (c === '/' && !inClass) break
      if (c === '[') inClass = true
      if (c === ']') inClass = false
      body += c
    }
    if (body === '') fail('empty regex literal', start)
    const flagsAt = pos
    while (pos < source.length && IDENTIFIER_PART.test(source[pos])) pos++
    const flags = source.slice(flagsAt, pos)
    if (!REGEX_FLAGS.test(flags) || new Set(flags).size !== flags.length) fail(`unsupported regex flags "${flags}" (allowed: i m s u)`, flagsAt)
    let regex: RegExp
    try {
      regex = new RegExp(body, flags)
    } catch (error) {
      return fail(`invalid regex: ${(error as Error).message}`, start)
    }
    if (!startsWith('.test(')) fail('a regex literal can only be used as /.../.test(<value>)')
    pos += '.test('.length
    const argument = or()
    expect(')')
    return { kind: 'test', regex, argument }
  }

  const string = (quote: string): string => {
    const start = pos
    pos++
    let value = ''
    for (;;) {
      const c = source[pos]
      if (c === undefined || c === '\n') fail('unterminated string', start)
      pos++
      if (c === quote) return value
      if (c !== '\\') {
        value += c
        continue
      }
      const escaped = source[pos]
      if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(pos + 1, pos + 5))) {
        value += String.fromCharCode(parseInt(source.slice(pos + 1, pos + 5), 16))
        pos += 5
      } else if (escaped !== undefined && ESCAPES[escaped] !== undefined) {
        value += ESCAPES[escaped]
        pos++
      } else {
        fail(`unsupported escape "\\${escaped ?? ''}" in string`, pos - 1)
      }
    }
  }

  const number = (): number => {
    const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(pos)) as RegExpExecArray
    pos += match[0].length
    if (IDENTIFIER_PART.test(source[pos] ?? '') || source[pos] === '.') fail(`malformed number`, pos)
    return Number(match[0])
  }

  if (source.trim() === '') fail('empty rule', 0)
  const node = or()
  skipSpace()
  if (pos < source.length) fail(`unexpected ${describe(pos)} (expected ==, !=, &&, || or the end of the rule)`)
  return node
}

const read = (vars: Record<string, unknown>, path: string[]): unknown => {
  let current: unknown = vars
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** undefined and null are the same "no value", as in the rule language's `auth != null`. */
const equal = (a: unknown, b: unknown): boolean => (a === null || a === undefined ? b === null || b === undefined : a === b)

/** JavaScript's semantics (&& and || yield an operand), except that .test() of a non-string is false. */
export function evaluate(node: Node, vars: Record<string, unknown>): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value
    case 'variable':
      return read(vars, node.path)
    case 'test': {
      const value = evaluate(node.argument, vars)
      return typeof value === 'string' && node.regex.test(value)
    }
    case 'not':
      return !evaluate(node.operand, vars)
    case 'and': {
      const left = evaluate(node.left, vars)
      return left ? evaluate(node.right, vars) : left
    }
    case 'or': {
      const left = evaluate(node.left, vars)
      return left ? left : evaluate(node.right, vars)
    }
    case 'eq':
      return equal(evaluate(node.left, vars), evaluate(node.right, vars))
    case 'ne':
      return !equal(evaluate(node.left, vars), evaluate(node.right, vars))
  }
}
