// Database calls per action: every action of every function (read from their
// action tables, so a new action shows up here by itself), called in its common
// case by a demo user of its audience against the demo town with its campaign
// under way, counted by the local CloudBase's recorder (tcb-server `usage()`,
// the one the function tests use). On CloudBase each call is a billed
// operation and a network round trip. Counts, not times: they do not depend on
// the machine.  npx tsx bench/action-cost.bench.ts [--detail]
import fs from 'fs'
import path from 'path'
import { clearCache } from '../cloudfunctions/_lib/cache'
import type { CloudFunctionMain } from '../cloudfunctions/_lib/function'
import { userIdFor } from '../cloudfunctions/_lib/repos/users'
import { formatInviteCode, type InviteView } from '../domain/account'
import type { TownSetup } from '../domain/admin'
import type { ArticleDraft } from '../domain/articles'
import { addDays, shanghaiDay } from '../domain/dates'
import type { Reply } from '../domain/errors'
import { RETENTION_DEFAULTS, type MyDataRequest } from '../domain/privacy'
import type { VisitDetail } from '../domain/visits'
import { placeIdFor } from '../cloudfunctions/_lib/repos/activities'
import { placeNameKey, type ActivityDetail } from '../domain/activities'
import { activityInput, uploadActivityPhoto } from '../tests/support/activities'
import { invoke } from '../local/runtime/invoke'
import { seedDemoActivity } from '../local/seed/seed'
import { DEMO_USERS } from '../local/seed/demo-town'
import { DISTRICT_DEMO_USERS } from '../local/seed/district'
import { articleInput } from '../tests/support/articles'
import { uploadRoster } from '../tests/support/files'
import { startFunctionHarness, type Harness } from '../tests/support/functions'
import { JPEG_A } from '../tests/support/tip-images'
import { uploadSignature, visitInput } from '../tests/support/visits'

const FUNCTIONS_DIR = path.join(__dirname, '..', 'cloudfunctions')
const DETAIL = process.argv.includes('--detail')
const VILLAGE = 'v-xinhua' // demo-cadre's village

interface Fn {
  name: string
  main: CloudFunctionMain
  /** Timer triggers in its config.json. */
  timers: string[]
}

/** Every function folder with an index.ts; `_lib` is not a function. */
async function loadFunctions(): Promise<Fn[]> {
  const names = fs
    .readdirSync(FUNCTIONS_DIR)
    .filter((name) => !name.startsWith('_') && fs.existsSync(path.join(FUNCTIONS_DIR, name, 'index.ts')))
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const { main } = (await import(path.join(FUNCTIONS_DIR, name, 'index.ts'))) as { main: CloudFunctionMain }
      const configFile = path.join(FUNCTIONS_DIR, name, 'config.json')
      const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as { triggers?: { name: string; type: string }[] }) : {}
      return { name, main, timers: (config.triggers ?? []).filter((trigger) => trigger.type === 'timer').map((trigger) => trigger.name) }
    }),
  )
}

// ------------------------------------------------------------------ scenarios

interface Setup {
  h: Harness
  /** The requestId the measured call will carry (file paths derive from it). */
  requestId: string
}

interface Scenario {
  /** Shown after the action's name when an action has several. */
  variant?: string
  /**
   * A demo user's openid, or null for a caller without a WeChat identity (an
   * article opened from Moments, in single-page mode): the runtime sends no
   * openid and only a public action admits it.
   */
  caller: string | null
  what: string
  /** Prepares what the call needs (not counted) and returns its payload. */
  payload(setup: Setup): Promise<unknown>
}

let serial = 0
const next = () => (serial += 1)
const today = shanghaiDay()

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`setup failed: ${JSON.stringify(reply.error)}`)
  return reply.data
}

const fnMain = new Map<string, CloudFunctionMain>()

/**
 * As the runtime calls a function. Not `Harness.call`: its personal-data scan
 * of each reply is a test's concern, and on a 1,000-household register page
 * it holds the event loop for seconds.
 */
async function call<T>(fn: string, openid: string | null, event: unknown): Promise<Reply<T>> {
  return (await invoke(fn, fnMain.get(fn) as CloudFunctionMain, event, { openid })) as Reply<T>
}

const write = <T>(h: Harness, fn: string, openid: string, action: string, payload: unknown) => call<T>(fn, openid, { action, payload, requestId: h.newRequestId() })

/** A registered household of the village no visit has covered yet (the roster's, as most are). */
async function unvisitedHousehold(h: Harness): Promise<string> {
  const { data: rows } = await h.db.collection('households').where({ villageId: VILLAGE, source: 'import' }).orderBy('addressKey', 'desc').skip(next()).limit(1).get()
  const household = rows[0] as { _id: string; coveredOn?: Record<string, string> } | undefined
  if (!household || Object.keys(household.coveredOn ?? {}).length > 0) return unvisitedHousehold(h)
  return household._id
}

async function signedVisit(h: Harness, requestId: string, target: { householdId: string } | { newHousehold: { group: number; door: string; headName: string; phone: string } }) {
  const fileID = await uploadSignature(h, 'demo-cadre', VILLAGE, requestId)
  return visitInput({ villageId: VILLAGE, ...target, signature: { kind: 'signed', fileID } })
}

/** A visit demo-cadre logged a moment ago (through the function, not counted). */
async function loggedVisit(h: Harness): Promise<VisitDetail> {
  const requestId = h.newRequestId()
  const payload = await signedVisit(h, requestId, { householdId: await unvisitedHousehold(h) })
  return data(await call<VisitDetail>('visits', 'demo-cadre', { action: 'create', payload, requestId }))
}

async function freshInvite(h: Harness): Promise<InviteView> {
  return data(await write<InviteView>(h, 'account', 'demo-office', 'createInvite', { role: 'cadre', villageId: 'v-shiliang' }))
}

function placesCsv(rows: number): string {
  const batch = next()
  return ['场所类型,场所名称,地址', ...Array.from({ length: rows }, (_, i) => `小区/楼栋,批次${batch}小区${i + 1}栋,`)].join('\r\n')
}

function rosterCsv(rows: number): string {
  const group = 40 + next()
  return ['组,门牌号,户主姓名,联系电话', ...Array.from({ length: rows }, (_, i) => `${group},${i + 1}号,户主${i},138${String(i).padStart(8, '0')}`)].join('\r\n')
}

const lastWeek = () => ({ from: addDays(today, -6), to: today })

const MARKET = placeIdFor(VILLAGE, placeNameKey('market', '新华集贸市场'))

/** A banner at 新华集贸市场 with its photo uploaded, as the queue sends it. */
async function bannerInput(h: Harness, requestId: string, placeId = MARKET) {
  const photo = await uploadActivityPhoto(h, { openid: 'demo-cadre', villageId: VILLAGE, requestId })
  return activityInput({ villageId: VILLAGE, kind: 'banner', placeId, reached: 2, venue: '', photoFileIDs: [photo] })
}

/** An activity demo-cadre logged a moment ago (through the function, not counted). */
async function loggedActivity(h: Harness): Promise<ActivityDetail> {
  const requestId = h.newRequestId()
  return data(await call<ActivityDetail>('activities', 'demo-cadre', { action: 'create', payload: await bannerInput(h, requestId), requestId }))
}

/** No quiet hours, and nobody reminded yet today: the common case of 立即提醒 at any hour the bench runs. */
async function remindersAllowedNow(h: Harness): Promise<void> {
  await h.db.collection('towns').doc('town-jiasi').update({ reminderSettings: h.db.command.set({ scheduled: true, quietHours: null, includeCadres: false }) })
  await h.db.collection('reminders').where({ day: today }).remove()
}

/** Timers whose common case needs more than the bare event (maintenance: nothing to purge). */
const TIMER_SCENARIOS: Record<string, { what: string; event(h: Harness): Promise<Record<string, unknown>> }> = {
  'reminders.weekdays': {
    what: 'both demo towns at 09:00: the heads of lagging units (3, 1 with a grant)',
    event: async (h) => {
      await remindersAllowedNow(h)
      return { Time: new Date(`${today}T09:00:00+08:00`).toISOString() }
    },
  },
}

function tipPayload(extra: Record<string, unknown> = {}) {
  return {
    transfer: 'none',
    kind: 'service',
    story: '自称客服说我的快递丢了要理赔，让我下载会议软件共享屏幕。',
    happenedOn: today,
    identifiers: [{ kind: 'phone', value: '17012345678' }],
    contact: { mode: 'anonymous' },
    ...extra,
  }
}

/** A resident of their own, signed in a moment ago (per-person limits stay out of the way). */
async function freshResident(h: Harness, kind: string): Promise<string> {
  const openid = `bench-${kind}-${next()}`
  data(await write(h, 'account', openid, 'signIn', {}))
  // The demo has more than one town: a newcomer is put in the demo resident's.
  await h.db.collection('users').doc(userIdFor(openid)).update({ townId: 'town-jiasi' })
  return openid
}

/** A tip sent a moment ago by a tipster of its own (the per-person limits stay out of the way), with its images if asked. */
async function freshTip(h: Harness, options: { evidenceCount?: number; images?: number; named?: boolean } = {}): Promise<{ id: string; receipt: string }> {
  const openid = await freshResident(h, 'tipster')
  if (options.named) data(await write(h, 'account', openid, 'grantMessages', { templates: ['tipStatus'] }))
  const contact = options.named ? { mode: 'named', name: '王秀英', phone: '13912345678' } : { mode: 'anonymous' }
  const sent = data(await write<{ receipt: string; reference: string }>(h, 'tips', openid, 'submit', tipPayload({ evidenceCount: options.evidenceCount ?? 0, contact })))
  for (let index = 0; index < (options.images ?? 0); index += 1) data(await write(h, 'tips', openid, 'addEvidence', { receipt: sent.receipt, index, image: JPEG_A }))
  const { data: rows } = await h.db.collection('tips').where({ reference: sent.reference }).get()
  return { id: String(rows[0]._id), receipt: sent.receipt }
}

async function grantPolice(h: Harness): Promise<void> {
  data(await write(h, 'account', 'demo-police', 'grantMessages', { templates: ['tipUrgent'] }))
}

/** `value` changed and, on the next call, changed back: each measured edit is a real change, and the demo ends as it began. */
const flip = <T>(current: T, original: T, changed: T): T => (current === original ? changed : original)

/** A village or unit office added a moment ago (through the function), for the removals to take away. */
async function addedPlace(h: Harness, kind: 'village' | 'unit'): Promise<string> {
  const name = `临时${kind === 'village' ? '村' : '单位'}${next()}`
  const payload =
    kind === 'village'
      ? { name, kind: 'village', groups: [1, 2], registeredHouseholds: 0, policeOfficer: null, unitId: null, order: 90 }
      : { name, headName: '', order: 90 }
  const setup = data(await write<TownSetup>(h, 'admin', 'demo-office', kind === 'village' ? 'saveVillage' : 'saveUnit', payload))
  const added = (kind === 'village' ? setup.villages : setup.units).find((place) => place.name === name)
  if (!added) throw new Error(`setup failed: ${name} not added`)
  return added.id
}

/** An article demo-office published a moment ago (a 诈骗手法预警 with three key points, text only). */
async function freshArticle(h: Harness): Promise<string> {
  const draft = data(await write<ArticleDraft>(h, 'articles', 'demo-office', 'save', articleInput({ title: `防骗预警${next()}` })))
  data(await write(h, 'articles', 'demo-office', 'publish', { articleId: draft.id, publishAt: '', notify: false }))
  return draft.id
}

/** demo-resident holds a 防骗预警 grant (one subscriber an alert reaches). */
async function residentSubscribed(h: Harness): Promise<void> {
  data(await write(h, 'account', 'demo-resident', 'grantMessages', { templates: ['articleAlert'] }))
}

/** A household of the village with a visit of the campaign (the demo's), and the name and phone its requester gives. */
async function visitedHousehold(h: Harness): Promise<{ id: string; headName: string; phone: string }> {
  const { data: visits } = await h.db.collection('visits').where({ villageId: VILLAGE, status: 'active' }).skip(next()).limit(1).get()
  const { data: rows } = await h.db.collection('households').doc(String(visits[0].householdId)).get()
  const household = rows[0] as { _id: string; headName: string; phone?: string }
  return { id: household._id, headName: household.headName || '王大爷', phone: household.phone || '13812341234' }
}

/** A resident of their own asked a moment ago to see (or erase) what is held about their household. */
async function freshDataRequest(h: Harness, kind: 'see' | 'erase', household: { headName: string; phone: string }): Promise<string> {
  const openid = await freshResident(h, 'requester')
  const payload = { subject: 'household', kind, villageId: VILLAGE, name: household.headName, phone: household.phone, door: '', note: '' }
  return data(await write<MyDataRequest>(h, 'privacy', openid, 'submitRequest', payload)).id
}

const SCENARIOS: Record<string, Scenario[]> = {
  'activities.context': [{ caller: 'demo-cadre', what: 'the form', payload: async () => ({}) }],
  'activities.create': [
    { caller: 'demo-cadre', what: 'a banner at a listed market, one photo', payload: async ({ h, requestId }) => bannerInput(h, requestId) },
    {
      variant: 'new place',
      caller: 'demo-cadre',
      what: 'a poster at a place added on the spot, one photo',
      payload: async ({ h, requestId }) => {
        const photo = await uploadActivityPhoto(h, { openid: 'demo-cadre', villageId: VILLAGE, requestId })
        return activityInput({ villageId: VILLAGE, kind: 'poster', newPlace: { kind: 'residential', name: `安置小区${next()}栋`, address: '' }, reached: 4, venue: '', photoFileIDs: [photo] })
      },
    },
    { variant: 'talk', caller: 'demo-cadre', what: 'a 院坝会, no place, no photo', payload: async () => activityInput({ villageId: VILLAGE }) },
  ],
  'activities.correct': [
    {
      caller: 'demo-cadre',
      what: "own banner's count fixed",
      payload: async ({ h }) => {
        const activity = await loggedActivity(h)
        return { activityId: activity.id, kind: activity.kind, heldOn: activity.heldOn, reached: 3, venue: '', note: '', reason: '数错了' }
      },
    },
  ],
  'activities.void': [{ caller: 'demo-cadre', what: 'own banner', payload: async ({ h }) => ({ activityId: (await loggedActivity(h)).id, reason: '重复登记' }) }],
  'activities.list': [
    { caller: 'demo-cadre', what: 'own records', payload: async () => ({}) },
    { variant: 'village', caller: 'demo-unit-head', what: "a village's records", payload: async () => ({ scope: 'village', villageId: VILLAGE }) },
  ],
  'activities.get': [{ caller: 'demo-cadre', what: 'own record with its photo', payload: async ({ h }) => ({ activityId: (await loggedActivity(h)).id }) }],
  'activities.places': [{ caller: 'demo-cadre', what: "the village's places", payload: async () => ({ villageId: VILLAGE }) }],
  'activities.addPlace': [{ caller: 'demo-cadre', what: 'a new 网吧', payload: async () => ({ villageId: VILLAGE, kind: 'netcafe', name: `网吧${next()}`, address: '' }) }],
  'activities.previewPlaceImport': [
    { caller: 'demo-cadre', what: 'a 40-row list', payload: async ({ h }) => ({ villageId: VILLAGE, fileID: await uploadRoster(h, { openid: 'demo-cadre', villageId: VILLAGE }, 'csv', placesCsv(40)) }) },
  ],
  'activities.commitPlaceImport': [
    { caller: 'demo-cadre', what: 'a 40-row list', payload: async ({ h }) => ({ villageId: VILLAGE, fileID: await uploadRoster(h, { openid: 'demo-cadre', villageId: VILLAGE }, 'csv', placesCsv(40)) }) },
  ],
  'activities.exportArchive': [{ caller: 'demo-police', what: "the village's last 30 days, photos embedded", payload: async () => ({ villageId: VILLAGE, from: addDays(today, -29), to: today }) }],
  'account.signIn': [{ caller: 'demo-resident', what: 'a returning user opens the app', payload: async () => ({}) }],
  'account.me': [{ caller: 'demo-resident', what: 'own profile', payload: async () => ({}) }],
  'account.updateProfile': [{ caller: 'demo-resident', what: 'new name', payload: async () => ({ name: `张阿姨${next()}` }) }],
  'account.setHomeVillage': [{ caller: 'demo-resident', what: '所在村 picked (asked at the first share)', payload: async () => ({ villageId: VILLAGE }) }],
  'account.townVillages': [{ caller: 'demo-resident', what: "the town's villages to pick from", payload: async () => ({}) }],
  'account.redeemInvite': [
    {
      caller: 'wx-newcomer',
      what: 'a signed-in newcomer redeems a cadre invite',
      payload: async ({ h }) => {
        const invite = await freshInvite(h)
        await h.db.collection('users').doc(userIdFor('wx-newcomer')).remove()
        data(await write(h, 'account', 'wx-newcomer', 'signIn', {}))
        return { code: formatInviteCode(invite.code) }
      },
    },
  ],
  'account.createInvite': [{ caller: 'demo-office', what: 'a cadre invite for a village', payload: async () => ({ role: 'cadre', villageId: VILLAGE }) }],
  'account.listInvites': [{ caller: 'demo-office', what: "the town's invites", payload: async () => ({}) }],
  'account.revokeInvite': [{ caller: 'demo-office', what: 'an unused invite', payload: async ({ h }) => ({ code: (await freshInvite(h)).code }) }],
  'account.messageSettings': [{ caller: 'demo-resident', what: 'own 订阅 grants left', payload: async () => ({}) }],
  'account.grantMessages': [{ caller: 'demo-resident', what: '订阅 tapped: 防骗预警 accepted', payload: async () => ({ templates: ['articleAlert'] }) }],
  'account.directory': [{ caller: 'demo-cadre', what: 'villages one works with', payload: async () => ({}) }],
  'account.inbox': [{ caller: 'demo-unit-head', what: 'own 消息, first page', payload: async () => ({}) }],
  'account.readInbox': [
    {
      caller: 'demo-unit-head',
      what: 'the messages just shown marked read',
      payload: async ({ h }) => {
        const { data: items } = await h.db.collection('inbox').where({ userId: userIdFor('demo-unit-head') }).limit(20).get()
        await h.db.collection('inbox').where({ userId: userIdFor('demo-unit-head') }).update({ readAt: null })
        return { ids: items.map((item) => item._id as string) }
      },
    },
  ],

  'admin.town': [{ caller: 'demo-office', what: '镇级管理: villages, units, campaigns, hotlines', payload: async () => ({}) }],
  'admin.saveTown': [
    {
      caller: 'demo-office',
      what: "the town's name, region and hotlines saved",
      payload: async ({ h }) => {
        const { data: rows } = await h.db.collection('towns').doc('town-jiasi').get()
        const { name, region, hotlines } = rows[0] as { name: string; region: string; hotlines: unknown[] }
        return { name, region, hotlines }
      },
    },
  ],
  'admin.saveVillage': [
    {
      caller: 'demo-office',
      what: "a village's 实有户数 corrected",
      payload: async ({ h }) => {
        const { data: rows } = await h.db.collection('villages').doc('v-yongxing').get()
        const { _id, townId: _townId, groups, registeredHouseholds, ...fields } = rows[0] as { _id: string; townId: string; groups?: number[]; registeredHouseholds: number }
        return { villageId: _id, ...fields, groups: groups ?? [], registeredHouseholds: flip(registeredHouseholds, 330, 331) }
      },
    },
  ],
  'admin.removeVillage': [{ caller: 'demo-office', what: 'a village added by mistake, nothing recorded in it', payload: async ({ h }) => ({ villageId: await addedPlace(h, 'village') }) }],
  'admin.saveUnit': [
    {
      caller: 'demo-office',
      what: "a unit's 负责人 renamed",
      payload: async ({ h }) => {
        const { data: rows } = await h.db.collection('units').doc('unit-caizheng').get()
        const { name, headName, order } = rows[0] as { name: string; headName: string; order: number }
        return { unitId: 'unit-caizheng', name, headName: flip(headName, '冯军', '冯军（代）'), order }
      },
    },
  ],
  'admin.removeUnit': [{ caller: 'demo-office', what: 'a unit added by mistake, no villages or heads', payload: async ({ h }) => ({ unitId: await addedPlace(h, 'unit') }) }],
  'admin.saveCampaign': [
    {
      caller: 'demo-office',
      what: "the current campaign's first milestone changed",
      payload: async ({ h }) => {
        const id = `campaign-${today.slice(0, 4)}`
        const { data: rows } = await h.db.collection('campaigns').doc(id).get()
        const { name, startDay, milestones } = rows[0] as { name: string; startDay: string; milestones: { day: string; targetPercent: number }[] }
        const [first, ...rest] = milestones
        return { campaignId: id, name, startDay, milestones: [{ ...first, targetPercent: flip(first.targetPercent, 20, 25) }, ...rest] }
      },
    },
  ],
  'admin.users': [{ caller: 'demo-office', what: "the town's staff, first page", payload: async () => ({}) }],
  'admin.setRoles': [
    {
      caller: 'demo-office',
      what: 'a cadre who left: role removed',
      payload: async ({ h }) => {
        const openid = `bench-cadre-${next()}`
        const invite = await freshInvite(h)
        data(await write(h, 'account', openid, 'signIn', {}))
        data(await write(h, 'account', openid, 'redeemInvite', { code: formatInviteCode(invite.code) }))
        return { userId: userIdFor(openid), roles: [], villageId: null, reason: '已调离' }
      },
    },
  ],
  'admin.auditLog': [{ caller: 'demo-office', what: "the town's records, first page", payload: async () => ({}) }],

  'articles.list': [{ caller: 'demo-resident', what: '学习: pinned alerts and the first page', payload: async () => ({}) }],
  'articles.get': [
    { caller: 'demo-resident', what: 'an article opened for the first time (read recorded)', payload: async ({ h }) => ({ articleId: await freshArticle(h) }) },
    {
      variant: 'no identity',
      caller: null,
      what: "opened from a Moments share going round (single-page mode): counted for the sharer's village",
      payload: async ({ h }) => {
        const articleId = await freshArticle(h)
        const { code } = data(await write<{ code: string }>(h, 'articles', 'demo-resident', 'shareCode', { articleId }))
        // Not the first open of the minute: the article's rate limit has its counter for this minute already.
        data(await call('articles', null, { action: 'get', payload: { articleId, code, seen: true } }))
        return { articleId, code }
      },
    },
  ],
  'articles.learn': [
    {
      caller: 'demo-resident',
      what: '我已学习 under an article just read',
      payload: async ({ h }) => {
        const articleId = await freshArticle(h)
        data(await call('articles', 'demo-resident', { action: 'get', payload: { articleId } }))
        return { articleId }
      },
    },
  ],
  'articles.learning': [{ caller: 'demo-resident', what: '学习记录, first page', payload: async () => ({}) }],
  'articles.shareCode': [{ caller: 'demo-resident', what: "own code for an article, made on the page's first ask", payload: async ({ h }) => ({ articleId: await freshArticle(h) }) }],
  'articles.share': [
    {
      caller: 'demo-resident',
      what: 'a share to a chat (code made as the page opened)',
      payload: async ({ h }) => {
        const articleId = await freshArticle(h)
        data(await write(h, 'articles', 'demo-resident', 'shareCode', { articleId }))
        return { articleId, channel: 'chat' }
      },
    },
  ],
  'articles.poster': [{ caller: 'demo-cadre', what: "own village's first poster of an article (code image made)", payload: async ({ h }) => ({ articleId: await freshArticle(h), villageId: VILLAGE }) }],
  'articles.reach': [{ caller: 'demo-unit-head', what: "宣传成效 of the unit's villages, all articles", payload: async () => ({}) }],
  'articles.manageList': [{ caller: 'demo-office', what: '文章发布, first page', payload: async () => ({}) }],
  'articles.draft': [
    {
      caller: 'demo-office',
      what: 'a draft opened for editing',
      payload: async ({ h }) => ({ articleId: data(await write<ArticleDraft>(h, 'articles', 'demo-office', 'save', articleInput())).id }),
    },
  ],
  'articles.save': [{ caller: 'demo-office', what: 'a new text-only draft', payload: async () => articleInput({ title: `防骗预警${next()}` }) }],
  'articles.publish': [
    {
      caller: 'demo-office',
      what: 'a draft published now',
      payload: async ({ h }) => ({ articleId: data(await write<ArticleDraft>(h, 'articles', 'demo-office', 'save', articleInput())).id, publishAt: '', notify: false }),
    },
    {
      variant: 'alert',
      caller: 'demo-office',
      what: 'a 诈骗手法预警 published now, subscribers notified (1 with a grant)',
      payload: async ({ h }) => {
        await residentSubscribed(h)
        return { articleId: data(await write<ArticleDraft>(h, 'articles', 'demo-office', 'save', articleInput())).id, publishAt: '', notify: true }
      },
    },
  ],
  'articles.withdraw': [{ caller: 'demo-office', what: 'a published article', payload: async ({ h }) => ({ articleId: await freshArticle(h), reason: '内容有误，修改后重发' }) }],
  'articles.pin': [{ caller: 'demo-office', what: 'a published alert pinned', payload: async ({ h }) => ({ articleId: await freshArticle(h), pinned: true }) }],
  'articles.notify': [
    {
      caller: 'demo-office',
      what: '通知订阅者 of an alert published without it (1 with a grant)',
      payload: async ({ h }) => {
        await residentSubscribed(h)
        return { articleId: await freshArticle(h) }
      },
    },
  ],

  'households.register': [{ caller: 'demo-cadre', what: 'first page of the register', payload: async () => ({ villageId: VILLAGE }) }],
  'households.create': [
    { caller: 'demo-cadre', what: 'a new door', payload: async () => ({ villageId: VILLAGE, group: 30, door: `${next()}号`, headName: '王大爷', phone: '13812341234' }) },
  ],
  'households.previewImport': [
    {
      caller: 'demo-cadre',
      what: '300-row .csv roster of new doors',
      payload: async ({ h }) => ({ villageId: VILLAGE, fileID: await uploadRoster(h, { openid: 'demo-cadre', villageId: VILLAGE }, 'csv', rosterCsv(300)) }),
    },
  ],
  'households.commitImport': [
    {
      caller: 'demo-cadre',
      what: '300-row .csv roster of new doors',
      payload: async ({ h }) => ({ villageId: VILLAGE, fileID: await uploadRoster(h, { openid: 'demo-cadre', villageId: VILLAGE }, 'csv', rosterCsv(300)) }),
    },
  ],

  'privacy.notice': [{ caller: 'demo-resident', what: "the notice with the town's periods", payload: async () => ({}) }],
  'privacy.submitRequest': [
    {
      caller: 'demo-resident',
      what: "a request to see what is held about one's household",
      payload: async () => ({ subject: 'household', kind: 'see', villageId: VILLAGE, name: '张阿姨', phone: '13912345678', door: '3组12号', note: '' }),
    },
  ],
  'privacy.myRequests': [{ caller: 'demo-resident', what: 'own requests (2 waiting)', payload: async () => ({}) }],
  'privacy.requests': [{ caller: 'demo-office', what: 'requests waiting, first page', payload: async () => ({ status: 'pending' }) }],
  'privacy.request': [
    { caller: 'demo-office', what: 'a household request with its candidate households', payload: async ({ h }) => ({ dataRequestId: await freshDataRequest(h, 'see', await visitedHousehold(h)) }) },
  ],
  'privacy.handleRequest': [
    {
      caller: 'demo-office',
      what: 'a see request answered: copy of a household and its visit',
      payload: async ({ h }) => {
        const household = await visitedHousehold(h)
        return { dataRequestId: await freshDataRequest(h, 'see', household), decision: 'answer', householdIds: [household.id], reply: '已电话核实' }
      },
    },
    {
      variant: 'erase',
      caller: 'demo-office',
      what: "an erase request: a household and its signed visit (logged for it) erased",
      payload: async ({ h }) => {
        const requestId = h.newRequestId()
        const household = { headName: '赵大姐', phone: '13900001111' }
        const visitPayload = await signedVisit(h, requestId, { newHousehold: { group: 32, door: `${next()}号`, ...household } })
        const visit = data(await call<VisitDetail>('visits', 'demo-cadre', { action: 'create', payload: visitPayload, requestId }))
        return { dataRequestId: await freshDataRequest(h, 'erase', household), decision: 'erase', householdIds: [visit.householdId], reply: '已删除' }
      },
    },
  ],
  'privacy.retention': [{ caller: 'demo-office', what: 'the periods and the last purge', payload: async () => ({}) }],
  'privacy.saveRetention': [{ caller: 'demo-office', what: 'the periods saved (the defaults)', payload: async () => RETENTION_DEFAULTS }],

  'progress.dashboard': [
    { caller: 'demo-office', what: 'the town', payload: async () => ({}) },
    { variant: 'unit', caller: 'demo-unit-head', what: "the unit's villages", payload: async () => ({}) },
    { variant: 'village', caller: 'demo-cadre', what: 'own village', payload: async () => ({}) },
  ],
  'progress.bulletin': [{ caller: 'demo-office', what: 'the last 7 days', payload: async () => lastWeek() }],
  'progress.bulletinExport': [{ caller: 'demo-office', what: 'the last 7 days, .xlsx', payload: async () => lastWeek() }],
  'progress.exportArchive': [{ caller: 'demo-police', what: "a village's last 7 days", payload: async () => ({ villageId: VILLAGE, ...lastWeek() }) }],
  'progress.district': [{ caller: 'demo-district', what: "each town's progress and the district's totals", payload: async () => ({}) }],
  'progress.recount': [{ caller: 'demo-office', what: 'one village', payload: async () => ({ villageId: VILLAGE }) }],

  'reminders.preview': [{ caller: 'demo-office', what: 'every lagging unit of the town', payload: async () => ({}) }],
  'reminders.send': [
    {
      caller: 'demo-office',
      what: "立即提醒 of one unit whose head has not been reminded today",
      payload: async ({ h }) => {
        await remindersAllowedNow(h)
        return { unitId: 'unit-dangqun' }
      },
    },
  ],
  'reminders.attempts': [{ caller: 'demo-office', what: 'the record, first page', payload: async () => ({}) }],
  'reminders.settings': [{ caller: 'demo-office', what: "the town's and the campaign's", payload: async () => ({}) }],
  'reminders.updateSettings': [
    {
      caller: 'demo-office',
      what: 'quiet hours changed',
      payload: async () => ({ scheduled: true, quietHoursOn: true, quietFrom: '22:00', quietTo: '07:00', includeCadres: false, leadDays: 7 }),
    },
  ],

  'tips.form': [{ caller: 'demo-resident', what: "the form's villages", payload: async () => ({}) }],
  'tips.submit': [
    { caller: 'demo-resident', what: 'an anonymous tip, 2 images to follow', payload: async () => tipPayload({ evidenceCount: 2 }) },
    { variant: 'urgent', caller: 'demo-resident', what: 'money gone within the day: police alerted (1 with a grant)', payload: async ({ h }) => (await grantPolice(h), tipPayload({ transfer: 'recent', amountLost: 3000 })) },
  ],
  'tips.addEvidence': [{ caller: 'demo-resident', what: 'one compressed image of a tip just sent', payload: async ({ h }) => ({ receipt: (await freshTip(h, { evidenceCount: 1 })).receipt, index: 0, image: JPEG_A }) }],
  'tips.mine': [{ caller: 'demo-resident', what: '我的举报: own named tips and 3 receipts', payload: async ({ h }) => ({ receipts: await Promise.all([1, 2, 3].map(async () => (await freshTip(h)).receipt)) }) }],
  'tips.queue': [{ caller: 'demo-police', what: 'new tips, urgent first, first page', payload: async () => ({ status: 'submitted' }) }],
  'tips.get': [{ caller: 'demo-police', what: "a tip's detail", payload: async ({ h }) => ({ tipId: (await freshTip(h)).id }) }],
  'tips.reveal': [{ caller: 'demo-police', what: "a tip's 2 evidence images (audited)", payload: async ({ h }) => ({ tipId: (await freshTip(h, { evidenceCount: 2, images: 2 })).id, what: 'evidence' }) }],
  'tips.update': [{ caller: 'demo-police', what: '已受理 with a note to a named tipster (with a grant)', payload: async ({ h }) => ({ tipId: (await freshTip(h, { named: true })).id, status: 'accepted', note: '已受理，正在核查' }) }],
  'tips.reward': [
    {
      caller: 'demo-police',
      what: '拟奖励 for an accepted named tip',
      payload: async ({ h }) => {
        const { id } = await freshTip(h, { named: true })
        data(await write(h, 'tips', 'demo-police', 'update', { tipId: id, status: 'accepted', note: '' }))
        return { tipId: id, state: 'proposed', amount: 200 }
      },
    },
  ],
  'tips.export': [{ caller: 'demo-police', what: "the last 30 days' tips, .xlsx", payload: async () => ({ from: addDays(today, -29), to: today }) }],
  'tips.stats': [{ caller: 'demo-office', what: 'counts of the last 4 weeks', payload: async () => ({ from: addDays(today, -27), to: today }) }],

  'visits.context': [{ caller: 'demo-cadre', what: 'the form', payload: async () => ({}) }],
  'visits.create': [
    {
      caller: 'demo-cadre',
      what: 'registered household, signed (signature uploaded)',
      payload: async ({ h, requestId }) => signedVisit(h, requestId, { householdId: await unvisitedHousehold(h) }),
    },
    {
      variant: 'new door',
      caller: 'demo-cadre',
      what: 'a door registered on the spot, signed',
      payload: async ({ h, requestId }) => signedVisit(h, requestId, { newHousehold: { group: 31, door: `${next()}号`, headName: '赵婆婆', phone: '' } }),
    },
    {
      variant: "village's first",
      caller: 'demo-cadre',
      what: 'the first visit of the village in the campaign, signed',
      payload: async ({ h, requestId }) => {
        await h.db.collection('coverage').where({ villageId: VILLAGE }).remove()
        return signedVisit(h, requestId, { householdId: await unvisitedHousehold(h) })
      },
    },
    {
      variant: 'no anti-fraud work',
      caller: 'demo-cadre',
      what: 'registered household, nothing counted, refused to sign',
      payload: async ({ h }) => visitInput({ villageId: VILLAGE, householdId: await unvisitedHousehold(h), items: [], otherContent: '人口普查' }),
    },
  ],
  'visits.correct': [
    {
      caller: 'demo-cadre',
      what: "own visit's phone fixed",
      payload: async ({ h }) => {
        const visit = await loggedVisit(h)
        const { id, unitName, visitedOn, items, otherContent, residentName } = visit
        return { visitId: id, unitName, coworkers: [], visitedOn, items, otherContent, residentName, phone: '13900001111', phoneDeclinedReason: '', reason: '电话记错了' }
      },
    },
    {
      variant: 're-dated',
      caller: 'demo-cadre',
      what: "own visit's date moved a day back",
      payload: async ({ h }) => {
        const visit = await loggedVisit(h)
        const { id, unitName, items, otherContent, residentName, phone } = visit
        return { visitId: id, unitName, coworkers: [], visitedOn: addDays(visit.visitedOn, -1), items, otherContent, residentName, phone, phoneDeclinedReason: '', reason: '日期填错' }
      },
    },
  ],
  'visits.void': [{ caller: 'demo-cadre', what: 'own visit', payload: async ({ h }) => ({ visitId: (await loggedVisit(h)).id, reason: '重复登记' }) }],
  'visits.list': [
    { caller: 'demo-cadre', what: 'own records', payload: async () => ({}) },
    { variant: 'village', caller: 'demo-unit-head', what: "a village's records, masked", payload: async () => ({ scope: 'village', villageId: VILLAGE }) },
  ],
  'visits.get': [{ caller: 'demo-cadre', what: 'own record', payload: async ({ h }) => ({ visitId: (await loggedVisit(h)).id }) }],
}

// ------------------------------------------------------------------ counting

type Calls = Record<string, number>

const KIND_OF: Record<string, 'read' | 'write' | 'tx'> = {
  'database.getDocument': 'read',
  'database.calculateDocument': 'read',
  'database.aggregateDocuments': 'read',
  'database.insertDocument': 'write',
  'database.modifyDocument': 'write',
  'database.removeDocument': 'write',
  'database.modifyAndReturnDoc': 'write',
  'database.startTransaction': 'tx',
  'database.commitTransaction': 'tx',
  'database.abortTransaction': 'tx',
}

interface Cost {
  read: number
  write: number
  tx: number
  /** Database calls of no kind above (none expected). */
  other: number
  database: number
  storage: number
  calls: Calls
}

function costOf(calls: Calls): Cost {
  const cost: Cost = { read: 0, write: 0, tx: 0, other: 0, database: 0, storage: 0, calls }
  for (const [name, n] of Object.entries(calls)) {
    if (name.startsWith('storage.')) cost.storage += n
    else {
      cost[KIND_OF[name] ?? 'other'] += n
      cost.database += n
    }
  }
  return cost
}

function difference(after: Calls, before: Calls): Calls {
  return Object.fromEntries(Object.entries(after).flatMap(([name, n]) => (n - (before[name] ?? 0) > 0 ? [[name, n - (before[name] ?? 0)]] : [])))
}

async function measure(h: Harness, fn: Fn, event: unknown, openid: string | null): Promise<Cost> {
  const before = h.local.server.usage().calls
  const reply = await call(fn.name, openid, event)
  const spent = difference(h.local.server.usage().calls, before)
  if (!reply.ok) throw new Error(`${fn.name} ${JSON.stringify(event).slice(0, 80)} failed: ${JSON.stringify(reply.error)}`)
  return costOf(spent)
}

interface Row {
  name: string
  caller: string
  what: string
  /** The common case: an instance that served a call in the last half minute (reference data cached). */
  warm: Cost
  /** The first call of an instance, or after REFERENCE_TTL_MS. */
  cold: Cost
  /** The warm call sent again with its requestId (writes only). */
  retry: Cost | null
}

async function run(h: Harness, fn: Fn, action: string, scenario: Scenario): Promise<Row> {
  const write = Boolean(fn.main.actions[action].write)
  const once = async (fresh: boolean) => {
    const requestId = h.newRequestId()
    const payload = await scenario.payload({ h, requestId })
    const event = { action, payload, requestId: write ? requestId : undefined }
    if (fresh) clearCache()
    return { event, cost: await measure(h, fn, event, scenario.caller) }
  }
  const cold = await once(true)
  const warm = await once(false)
  const retry = write ? await measure(h, fn, warm.event, scenario.caller) : null
  const name = `${fn.name}.${action}${scenario.variant ? ` (${scenario.variant})` : ''}`
  return { name, caller: callerLabel(scenario.caller), what: scenario.what, warm: warm.cost, cold: cold.cost, retry }
}

async function runTimer(h: Harness, fn: Fn, trigger: string): Promise<Row> {
  const scenario = TIMER_SCENARIOS[`${fn.name}.${trigger}`]
  const extra = scenario ? await scenario.event(h) : {}
  clearCache()
  const cost = await measure(h, fn, { Type: 'Timer', TriggerName: trigger, ...extra }, null)
  return { name: `${fn.name} (timer ${trigger})`, caller: '(timer)', what: scenario?.what ?? 'nothing to purge', warm: cost, cold: cost, retry: null }
}

function callerLabel(openid: string | null): string {
  const demo = [...DEMO_USERS, ...DISTRICT_DEMO_USERS].find((user) => user.openid === openid)
  return demo ? `${demo.openid} (${demo.role})` : (openid ?? '(no identity)')
}

// ------------------------------------------------------------------ output

const withStorage = (cost: Cost) => `${cost.database}${cost.storage ? ` +${cost.storage}s` : ''}`

function table(rows: Row[]): string {
  const head = ['action', 'caller', 'common case', 'reads', 'writes', 'tx', 'database', 'storage', 'cold instance', 'retry']
  const body = rows.map((row) => [
    row.name,
    row.caller,
    row.what,
    String(row.warm.read),
    String(row.warm.write),
    String(row.warm.tx),
    `**${row.warm.database}**`,
    String(row.warm.storage),
    withStorage(row.cold),
    row.retry ? withStorage(row.retry) : '',
  ])
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map((_, i) => (i >= 3 ? '---:' : '---'))), ...body.map(line)].join('\n')
}

async function main() {
  const functions = await loadFunctions()
  for (const fn of functions) fnMain.set(fn.name, fn.main)
  const h = await startFunctionHarness()
  const seeded = await seedDemoActivity(h.local.app)
  const rows: Row[] = []
  const missing: string[] = []
  try {
    for (const fn of functions) {
      for (const action of Object.keys(fn.main.actions)) {
        const scenarios = SCENARIOS[`${fn.name}.${action}`]
        if (!scenarios) missing.push(`${fn.name}.${action}`)
        for (const scenario of scenarios ?? []) rows.push(await run(h, fn, action, scenario))
      }
      for (const trigger of fn.timers) rows.push(await runTimer(h, fn, trigger))
    }
  } finally {
    await h.stop()
  }

  console.log(`Database calls per action: demo town (${seeded.households} households, ${seeded.visits} visits), local CloudBase recorder.`)
  console.log('reads: getDocument/count/aggregate; writes: insert/modify/remove; tx: start/commit/abort; storage (s): temporary URLs, downloads, uploads.')
  console.log('cold instance: the first call of a function instance (reference data not cached yet); retry: the same write sent again with its requestId.\n')
  console.log(table(rows))
  if (DETAIL) {
    console.log('\nBy request (common case):')
    for (const row of rows) console.log(`  ${row.name}: ${Object.entries(row.warm.calls).map(([name, n]) => `${name.replace(/^database\./, '')} ${n}`).join(', ')}`)
  }
  if (missing.length > 0) {
    console.error(`\nNo scenario for: ${missing.join(', ')} — add one to SCENARIOS.`)
    process.exitCode = 1
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
