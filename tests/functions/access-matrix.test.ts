import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { Audience, Role } from '../../domain/roles'
import { DEMO_TOWN, DEMO_VILLAGES } from '../../local/seed/demo-town'
import { loadFunctions } from '../support/function-tables'
import { startFunctionHarness, type Harness } from '../support/functions'
import { DatabaseWatch } from '../support/fuzz/db-watch'
import { hintsFor, prepareFixtures, type Fixtures } from '../support/fuzz/fixtures'
import { asNode, baselineFor } from '../support/fuzz/schema'
import { addStaff } from '../support/progress'

// Who may call what, as a table a person wrote: every action of every
// function has its row, so a new action without one fails here, and a
// changed audience must be changed here too. Then every role is tried on
// every action, and every action is tried from another town with this
// town's records in the payload.

const STAFF = ['cadre', 'unit_head', 'office', 'police'] as const
const EXPECTED: Record<string, Audience> = {
  'account.signIn': 'anyone',
  'account.me': 'anyone',
  'account.updateProfile': 'anyone',
  'account.setHomeVillage': 'anyone',
  'account.townVillages': 'anyone',
  'account.redeemInvite': 'anyone',
  'account.createInvite': ['office'],
  'account.listInvites': ['office'],
  'account.revokeInvite': ['office'],
  'account.messageSettings': 'anyone',
  'account.grantMessages': 'anyone',
  'account.directory': STAFF,
  'account.inbox': 'anyone',
  'account.readInbox': 'anyone',
  'activities.context': ['cadre', 'unit_head', 'police'],
  'activities.create': ['cadre', 'unit_head', 'police'],
  'activities.correct': ['cadre', 'unit_head', 'police', 'office'],
  'activities.void': ['cadre', 'unit_head', 'police', 'office'],
  'activities.list': STAFF,
  'activities.get': STAFF,
  'activities.places': STAFF,
  'activities.addPlace': ['cadre', 'unit_head', 'police', 'office'],
  'activities.previewPlaceImport': ['cadre', 'office'],
  'activities.commitPlaceImport': ['cadre', 'office'],
  'activities.exportArchive': ['cadre', 'office', 'police'],
  'admin.town': ['office'],
  'admin.saveTown': ['office'],
  'admin.saveVillage': ['office'],
  'admin.removeVillage': ['office'],
  'admin.saveUnit': ['office'],
  'admin.removeUnit': ['office'],
  'admin.saveCampaign': ['office'],
  'admin.users': ['office'],
  'admin.setRoles': ['office'],
  'admin.auditLog': ['office', 'police'],
  'articles.list': 'public',
  'articles.get': 'public',
  'articles.learn': 'anyone',
  'articles.learning': 'anyone',
  'articles.shareCode': 'anyone',
  'articles.share': 'anyone',
  'articles.poster': ['cadre', 'office'],
  'articles.reach': ['office', 'unit_head'],
  'articles.manageList': ['office', 'police'],
  'articles.draft': ['office', 'police'],
  'articles.save': ['office', 'police'],
  'articles.publish': ['office', 'police'],
  'articles.withdraw': ['office', 'police'],
  'articles.pin': ['office', 'police'],
  'articles.notify': ['office', 'police'],
  'households.register': ['cadre', 'office', 'police'],
  'households.create': ['cadre', 'office'],
  'households.previewImport': ['cadre', 'office'],
  'households.commitImport': ['cadre', 'office'],
  'privacy.notice': 'anyone',
  'privacy.submitRequest': 'anyone',
  'privacy.myRequests': 'anyone',
  'privacy.requests': ['office'],
  'privacy.request': ['office'],
  'privacy.handleRequest': ['office'],
  'privacy.retention': ['office'],
  'privacy.saveRetention': ['office'],
  'progress.dashboard': STAFF,
  'progress.bulletin': ['office'],
  'progress.bulletinExport': ['office'],
  'progress.exportArchive': ['cadre', 'office', 'police'],
  'progress.district': ['district'],
  'progress.recount': ['office'],
  'reminders.preview': ['office'],
  'reminders.send': ['office'],
  'reminders.attempts': ['office'],
  'reminders.settings': ['office'],
  'reminders.updateSettings': ['office'],
  'tips.form': 'anyone',
  'tips.submit': 'anyone',
  'tips.addEvidence': 'anyone',
  'tips.mine': 'anyone',
  'tips.queue': ['police'],
  'tips.get': ['police'],
  'tips.reveal': ['police'],
  'tips.update': ['police'],
  'tips.reward': ['police'],
  'tips.export': ['police'],
  'tips.stats': ['office', 'police'],
  'visits.context': ['cadre'],
  'visits.create': ['cadre'],
  'visits.correct': ['cadre', 'office'],
  'visits.void': ['cadre', 'office'],
  'visits.list': STAFF,
  'visits.get': STAFF,
}

const FUNCTIONS = loadFunctions()
const ACTIONS = FUNCTIONS.flatMap((fn) => Object.entries(fn.main.actions).map(([action, spec]) => ({ fn, action, spec, target: `${fn.name}.${action}` })))

const sameAudience = (a: Audience, b: Audience) => JSON.stringify(typeof a === 'string' ? a : [...a].sort()) === JSON.stringify(typeof b === 'string' ? b : [...b].sort())

describe('the access table', () => {
  it('has a row for every action, and none for an action that is gone', () => {
    expect(ACTIONS.map((entry) => entry.target).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(ACTIONS.map((entry) => [entry.target, entry.spec.audience] as const))('%s is open to exactly its row', (target, audience) => {
    expect(sameAudience(audience, EXPECTED[target])).toBe(true)
  })
})

/** One caller per role: a resident, each staff role, the district, and a caller without WeChat identity. */
const ROLE_CALLERS: { openid: string | null; roles: Role[] }[] = [
  { openid: 'demo-resident', roles: ['resident'] },
  { openid: 'demo-cadre', roles: ['resident', 'cadre'] },
  { openid: 'demo-unit-head', roles: ['resident', 'unit_head'] },
  { openid: 'demo-office', roles: ['resident', 'office'] },
  { openid: 'demo-police', roles: ['resident', 'police'] },
  { openid: 'demo-district', roles: ['resident', 'district'] },
  { openid: null, roles: [] },
]

const admits = (audience: Audience, caller: { openid: string | null; roles: Role[] }) =>
  audience === 'public' || (caller.openid !== null && (audience === 'anyone' || caller.roles.some((role) => audience.includes(role))))

/** Another town's users, one per role; their own records live in town-shimen (local/seed/district.ts). */
const OTHER_TOWN: { openid: string; roles: Role[]; villageId?: string; unitId?: string }[] = [
  { openid: 'demo-office-shimen', roles: ['resident', 'office'] },
  { openid: 'shimen-police', roles: ['resident', 'police'] },
  { openid: 'shimen-cadre', roles: ['resident', 'cadre'], villageId: 'v-shimen-sq' },
  { openid: 'shimen-unit-head', roles: ['resident', 'unit_head'], unitId: 'unit-shimen-zonghe' },
  { openid: 'shimen-resident', roles: ['resident'] },
]

/**
 * Actions whose reply may show another town's records, and why. Everything
 * else must neither answer with this town's data nor change it.
 */
const ACROSS_TOWNS: Record<string, string> = {
  'articles.list': 'articles are public: anyone may read a published one, from any town, as from a shared link',
  'articles.get': 'the same: a published article opened from a share link or a poster',
  'articles.learn': 'marking a published article learnt is the reader’s own record',
  'articles.shareCode': 'sharing a published article makes a share code of the sharer',
  'articles.share': 'counting one’s own share of a published article',
}

let h: Harness
let fixtures: Fixtures
let watch: DatabaseWatch
let requests = 0
beforeAll(async () => {
  h = await startFunctionHarness()
  fixtures = await prepareFixtures(h, () => `matrix-${(requests += 1)}`)
  for (const user of OTHER_TOWN.filter((entry) => entry.openid !== 'demo-office-shimen')) {
    await addStaff(h, { openid: user.openid, name: user.openid, roles: user.roles, townId: 'town-shimen', villageId: user.villageId ?? null, unitId: user.unitId ?? null })
  }
  watch = new DatabaseWatch(h.local.dataDir)
}, 120_000)
afterAll(async () => {
  watch?.close()
  await h?.stop()
})

function eventFor(entry: (typeof ACTIONS)[number]) {
  const schema = entry.spec.input ? asNode(entry.spec.input) : undefined
  const { payload } = baselineFor(schema, hintsFor(entry.target, fixtures))
  return { action: entry.action, payload, requestId: entry.spec.write ? `matrix-${(requests += 1)}` : undefined }
}

describe('every role on every action', () => {
  it.each(ACTIONS.map((entry) => [entry.target, entry] as const))('%s refuses whoever its row leaves out', async (_target, entry) => {
    for (const caller of ROLE_CALLERS.filter((candidate) => !admits(EXPECTED[entry.target], candidate))) {
      const reply = await h.call(entry.fn.name, entry.fn.main, caller.openid, eventFor(entry))
      expect({ caller: caller.openid, reply }).toMatchObject({ caller: caller.openid, reply: { ok: false, error: { code: caller.openid ? 'FORBIDDEN' : 'UNAUTHENTICATED' } } })
    }
  })
})

/** What marks this town's data in a reply: its id and name, its villages' ids and names, the fixture records. */
function thisTownMarks(): string[] {
  return [DEMO_TOWN._id, DEMO_TOWN.name, ...DEMO_VILLAGES.flatMap((village) => [village._id, village.name]), fixtures.householdId, fixtures.visitId].filter((mark): mark is string => Boolean(mark))
}

/** Documents of this town (by townId, village, or being one of its villages) the call added, changed or removed. */
function thisTownChanges(): string[] {
  const villages = new Set(DEMO_VILLAGES.map((village) => village._id))
  const ofThisTown = (text: string | undefined, id: string) => {
    if (!text) return false
    const doc = JSON.parse(text) as { townId?: unknown; villageId?: unknown }
    return doc.townId === DEMO_TOWN._id || id === DEMO_TOWN._id || (typeof doc.villageId === 'string' && villages.has(doc.villageId))
  }
  return watch
    .changes()
    .rows.filter((change) => ofThisTown(change.before, change.id) || ofThisTown(change.after, change.id))
    .map((change) => `${change.collection}/${change.id} ${change.change} (${change.fields.join(', ')})`)
}

describe('another town’s users with this town’s records', () => {
  const crossing = ACTIONS.filter((entry) => !ACROSS_TOWNS[entry.target])
  it.each(crossing.map((entry) => [entry.target, entry] as const))('%s neither shows nor changes this town’s data', async (_target, entry) => {
    const marks = thisTownMarks()
    for (const caller of OTHER_TOWN.filter((candidate) => admits(EXPECTED[entry.target], candidate))) {
      watch.mark()
      const reply = await h.call(entry.fn.name, entry.fn.main, caller.openid, eventFor(entry))
      const shown = reply.ok ? marks.filter((mark) => JSON.stringify(reply.data).includes(mark)) : []
      expect({ caller: caller.openid, shown, changed: thisTownChanges() }).toEqual({ caller: caller.openid, shown: [], changed: [] })
    }
  })

  it('leaves the other town’s own users where they are', async () => {
    const { data } = await h.db.collection('users').doc(userIdFor('shimen-cadre')).get()
    expect(data[0]).toMatchObject({ townId: 'town-shimen', villageId: 'v-shimen-sq' })
  })
})
