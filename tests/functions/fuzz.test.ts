// The fuzz of every action of every function, generated from their action
// tables: a plausible payload built from the action's valibot schema, then
// every kind of broken input at every field, and broken events, from every
// demo user, a stranger and a caller without WeChat identity. For every case:
// a well-formed reply, never INTERNAL or a throw, no personal data the caller
// may not see, and after a refusal no row or file changed. Deterministic: the
// sampling of callers comes from one seeded generator (FUZZ_SEED to vary it;
// FUZZ_REPORT=<file> writes the failures as JSON).
import fs from 'fs'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { seededRandom } from '../../local/seed/random'
import { loadFunctions } from '../support/function-tables'
import { startFunctionHarness, type Harness } from '../support/functions'
import { DatabaseWatch, type DatabaseChange } from '../support/fuzz/db-watch'
import { CALLERS, hintsFor, inAudience, prepareFixtures, type Fixtures, type FuzzCaller } from '../support/fuzz/fixtures'
import { actionEventMutations, fieldMutations, FIELD_KINDS, functionEventMutations } from '../support/fuzz/mutations'
import { formatFailures, FuzzRunner, type Failure } from '../support/fuzz/runner'
import { asNode, baselineFor, sitesOf } from '../support/fuzz/schema'

const SEED = Number(process.env.FUZZ_SEED ?? 20240521)
/** Besides every caller inside the audience, how often a mutation is also sent by one other caller. */
const OTHER_CALLER_RATE = 0.5

const FUNCTIONS = loadFunctions()

/**
 * The one write a refusal makes on purpose: a wrong invite code counts
 * against the caller (brute-force guard, account/invites.ts), in their own
 * user document's `inviteFailures` and nowhere else.
 */
const allowedOnRefusal = (target: string, openid: string | null, change: DatabaseChange): boolean =>
  target === 'account.redeemInvite' &&
  openid !== null &&
  change.collection === 'users' &&
  change.id === userIdFor(openid) &&
  change.change === 'changed' &&
  change.fields.every((field) => field === 'inviteFailures')

const random = seededRandom(SEED)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
let requests = 0
const requestId = () => `fuzz-${SEED}-${(requests += 1)}`

let h: Harness
let watch: DatabaseWatch
let runner: FuzzRunner
let fixtures: Fixtures
const started = Date.now()
/** `${target}|${kind}` sent by a caller inside the action's audience. */
const covered = new Set<string>()
const fuzzed = new Set<string>()
const summary: string[] = []

beforeAll(async () => {
  h = await startFunctionHarness()
  fixtures = await prepareFixtures(h, requestId)
  watch = new DatabaseWatch(h.local.dataDir)
  runner = new FuzzRunner(h, watch, allowedOnRefusal)
}, 60_000)

afterAll(async () => {
  watch?.close()
  const failures = runner?.failures ?? []
  if (process.env.FUZZ_REPORT) fs.writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(failures, null, 2))
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(
    [
      `fuzz (seed ${SEED}): ${runner?.cases ?? 0} cases in ${seconds} s, ${failures.length} failing`,
      ...[...(runner?.allowedWrites ?? [])].map(([target, count]) => `refusals that wrote only what allowedOnRefusal permits: ${target} ×${count}`),
      ...(fixtures?.problems.length ? [`fixtures not made: ${fixtures.problems.join('; ')}`] : []),
      ...summary,
    ].join('\n'),
  )
  await h?.stop()
})

function expectNoFailures(failures: readonly Failure[]): void {
  if (failures.length > 0) throw new Error(formatFailures(failures))
}

async function fuzzAction(fn: (typeof FUNCTIONS)[number], action: string): Promise<Failure[]> {
  const spec = fn.main.actions[action]
  const target = `${fn.name}.${action}`
  const before = runner.failures.length
  fuzzed.add(target)
  const schema = spec.input ? asNode(spec.input) : undefined
  const { payload, valid } = baselineFor(schema, hintsFor(target, fixtures))
  const sites = sitesOf(schema, payload)
  const event = (body: unknown) => ({ action, payload: body, requestId: spec.write ? requestId() : undefined })
  const run = (caller: FuzzCaller, mutation: string, build: () => unknown) => {
    if (inAudience(caller, spec.audience)) covered.add(`${target}|${mutation.split(' @ ')[0]}`)
    return runner.run({ fn: fn.name, main: fn.main, target, caller, mutation, event: build })
  }

  const acceptedFor: FuzzCaller[] = []
  for (const caller of CALLERS) {
    const reply = (await run(caller, 'baseline', () => event(structuredClone(payload)))) as { ok?: boolean } | undefined
    if (reply?.ok) acceptedFor.push(caller)
  }
  const audience = CALLERS.filter((caller) => inAudience(caller, spec.audience))
  // Mutations go to every caller whose plausible call succeeds, so they reach as far in as a call can.
  const pool = audience.filter((caller) => acceptedFor.includes(caller))
  const callers = pool.length > 0 ? pool : audience

  const mutations = [
    ...fieldMutations(payload, sites).map((m) => ({ kind: `${m.kind} @ ${m.site}`, build: () => event(m.payload()) })),
    ...actionEventMutations(action, payload, requestId).map((m) => ({ kind: m.kind, build: m.event })),
  ]
  const others = CALLERS.filter((caller) => !callers.includes(caller))
  for (const mutation of mutations) {
    for (const caller of callers) await run(caller, mutation.kind, mutation.build)
    if (others.length > 0 && random() < OTHER_CALLER_RATE) await run(pick(others), mutation.kind, mutation.build)
  }
  summary.push(
    `  ${target}: baseline ${valid ? 'valid' : 'NOT valid for its schema'}, accepted for ${acceptedFor.map((c) => c.label).join(', ') || 'nobody'}; ${sites.length} sites, ${mutations.length} mutations`,
  )
  return runner.failures.slice(before)
}

describe.each(FUNCTIONS)('$name', (fn) => {
  for (const action of Object.keys(fn.main.actions)) {
    it(`${fn.name}.${action} holds for every mutation and caller`, async () => {
      expectNoFailures(await fuzzAction(fn, action))
    }, 180_000)
  }

  it(`${fn.name} holds for malformed events from every caller`, async () => {
    const before = runner.failures.length
    for (const mutation of functionEventMutations(requestId)) {
      for (const caller of CALLERS) {
        if (mutation.signedInOnly && caller.roles === null) continue
        await runner.run({ fn: fn.name, main: fn.main, target: fn.name, caller, mutation: mutation.kind, event: mutation.event })
      }
    }
    expectNoFailures(runner.failures.slice(before))
  }, 60_000)
})

it('met every action it fuzzed with every mutation kind, from a caller inside its audience', () => {
  const kinds = [...FIELD_KINDS.map((kind) => kind.name), ...actionEventMutations('a', {}, requestId).map((m) => m.kind)]
  const missing = [...fuzzed].flatMap((target) => kinds.map((kind) => `${target}|${kind}`)).filter((key) => !covered.has(key))
  expect(missing).toEqual([])
})
