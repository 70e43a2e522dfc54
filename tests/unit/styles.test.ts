import { existsSync, readdirSync, readFileSync, statSync } from 'fs'
import { dirname, join, relative, resolve } from 'path'

// The H5 build splits CSS per page chunk: a class defined in a stylesheet that
// only another page imports is unstyled until that page has loaded once (the
// search box of 村（社区）入户记录 had no border for police). So a component
// imports every stylesheet whose classes it uses, or the class lives in app.css.

const SRC = join(__dirname, '..', '..', 'src')
const APP_CSS = join(SRC, 'app.css')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/**
 * The classes a stylesheet gives a rule of their own: selectors whose subject
 * (last compound) is that class alone, e.g. `.a`, `.x .a`, `.a:focus`,
 * `.a.a`. A class that only appears in a context or a compound (`.a.b`,
 * `.a .x`) is a modifier of something else and is not counted.
 */
function classesStyledBy(css: string): Set<string> {
  const styled = new Set<string>()
  const flat = css.replace(/\/\*[\s\S]*?\*\//g, '')
  for (const rule of flat.matchAll(/([^{}]+)\{[^{}]*\}/g)) {
    for (const selector of rule[1].split(',')) {
      const subject = selector.trim().split(/\s*[\s>+~]\s*/).pop() ?? ''
      const classes = new Set([...subject.replace(/::?[\w-]+(\([^)]*\))?/g, '').replace(/\[[^\]]*\]/g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]))
      if (classes.size === 1) styled.add([...classes][0])
    }
  }
  return styled
}

/** Class names written in `className=` attributes: whole names, and `prefix--${...}` prefixes. */
function classNamesUsedIn(source: string): { name: string; prefix: boolean }[] {
  const used: { name: string; prefix: boolean }[] = []
  for (const match of source.matchAll(/className=/g)) {
    let end = (match.index ?? 0) + 'className='.length
    const start = end
    if (source[start] === "'" || source[start] === '"') end = source.indexOf(source[start], start + 1) + 1
    else {
      let depth = 0
      do {
        if (source[end] === '{') depth += 1
        else if (source[end] === '}') depth -= 1
        end += 1
      } while (depth > 0 && end < source.length)
    }
    const expression = source.slice(start, end)
    // Strings inside a template's ${...} count as well as its text.
    const inner = [...expression.matchAll(/`[^`]*`/g)].flatMap((template) => [...template[0].matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]))
    for (const literal of [expression.replace(/\$\{[^}]*\}/g, '${}'), ...inner].flatMap((text) => [...text.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)])) {
      const template = literal[3] !== undefined
      const parts = template ? literal[3].split('${}') : [literal[1] ?? literal[2]]
      parts.forEach((part, index) => {
        const words = part.split(/\s+/)
        words.forEach((word, at) => {
          if (!word) return
          // `status--${x}`: the word runs on into the expression.
          const prefix = template && index < parts.length - 1 && at === words.length - 1
          used.push({ name: word, prefix })
        })
      })
    }
  }
  return used
}

function stylesheetsImportedBy(file: string, source: string): string[] {
  return [...source.matchAll(/^import\s+['"](\.[^'"]+\.css)['"]/gm)].map((m) => resolve(dirname(file), m[1])).filter((path) => existsSync(path))
}

describe('styles in the H5 build', () => {
  it('a component imports the stylesheet of every class it uses, unless app.css styles it', () => {
    const files = filesUnder(SRC)
    const styledBy = new Map(files.filter((file) => file.endsWith('.css')).map((file) => [file, classesStyledBy(readFileSync(file, 'utf8'))]))
    const matches = (classes: Set<string>, used: { name: string; prefix: boolean }) =>
      [...classes].some((name) => (used.prefix ? name.startsWith(used.name) : name === used.name))
    const missing: string[] = []
    for (const file of files.filter((path) => path.endsWith('.tsx'))) {
      const source = readFileSync(file, 'utf8')
      const imported = [APP_CSS, ...stylesheetsImportedBy(file, source)]
      for (const used of classNamesUsedIn(source)) {
        const homes = [...styledBy].filter(([, classes]) => matches(classes, used)).map(([css]) => css)
        if (homes.length === 0 || homes.some((css) => imported.includes(css))) continue
        missing.push(`${relative(SRC, file)}: .${used.name}${used.prefix ? '*' : ''} is styled in ${homes.map((css) => relative(SRC, css)).join(', ')}`)
      }
    }
    expect([...new Set(missing)]).toEqual([])
  })

  it('the checker tells a rule of a class’s own from a modifier in a context', () => {
    expect([...classesStyledBy('.a{x:1} .b .c, .d:focus{y:2} .e.f{} .g.g{} @media (x){.h{}} .i .j.k{}')].sort()).toEqual(['a', 'c', 'd', 'g', 'h'])
    expect(classNamesUsedIn("<V className={`card row${on ? ' row--on' : ''} status--${s}`} /> <T className='x y' />")).toEqual([
      { name: 'card', prefix: false },
      { name: 'row', prefix: true },
      { name: 'status--', prefix: true },
      { name: 'row--on', prefix: false },
      { name: 'x', prefix: false },
      { name: 'y', prefix: false },
    ])
  })
})
