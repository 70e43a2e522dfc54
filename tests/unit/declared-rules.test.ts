import { readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import { allows, loadFunctionRules } from '../../local/rules'

// A function takes an event without a WeChat identity as its timer
// (cloudfunctions/_lib/function.ts). So the declared invoke rules must keep
// every function with a timer trigger out of reach of callers without one:
// otherwise anyone could forge the timer once anonymous access is enabled for
// some other function (e.g. reading an article from Moments).

const functionsDir = join(__dirname, '..', '..', 'cloudfunctions')
const timerFunctions = readdirSync(functionsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => ({ name: entry.name, config: JSON.parse(readFileSync(join(functionsDir, entry.name, 'config.json'), 'utf8')) as { triggers?: { type: string }[] } }))
  .filter(({ config }) => (config.triggers ?? []).some((trigger) => trigger.type === 'timer'))

describe('declared function-invoke rules', () => {
  const rules = loadFunctionRules()

  it('cover at least one timer function', () => {
    expect(timerFunctions.map(({ name }) => name)).toContain('maintenance')
  })

  it.each(timerFunctions.map(({ name }) => name))('keep the timer function %s from callers without a WeChat identity', (name) => {
    expect(allows(rules.invoke(name), { auth: null })).toBe(false)
  })

  it('need a WeChat identity for every other function', () => {
    expect(allows(rules.invoke('visits'), { auth: null })).toBe(false)
    expect(allows(rules.invoke('visits'), { auth: { openid: 'o-1' } })).toBe(true)
  })
})
