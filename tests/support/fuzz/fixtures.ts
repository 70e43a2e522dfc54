// Who calls, and the records the fuzz's baselines point at: a household, two
// visits, a roster file and an invite made through the functions before the
// fuzz starts, so a plausible payload can reach past "not found".
import { main as account } from '../../../cloudfunctions/account'
import { main as admin } from '../../../cloudfunctions/admin'
import { userIdFor } from '../../../cloudfunctions/_lib/repos/users'
import { main as activities } from '../../../cloudfunctions/activities'
import { main as articles } from '../../../cloudfunctions/articles'
import { main as households } from '../../../cloudfunctions/households'
import { main as privacy } from '../../../cloudfunctions/privacy'
import { main as tips } from '../../../cloudfunctions/tips'
import { main as visits } from '../../../cloudfunctions/visits'
import { addDays, shanghaiDay } from '../../../domain/dates'
import { hasAnyRole, type Audience, type Role } from '../../../domain/roles'
import { DEMO_USERS, demoCampaigns } from '../../../local/seed/demo-town'
import { DISTRICT_DEMO_USERS, seedDemoDistrict } from '../../../local/seed/district'
import { articleInput } from '../articles'
import { uploadRoster } from '../files'
import { tipInput } from '../tips'
import type { Harness } from '../functions'
import type { BaselineHints, Path } from './schema'

export interface FuzzCaller {
  label: string
  /** A never-signed-in caller gets a fresh openid on every call, so no call of theirs signs them in for the next. */
  openid(): string | null
  /** null: no WeChat identity, inside no audience. */
  roles: readonly Role[] | null
}

let strangers = 0

export const CALLERS: readonly FuzzCaller[] = [
  // The second town's office and the district's 区反诈办 too: inside an audience by role, outside the first town by data.
  ...[...DEMO_USERS, ...DISTRICT_DEMO_USERS].map((user) => ({ label: user.openid, openid: () => user.openid, roles: user.roles })),
  { label: 'unknown openid', openid: () => `fuzz-stranger-${(strangers += 1)}`, roles: ['resident'] },
  { label: 'no openid', openid: () => null, roles: null },
]

export function inAudience(caller: FuzzCaller, audience: Audience): boolean {
  return caller.roles !== null && hasAnyRole(caller.roles, audience)
}

/** The phone the fixture visit carries in its 其他内容. */
export const FIXTURE_PHONE_IN_TEXT = '13900000008'

export interface Fixtures {
  villageId: string
  unitId: string
  campaignId: string
  today: string
  householdId: string | null
  visitId: string | null
  visitToVoidId: string | null
  rosterFileID: string | null
  inviteCode: string | null
  /** A published 诈骗手法预警, another to withdraw, a draft (and its fileKey), and a share code of the first. */
  articleId: string | null
  articleToWithdrawId: string | null
  draftArticleId: string | null
  draftFileKey: string | null
  shareCode: string | null
  /** A resident's pending request to see what is held about their household. */
  dataRequestId: string | null
  /** A named tip in the first town's police queue. */
  tipId: string | null
  /** 镇级管理: a village and a unit nobody depends on (to remove), and a resident of the town (to give a role). */
  spareVillageId: string | null
  spareUnitId: string | null
  spareUserId: string | null
  /** 宣传台账: a key place of the village, an activity at it, and another to void. */
  placeId: string | null
  activityId: string | null
  activityToVoidId: string | null
  /** What could not be made (the baselines that need it will be refused further in). */
  problems: string[]
}

const CADRE = DEMO_USERS.find((user) => user.roles.includes('cadre'))
const UNIT_HEAD = DEMO_USERS.find((user) => user.roles.includes('unit_head'))
const OFFICE = DEMO_USERS.find((user) => user.roles.includes('office'))

export async function prepareFixtures(h: Harness, requestId: () => string): Promise<Fixtures> {
  const today = shanghaiDay()
  const fixtures: Fixtures = {
    villageId: CADRE?.villageId ?? 'v-xinhua',
    unitId: UNIT_HEAD?.unitId ?? 'unit-dangqun',
    campaignId: demoCampaigns(today)[1]._id,
    today,
    householdId: null,
    visitId: null,
    visitToVoidId: null,
    rosterFileID: null,
    inviteCode: null,
    articleId: null,
    articleToWithdrawId: null,
    draftArticleId: null,
    draftFileKey: null,
    shareCode: null,
    dataRequestId: null,
    tipId: null,
    spareVillageId: null,
    spareUnitId: null,
    spareUserId: null,
    placeId: null,
    activityId: null,
    activityToVoidId: null,
    problems: [],
  }
  await seedDemoDistrict(h.local.app)
  const cadre = CADRE?.openid ?? 'demo-cadre'
  const made = <T>(what: string, reply: { ok: boolean; data?: unknown; error?: unknown }): T | null => {
    if (reply.ok) return reply.data as T
    fixtures.problems.push(`${what}: ${JSON.stringify(reply.error)}`)
    return null
  }

  const household = made<{ household: { id: string } }>(
    'households.create',
    await h.call('households', households, cadre, {
      action: 'create',
      payload: { villageId: fixtures.villageId, group: 7, door: '88号', headName: '赵测试', phone: '13900000001' },
      requestId: requestId(),
    }),
  )
  fixtures.householdId = household?.household.id ?? null

  const visit = async (otherContent = '') =>
    made<{ id: string }>(
      'visits.create',
      await h.call('visits', visits, cadre, {
        action: 'create',
        payload: {
          villageId: fixtures.villageId,
          householdId: fixtures.householdId ?? undefined,
          unitName: '新华村村委会',
          visitedOn: today,
          items: ['propaganda'],
          otherContent,
          residentName: '赵测试',
          phone: '13900000001',
          phoneDeclinedReason: '',
          coworkers: [],
          signature: { kind: 'refused', reason: '老人不识字' },
        },
        requestId: requestId(),
      }),
    )
  fixtures.visitId = (await visit())?.id ?? null
  fixtures.visitToVoidId = (await visit())?.id ?? null
  // Residents' numbers do get typed into 其他内容: the lists must not show them to those who may not see them.
  await visit(`家属电话${FIXTURE_PHONE_IN_TEXT}，晚上再回访`)

  try {
    fixtures.rosterFileID = await uploadRoster(h, { openid: cadre, villageId: fixtures.villageId }, 'csv', '组,门牌号,户主姓名,联系电话\n7,90号,钱测试,13900000004\n')
  } catch (error) {
    fixtures.problems.push(`roster upload: ${(error as Error).message}`)
  }

  const invite = made<{ code: string }>(
    'account.createInvite',
    await h.call('account', account, OFFICE?.openid ?? 'demo-office', { action: 'createInvite', payload: { role: 'police' }, requestId: requestId() }),
  )
  fixtures.inviteCode = invite?.code ?? null

  const office = OFFICE?.openid ?? 'demo-office'
  const article = async (publish: boolean) => {
    const input = articleInput()
    const draft = made<{ id: string }>('articles.save', await h.call('articles', articles, office, { action: 'save', payload: input, requestId: requestId() }))
    if (draft && publish) made('articles.publish', await h.call('articles', articles, office, { action: 'publish', payload: { articleId: draft.id }, requestId: requestId() }))
    return draft ? { id: draft.id, fileKey: input.fileKey } : null
  }
  fixtures.articleId = (await article(true))?.id ?? null
  fixtures.articleToWithdrawId = (await article(true))?.id ?? null
  const draft = await article(false)
  fixtures.draftArticleId = draft?.id ?? null
  fixtures.draftFileKey = draft?.fileKey ?? null
  if (fixtures.articleId) {
    const share = made<{ code: string }>('articles.shareCode', await h.call('articles', articles, 'demo-resident', { action: 'shareCode', payload: { articleId: fixtures.articleId }, requestId: requestId() }))
    fixtures.shareCode = share?.code ?? null
  }
  const dataRequest = made<{ id: string }>(
    'privacy.submitRequest',
    await h.call('privacy', privacy, 'demo-resident', {
      action: 'submitRequest',
      payload: { subject: 'household', kind: 'see', villageId: fixtures.villageId, name: '赵测试', phone: '13900000001', door: '88号', note: '' },
      requestId: requestId(),
    }),
  )
  fixtures.dataRequestId = dataRequest?.id ?? null

  made('tips.submit', await h.call('tips', tips, 'demo-resident', { action: 'submit', payload: tipInput({ contact: { mode: 'named', name: '张阿姨', phone: '13900000003' } }), requestId: requestId() }))
  const queue = made<{ tips: { id: string }[] }>('tips.queue', await h.call('tips', tips, 'demo-police', { action: 'queue', payload: {}, requestId: requestId() }))
  fixtures.tipId = queue?.tips[0]?.id ?? null
  // Accepted, so a reward can be recorded for it.
  if (fixtures.tipId) made('tips.update', await h.call('tips', tips, 'demo-police', { action: 'update', payload: { tipId: fixtures.tipId, status: 'accepted', note: '' }, requestId: requestId() }))

  const setup = async (action: string, payload: Record<string, unknown>) =>
    made<{ villages: { id: string; name: string }[]; units: { id: string; name: string }[] }>(`admin.${action}`, await h.call('admin', admin, office, { action, payload, requestId: requestId() }))
  const withVillage = await setup('saveVillage', { name: '测试空村', kind: 'village', groups: [1], registeredHouseholds: 10, policeOfficer: null, unitId: null, order: 99 })
  fixtures.spareVillageId = withVillage?.villages.find((village) => village.name === '测试空村')?.id ?? null
  const withUnit = await setup('saveUnit', { name: '测试空单位', headName: '', order: 99 })
  fixtures.spareUnitId = withUnit?.units.find((unit) => unit.name === '测试空单位')?.id ?? null
  const newcomer = 'fuzz-fixture-newcomer'
  if (made('account.signIn', await h.call('account', account, newcomer, { action: 'signIn', payload: {}, requestId: requestId() }))) {
    // Two towns and no DEFAULT_TOWN_ID: a newcomer has no town until placed in one.
    await h.db.collection('users').doc(userIdFor(newcomer)).update({ townId: 'town-jiasi' })
    fixtures.spareUserId = userIdFor(newcomer)
  }

  const place = made<{ place: { id: string } }>(
    'activities.addPlace',
    await h.call('activities', activities, cadre, { action: 'addPlace', payload: { villageId: fixtures.villageId, kind: 'market', name: '测试集贸市场', address: '' }, requestId: requestId() }),
  )
  fixtures.placeId = place?.place.id ?? null
  const activity = async () =>
    made<{ id: string }>(
      'activities.create',
      await h.call('activities', activities, cadre, {
        action: 'create',
        payload: { villageId: fixtures.villageId, kind: 'talk', placeId: fixtures.placeId ?? undefined, heldOn: today, reached: 30, venue: '', note: '院坝会' },
        requestId: requestId(),
      }),
    )
  fixtures.activityId = (await activity())?.id ?? null
  fixtures.activityToVoidId = (await activity())?.id ?? null
  return fixtures
}

/** Plausible values by field name, and per action where one record must not serve two purposes. */
export function hintsFor(target: string, fixtures: Fixtures): BaselineHints {
  const some = <T>(value: T | null): T[] => (value === null ? [] : [value])
  const byField: Record<string, unknown[]> = {
    villageId: [fixtures.villageId],
    unitId: [fixtures.unitId],
    campaignId: [fixtures.campaignId],
    householdId: some(fixtures.householdId),
    visitId: some(fixtures.visitId),
    placeId: some(fixtures.placeId),
    activityId: some(fixtures.activityId),
    heldOn: [fixtures.today],
    venue: ['3组院坝'],
    articleId: some(fixtures.articleId),
    tipId: some(fixtures.tipId),
    fileID: some(fixtures.rosterFileID),
    visitedOn: [fixtures.today],
    from: [fixtures.today],
    to: [fixtures.today],
    phone: ['13900000002'],
    door: ['66号'],
    scope: ['village'],
    query: ['赵'],
    cursor: [new Date(Date.now() + 24 * 3600_000).toISOString()],
    // 督导提醒: a page of attempts or messages, and quiet hours
    before: [`${new Date(Date.now() + 24 * 3600_000).toISOString()}~fuzz`],
    quietFrom: ['21:00'],
    quietTo: ['08:00'],
  }
  const byAction: Record<string, Record<string, unknown[]>> = {
    'visits.void': { visitId: some(fixtures.visitToVoidId) },
    'activities.void': { activityId: some(fixtures.activityToVoidId) },
    'articles.get': { code: some(fixtures.shareCode) },
    'articles.list': { cursor: [''] },
    'articles.manageList': { cursor: [''] },
    'articles.learning': { cursor: [''] },
    'articles.withdraw': { articleId: some(fixtures.articleToWithdrawId) },
    'articles.save': { articleId: some(fixtures.draftArticleId), fileKey: some(fixtures.draftFileKey), keyPoints: [articleInput().keyPoints], body: [articleInput().body] },
    'articles.publish': { articleId: some(fixtures.draftArticleId), publishAt: [''] },
    'account.revokeInvite': { code: some(fixtures.inviteCode) },
    'admin.removeVillage': { villageId: some(fixtures.spareVillageId) },
    'admin.removeUnit': { unitId: some(fixtures.spareUnitId) },
    'admin.setRoles': { userId: some(fixtures.spareUserId), roles: [['police']], villageId: [null], unitId: [null] },
    'admin.saveCampaign': { startDay: [fixtures.today], milestones: [[{ day: addDays(fixtures.today, 30), targetPercent: 20 }, { day: addDays(fixtures.today, 300), targetPercent: 100 }]] },
    'tips.reward': { state: ['proposed'], amount: [200] },
    'tips.update': { status: ['forwarded'], note: ['已转96110'] },
    // An answer, never an erasure: the fixture household's visits serve the other baselines.
    'privacy.request': { dataRequestId: some(fixtures.dataRequestId) },
    'privacy.handleRequest': { dataRequestId: some(fixtures.dataRequestId), decision: ['answer'], householdIds: [[]] },
  }
  const lastKey = (path: Path) => String(path[path.length - 1] ?? '')
  return {
    valuesFor: (path) => (path.length === 0 ? [] : (byAction[target]?.[lastKey(path)] ?? byField[lastKey(path)] ?? [])),
    strings: ['fuzz测试', 'fuzz-0001', fixtures.today, 'ABCDEFGH', 'cloud://local.fuzz/fuzz/file.png', ''],
    // Files are accepted only where the function derives them per record and
    // uploader; the visits use the fixture household rather than a new one per
    // case, and the activities the fixture place; a new campaign rather than an
    // edit of the one every other baseline runs in.
    leaveOut: (path) =>
      /fileIDs?$/i.test(lastKey(path)) || lastKey(path) === 'newHousehold' || lastKey(path) === 'newPlace' || (target === 'admin.saveCampaign' && lastKey(path) === 'campaignId'),
  }
}
