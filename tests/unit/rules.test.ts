// The local evaluator of CloudBase security rules: the expression subset our
// rule files use, loud failures for anything else, and the real rule files.
import fs from 'fs'
import os from 'os'
import path from 'path'
import {
  allows,
  compileRule,
  FUNCTION_VARIABLES,
  loadFunctionRules,
  loadStorageRules,
  RuleSyntaxError,
  STORAGE_VARIABLES,
  type RuleVars,
} from '../../local/rules'

const rule = (source: string | boolean) => compileRule(source, STORAGE_VARIABLES)
const signedIn = (openid: string, resource?: RuleVars['resource']): RuleVars => ({ auth: { openid }, resource })
const anonymous = (resource?: RuleVars['resource']): RuleVars => ({ auth: null, resource })

describe('the expression language', () => {
  it('reads literals, strings with either quote and numbers', () => {
    expect(allows(rule('true'), anonymous())).toBe(true)
    expect(allows(rule('false'), anonymous())).toBe(false)
    expect(allows(rule('"a" == \'a\''), anonymous())).toBe(true)
    expect(allows(rule("'it\\'s' == \"it's\""), anonymous())).toBe(true)
    expect(allows(rule('1.5 == 1.5 && 2 != 3'), anonymous())).toBe(true)
    expect(allows(rule('null == null'), anonymous())).toBe(true)
  })

  it('treats a missing value and null as equal, so auth != null tells signed-in from anonymous', () => {
    expect(allows(rule('auth != null'), signedIn('o1'))).toBe(true)
    expect(allows(rule('auth != null'), anonymous())).toBe(false)
    expect(allows(rule('auth.openid == null'), anonymous())).toBe(true)
    expect(allows(rule('resource.path == null'), anonymous())).toBe(true)
  })

  it('compares strictly: no coercion between types', () => {
    expect(allows(rule('resource.path == 1'), signedIn('o1', { openid: 'o1', path: '1' }))).toBe(false)
    expect(allows(rule('auth.openid == resource.openid'), signedIn('o1', { openid: 'o1', path: 'p' }))).toBe(true)
    expect(allows(rule('auth.openid == resource.openid'), signedIn('o1', { openid: 'o2', path: 'p' }))).toBe(false)
  })

  it('member access on a missing value is undefined, never an error', () => {
    expect(allows(rule('auth.openid != "x"'), anonymous())).toBe(true)
    expect(allows(rule('resource.openid == auth.openid'), anonymous())).toBe(true)
  })

  it('follows precedence: ! over == over && over ||, and parentheses', () => {
    expect(allows(rule('true || false && false'), anonymous())).toBe(true)
    expect(allows(rule('(true || false) && false'), anonymous())).toBe(false)
    expect(allows(rule('!false == true'), anonymous())).toBe(true)
    expect(allows(rule('!(auth != null)'), anonymous())).toBe(true)
    expect(allows(rule('!!auth'), signedIn('o1'))).toBe(true)
  })

  it('tests regex literals against a value, escapes and all', () => {
    const png = rule('/^visits\\/[a-z]+\\/x\\.png$/.test(resource.path) == true')
    expect(allows(png, signedIn('o1', { openid: 'o1', path: 'visits/abc/x.png' }))).toBe(true)
    expect(allows(png, signedIn('o1', { openid: 'o1', path: 'visits/abc/xApng' }))).toBe(false)
    expect(allows(rule('/[/]a/i.test("/A")'), anonymous())).toBe(true)
    // Not a string: false, where JavaScript would have tested "undefined".
    expect(allows(rule('/undefined/.test(resource.path)'), anonymous())).toBe(false)
  })

  it('allows only an exact true: any other result denies', () => {
    expect(allows(rule('auth.openid'), signedIn('o1'))).toBe(false)
    expect(allows(rule('auth && true'), anonymous())).toBe(false)
    expect(allows(rule('auth || "yes"'), anonymous())).toBe(false)
    expect(allows(rule('1'), anonymous())).toBe(false)
  })

  it.each([
    ['auth.openid = "x"', 13],
    ['auth.openid === "x"', 13],
    ['auth.uid == "x"', 1],
    ['doc._openid == auth.openid', 1],
    ['now > 5', 1],
    ['auth.openid + "x"', 13],
    ['auth.openid == "x" == true', 20],
    ['/a/g.test("a")', 4],
    ['/a/.exec("a")', 4],
    ['/a/ == true', 4],
    ['/(/.test("a")', 1],
    ['auth.openid.length == 1', 1],
    ['get("x")', 1],
    ['auth.openid("x")', 12],
    ['(auth != null', 14],
    ['"unterminated', 1],
    ['"\\x41" == "A"', 2],
    ['1.2.3 == 1', 4],
    ['a ? b : c', 1],
    ['', 1],
  ])('refuses %j, naming position %i', (source, position) => {
    let error: unknown
    try {
      rule(source)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(RuleSyntaxError)
    expect((error as RuleSyntaxError).position + 1).toBe(position)
    expect((error as Error).message).toContain(`at position ${position}`)
  })

  it('refuses rule values that are neither boolean nor string', () => {
    expect(() => compileRule(1, STORAGE_VARIABLES)).toThrow(/true, false or an expression/)
    expect(() => compileRule({ invoke: true }, STORAGE_VARIABLES)).toThrow(/true, false or an expression/)
  })

  it('a function rule cannot read resource: it has none', () => {
    expect(() => compileRule('resource.openid == auth.openid', FUNCTION_VARIABLES)).toThrow(/unknown variable "resource.openid"/)
  })
})

describe('the loaders', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = (name: string, json: unknown) => {
    const target = path.join(dir, name)
    fs.writeFileSync(target, JSON.stringify(json))
    return target
  }

  it('ignore $comment, and fail at load time, naming file and key, on a rule they cannot evaluate', () => {
    expect(() => loadStorageRules(file('bad.json', { $comment: 'x', read: false, write: 'auth.openid => 1' }))).toThrow(/bad\.json "write": unexpected "=" .*at position 13/)
    expect(() => loadStorageRules(file('missing.json', { read: false }))).toThrow(/"write": missing/)
    expect(() => loadStorageRules(file('extra.json', { read: false, write: false, delete: true }))).toThrow(/unknown key "delete"/)
  })

  it('require the "*" function rule and an invoke per entry', () => {
    expect(() => loadFunctionRules(file('no-star.json', { account: { invoke: true } }))).toThrow(/"\*" entry .* is required/)
    expect(() => loadFunctionRules(file('no-invoke.json', { '*': { invoke: true }, account: {} }))).toThrow(/"account".invoke: missing/)
    expect(() => loadFunctionRules(file('flat.json', { '*': 'auth != null' }))).toThrow(/expected \{ "invoke"/)
    expect(() => loadFunctionRules(file('typo.json', { '*': { invoke: true, invok: false } }))).toThrow(/unknown key "invok"/)
  })

  it('look a function up by its own name only, never through the prototype', () => {
    const rules = loadFunctionRules(file('proto.json', { '*': { invoke: false }, $comment: 'x' }))
    expect(allows(rules.invoke('constructor'), signedIn('o1'))).toBe(false)
    expect(allows(rules.invoke('__proto__'), signedIn('o1'))).toBe(false)
  })
})

describe('the real storage rule (database/storage-rules.json)', () => {
  const { read, write } = loadStorageRules()
  const me = 'o-resident-cadre'
  const uploader = `u_${'0123456789abcdef01234567'}`
  const signature = `visits/v-xinhua/${uploader}/req-2024-0001/signature.png`
  const upload = (vars: RuleVars) => allows(write, vars)

  it('lets a signed-in user upload a visit signature or photo that is new or their own', () => {
    expect(upload(signedIn(me, { openid: me, path: signature }))).toBe(true)
    expect(upload(signedIn(me, { openid: me, path: signature.replace('signature.png', 'photo.jpg') }))).toBe(true)
    expect(upload(signedIn(me, { openid: me, path: `imports/v-xinhua/${uploader}/upload-0001.xlsx` }))).toBe(true)
    expect(upload(signedIn(me, { openid: me, path: `imports/v-xinhua/${uploader}/upload-0001.csv` }))).toBe(true)
  })

  it('does not let another user overwrite it, nor an anonymous one upload at all', () => {
    expect(upload(signedIn('o-someone-else', { openid: me, path: signature }))).toBe(false)
    expect(upload(anonymous({ openid: me, path: signature }))).toBe(false)
    expect(upload(anonymous({ openid: null, path: signature }))).toBe(false)
  })

  it('refuses paths outside the patterns', () => {
    for (const path of [
      'exports/v-xinhua/archive.xlsx',
      `visits/v-xinhua/${uploader}/req-2024-0001/x.svg`,
      `visits/v-xinhua/${uploader}/req-2024-0001/signature.png.html`,
      `visits/../${uploader}/req-2024-0001/signature.png`,
      `visits/v-xinhua/../${uploader}/req-2024-0001/signature.png`,
      `visits/v-xinhua/u_0123/req-2024-0001/signature.png`,
      `visits/v-xinhua/${uploader}/short/signature.png`,
      `imports/v-xinhua/${uploader}/upload-0001.html`,
      `/${signature}`,
      `${signature}\n`,
    ]) {
      expect([path, upload(signedIn(me, { openid: me, path }))]).toEqual([path, false])
    }
  })

  it('lets no client read anything directly', () => {
    expect(allows(read, signedIn(me, { openid: me, path: signature }))).toBe(false)
  })
})

describe('the real function rules (database/function-rules.json)', () => {
  const rules = loadFunctionRules()

  it('keep maintenance out of every client reach, signed in or not', () => {
    expect(allows(rules.invoke('maintenance'), signedIn('o-office'))).toBe(false)
    expect(allows(rules.invoke('maintenance'), anonymous())).toBe(false)
  })

  it('let any signed-in user invoke the other functions, and no anonymous one', () => {
    for (const name of ['account', 'visits', 'progress', 'households', 'not-declared']) {
      expect(allows(rules.invoke(name), signedIn('o-resident'))).toBe(true)
      expect(allows(rules.invoke(name), anonymous())).toBe(false)
    }
  })
})
