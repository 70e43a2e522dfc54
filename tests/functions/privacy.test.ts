import { main as activities } from '../../cloudfunctions/activities'
import { main as maintenance } from '../../cloudfunctions/maintenance'
import { main as privacy } from '../../cloudfunctions/privacy'
import { main as visits } from '../../cloudfunctions/visits'
import { purgeDue } from '../../cloudfunctions/_lib/privacy/purge'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { addDays, shanghaiDay, startOfShanghaiDay } from '../../domain/dates'
import { addYears, campaignEndDay, ERASED_LABEL, RETENTION_DEFAULTS, type DataRequestDetail, type MyDataRequest, type PrivacyNotice, type PurgeReport } from '../../domain/privacy'
import type { Dashboard } from '../../domain/progress'
import type { VisitDetail } from '../../domain/visits'
import { activityInput, uploadActivityPhoto } from '../support/activities'
import { startFunctionHarness, type Harness } from '../support/functions'
import { addStaff, callProgress, data, logVisit, writeProgress } from '../support/progress'

// 个人信息保护: the notice with the town's own periods; a resident's request
// to see or delete what is held, handled by office and recorded; and the
// retention purge on the timer's clock, which removes exactly what is due and
// leaves every counter as it was.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
  await h.db.collection('towns').doc('town-other').set({ name: '外镇', region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }] })
  await addStaff(h, { openid: 'wx-other-office', name: '外镇主任', roles: ['resident', 'office'], townId: 'town-other' })
  await addStaff(h, { openid: 'wx-villager', name: '赵大姐', roles: ['resident'] })
}, 30_000)
afterAll(() => h.stop())

const call = <T>(openid: string, action: string, payload: unknown = {}) => h.call<T>('privacy', privacy, openid, { action, payload })
const write = <T>(openid: string, action: string, payload: unknown, requestId = h.newRequestId()) => h.call<T>('privacy', privacy, openid, { action, payload, requestId })
const timer = (at: Date) => h.call<{ retention: PurgeReport }>('maintenance', maintenance, null, { Type: 'Timer', TriggerName: 'nightly', Time: at.toISOString() })

async function fileGone(fileID: string): Promise<boolean> {
  const { fileList } = await h.local.app.getTempFileURL({ fileList: [fileID] })
  return fileList[0]?.code === 'STORAGE_FILE_NONEXIST'
}

async function visitDoc(id: string): Promise<Record<string, unknown>> {
  const { data: docs } = await h.db.collection('visits').doc(id).get()
  return docs[0] as Record<string, unknown>
}

/** What the counters say: the town's dashboard and the stored coverage documents. */
async function counters(): Promise<unknown> {
  const dashboard = data(await callProgress<Dashboard>(h, 'demo-office', 'dashboard'))
  const { data: coverage } = await h.db.collection('coverage').limit(1000).get()
  return { total: dashboard.total, villages: dashboard.villages.map((village) => village.progress), coverage: coverage.map(({ _id, covered, visits: count }) => ({ _id, covered, visits: count })) }
}

describe('the privacy notice', () => {
  it('tells a resident their town’s own retention periods, and follows office’s changes', async () => {
    const before = data(await call<PrivacyNotice>('wx-villager', 'notice'))
    expect(before).toMatchObject({ town: { name: '贾嗣镇' }, retention: RETENTION_DEFAULTS })

    data(await write('demo-office', 'saveRetention', { visitYears: 5, tipYears: 3, exportDays: 60 }))
    expect(data(await call<PrivacyNotice>('wx-villager', 'notice')).retention).toEqual({ visitYears: 5, tipYears: 3, exportDays: 60 })
    const { data: audit } = await h.db.collection('audit').where({ action: 'privacy.saveRetention' }).get()
    expect(audit[0]).toMatchObject({ actor: 'demo-office', detail: { before: RETENTION_DEFAULTS, after: { visitYears: 5 } } })
    data(await write('demo-office', 'saveRetention', RETENTION_DEFAULTS))
  })

  it('refuses a period out of range, naming the field, and keeps the settings', async () => {
    const reply = await write('demo-office', 'saveRetention', { visitYears: 0, tipYears: 2, exportDays: 30 })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'visitYears', message: expect.stringContaining('入户记录保存年限') } })
    expect(data(await call<PrivacyNotice>('wx-villager', 'notice')).retention).toEqual(RETENTION_DEFAULTS)
    expect(await write('demo-cadre', 'saveRetention', RETENTION_DEFAULTS)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('a resident’s request about their household', () => {
  let visit: VisitDetail
  beforeAll(async () => {
    visit = await logVisit(h, 'demo-cadre', 'v-xinhua', {
      newHousehold: { group: 3, door: '88号', headName: '赵大姐', phone: '13900001111' },
      residentName: '赵大姐',
      phone: '13900001111',
      otherContent: '孙子在外地读书',
      signatureKind: 'signed',
    })
  })

  const household = { subject: 'household', villageId: 'v-xinhua', name: '赵大姐', phone: '13900001111', door: '3组88号', note: '' }

  it('sends the requester a copy of what is held once office has confirmed them, and records who did it', async () => {
    const requestId = h.newRequestId()
    const submitted = data(await write<MyDataRequest>('wx-villager', 'submitRequest', { ...household, kind: 'see' }, requestId))
    expect(submitted).toMatchObject({ status: 'pending', answer: null })
    // A retry is the same request.
    expect(data(await write<MyDataRequest>('wx-villager', 'submitRequest', { ...household, kind: 'see' }, requestId)).id).toBe(submitted.id)
    expect(await h.count('dataRequests', { requesterId: userIdFor('wx-villager') })).toBe(1)

    const detail = data(await call<DataRequestDetail>('demo-office', 'request', { dataRequestId: submitted.id }))
    expect(detail.requester).toMatchObject({ name: '赵大姐', phone: '13900001111', villageName: '新华村' })
    const candidate = detail.candidates.find((found) => found.id === visit.householdId)
    expect(candidate).toMatchObject({ matches: ['phone', 'name'], visits: 1 })

    data(await write('demo-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'answer', householdIds: [visit.householdId], reply: '已电话核实' }))
    const [mine] = data(await call<MyDataRequest[]>('wx-villager', 'myRequests'))
    expect(mine).toMatchObject({ status: 'answered', reply: '已电话核实' })
    expect(mine.answer?.households[0]).toMatchObject({ headName: '赵大姐', phone: '13900001111', visits: [{ otherContent: '孙子在外地读书', hasSignatureImage: true }] })

    const { data: audit } = await h.db.collection('audit').where({ action: 'privacy.answerRequest', target: submitted.id }).get()
    expect(audit[0]).toMatchObject({ actor: 'demo-office', detail: { households: 1 } })
    expect(JSON.stringify(audit[0])).not.toContain('13900001111')
  })

  it('is handled once, only as asked, and a refusal says why', async () => {
    const submitted = data(await write<MyDataRequest>('wx-villager', 'submitRequest', { ...household, kind: 'see' }))
    const stored = async () => JSON.stringify((await h.db.collection('dataRequests').doc(submitted.id).get()).data)
    const before = await stored()
    expect(await write('demo-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'erase', householdIds: [visit.householdId], reply: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'decision' },
    })
    expect(await write('demo-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'refuse', reply: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'reply' },
    })
    expect(await write('demo-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'answer', householdIds: ['h_not_a_household'], reply: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'householdIds' },
    })
    expect(await stored()).toBe(before)
    expect(await visitDoc(visit.id)).toMatchObject({ residentName: '赵大姐' })

    data(await write('demo-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'refuse', reply: '电话打不通，请到村委会当面办理' }))
    expect(await write('demo-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'answer', householdIds: [], reply: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('stays inside the town and with office', async () => {
    const submitted = data(await write<MyDataRequest>('wx-villager', 'submitRequest', { ...household, kind: 'see' }))
    expect(await call('wx-other-office', 'request', { dataRequestId: submitted.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await write('wx-other-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'refuse', reply: '不是本镇' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    for (const openid of ['demo-cadre', 'demo-unit-head', 'demo-police', 'wx-villager']) {
      expect(await call(openid, 'request', { dataRequestId: submitted.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    // Three waiting at once is the most one person may have.
    const more = [data(await write<MyDataRequest>('wx-villager', 'submitRequest', { ...household, kind: 'see' })), data(await write<MyDataRequest>('wx-villager', 'submitRequest', { ...household, kind: 'see' }))]
    expect(await write('wx-villager', 'submitRequest', { ...household, kind: 'see' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    for (const pending of [submitted, ...more]) data(await write('demo-office', 'handleRequest', { dataRequestId: pending.id, decision: 'refuse', reply: '重复申请' }))
  })

  it('erases the household’s personal data and files, and no counter moves', async () => {
    const before = await counters()
    const signature = (await visitDoc(visit.id)).signature as { fileID: string }
    const submitted = data(await write<MyDataRequest>('wx-villager', 'submitRequest', { ...household, kind: 'erase' }))
    data(await write('demo-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'erase', householdIds: [visit.householdId], reply: '已删除' }))

    expect(await visitDoc(visit.id)).toMatchObject({ residentName: '', phone: '', address: '', otherContent: '', signature: { kind: 'signed', fileID: null }, status: 'active', items: ['propaganda'] })
    expect(await fileGone(signature.fileID)).toBe(true)
    const { data: households } = await h.db.collection('households').doc(visit.householdId).get()
    expect(households[0]).toMatchObject({ headName: '', phone: '', group: 3 })
    expect(await counters()).toEqual(before)
    const recount = data(await writeProgress<{ drifted: number }>(h, 'demo-office', 'recount', { villageId: 'v-xinhua' }))
    expect(recount).toMatchObject({ drifted: 0 })

    const shown = data(await h.call<VisitDetail>('visits', visits, 'demo-cadre', { action: 'get', payload: { visitId: visit.id } }))
    expect(shown).toMatchObject({ residentName: ERASED_LABEL, phone: '', editable: false })
    const [mine] = data(await call<MyDataRequest[]>('wx-villager', 'myRequests'))
    expect(mine).toMatchObject({ status: 'erased', erased: { households: 1, visits: 1 } })
  })
})

describe('a tipster’s request', () => {
  it('erases their contact and evidence; office learns only how many tips, never what they say', async () => {
    const evidence = await h.local.app.uploadFile({ cloudPath: 'tips/tp_privacy/e0.jpg', fileContent: Buffer.from('jpeg') })
    const now = new Date()
    await h.db.collection('tips').doc('tp_privacy').set({
      townId: 'town-jiasi', reference: 'JB-TEST-0001', submittedOn: shanghaiDay(now), week: shanghaiDay(now), kind: 'authority', transfer: 'none', urgent: false,
      amountLost: 0, happenedOn: shanghaiDay(now), story: '有人自称公安让我转账到安全账户', identifiers: [], villageId: null, anonymous: false,
      reporterId: userIdFor('wx-villager'), contact: { name: '赵大姐', phone: '13900002222' }, receiptHash: 'rh-privacy', requestHash: 'x',
      evidence: { expected: 1, files: { e0: { fileID: evidence.fileID, sha256: 'x', bytes: 4, at: now } } }, status: 'submitted', reward: null, events: [], createdAt: now, updatedAt: now,
    })
    const submitted = data(await write<MyDataRequest>('wx-villager', 'submitRequest', { subject: 'tipster', kind: 'erase', receipts: [], note: '' }))
    const detail = data(await call<DataRequestDetail>('demo-office', 'request', { dataRequestId: submitted.id }))
    expect(detail).toMatchObject({ tips: 1, candidates: [] })
    expect(JSON.stringify(detail)).not.toContain('安全账户')

    data(await write('demo-office', 'handleRequest', { dataRequestId: submitted.id, decision: 'erase', reply: '' }))
    const { data: tips } = await h.db.collection('tips').doc('tp_privacy').get()
    expect(tips[0]).toMatchObject({ contact: null, reporterId: null, evidence: { files: {} }, story: '有人自称公安让我转账到安全账户' })
    expect(await fileGone(evidence.fileID)).toBe(true)
  })
})

describe('the retention purge', () => {
  let campaign: { _id: string; startDay: string; milestones: { day: string }[] }
  let kept: VisitDetail
  let due: VisitDetail
  beforeAll(async () => {
    const { data: campaigns } = await h.db.collection('campaigns').where({ townId: 'town-jiasi' }).get()
    campaign = (campaigns as (typeof campaign)[]).find((found) => found.startDay <= shanghaiDay() && campaignEndDay(found) >= shanghaiDay()) as typeof campaign
    due = await logVisit(h, 'demo-cadre', 'v-xinhua', { newHousehold: { group: 4, door: '9号', headName: '钱老伯', phone: '13900003333' }, phone: '13900003333', signatureKind: 'signed' })
    kept = await logVisit(h, 'demo-cadre', 'v-xinhua', { newHousehold: { group: 4, door: '10号', headName: '孙阿姨', phone: '13900004444' }, phone: '13900004444' })
    // The second visit belongs to a later campaign, still within its years.
    const later = { ...campaign, _id: 'campaign-later', startDay: addYears(campaign.startDay, 5), milestones: campaign.milestones.map((m) => ({ ...m, day: addYears(m.day, 5) })) }
    const { _id, ...fields } = later
    await h.db.collection('campaigns').doc(_id).set({ ...fields, townId: 'town-jiasi', name: '以后的活动' })
    await h.db.collection('visits').doc(kept.id).update({ campaignId: 'campaign-later' })
  })

  it('keeps everything until the day after the campaign’s years are over, then erases exactly what is due', async () => {
    const lastKeptDay = addYears(campaignEndDay(campaign), RETENTION_DEFAULTS.visitYears)
    const before = await counters()
    const noon = (day: string) => new Date(startOfShanghaiDay(day).getTime() + 12 * 3600_000)

    const early = data(await timer(noon(lastKeptDay)))
    expect(early.retention.visits).toBe(0)
    expect(await visitDoc(due.id)).toMatchObject({ phone: '13900003333' })

    const signature = (await visitDoc(due.id)).signature as { fileID: string }
    const run = data(await timer(noon(addDays(lastKeptDay, 1))))
    expect(run.retention).toMatchObject({ unfinished: false })
    expect(run.retention.visits).toBeGreaterThanOrEqual(1)
    expect(await visitDoc(due.id)).toMatchObject({ phone: '', residentName: '', erasedBecause: 'retention' })
    expect(await fileGone(signature.fileID)).toBe(true)
    expect(await visitDoc(kept.id)).toMatchObject({ phone: '13900004444' })
    const { data: households } = await h.db.collection('households').where({ villageId: 'v-xinhua', group: 4 }).get()
    expect(Object.fromEntries(households.map((doc) => [doc.headName === '' ? 'erased' : doc.headName, doc.phone]))).toEqual({ erased: '', 孙阿姨: '13900004444' })
    expect(await counters()).toEqual(before)

    // A second run finds nothing left to do.
    expect(data(await timer(noon(addDays(lastKeptDay, 2)))).retention).toMatchObject({ visits: 0, households: 0 })
  })

  it('stops when its time is up and the next run goes on', async () => {
    // A campaign of its own, as old as the first: the purge has not walked it yet.
    const { _id, ...fields } = campaign
    await h.db.collection('campaigns').doc(`${_id}-slow`).set({ ...fields, townId: 'town-jiasi', name: '同期的另一活动' })
    const soon = await logVisit(h, 'demo-cadre', 'v-xinhua', { newHousehold: { group: 5, door: '1号', headName: '李', phone: '' } })
    await h.db.collection('visits').doc(soon.id).update({ campaignId: `${_id}-slow` })
    const far = startOfShanghaiDay(addDays(addYears(campaignEndDay(campaign), RETENTION_DEFAULTS.visitYears), 3))
    expect(await purgeDue(h.db, far, Date.now() - 1)).toMatchObject({ unfinished: true, visits: 0 })
    expect(await purgeDue(h.db, far, Date.now() + 30_000)).toMatchObject({ unfinished: false, visits: 1 })
  })

  it('removes a 宣传台账 record’s photos and location with its campaign’s visits, and keeps the record and the place covered', async () => {
    const { _id, ...fields } = campaign
    await h.db.collection('campaigns').doc(`${_id}-acts`).set({ ...fields, townId: 'town-jiasi', name: '同期的宣传活动' })
    const requestId = h.newRequestId()
    const photo = await uploadActivityPhoto(h, { openid: 'demo-cadre', villageId: 'v-xinhua', requestId })
    const input = activityInput({ villageId: 'v-xinhua', kind: 'poster', newPlace: { kind: 'residential', name: '滨江小区 9栋', address: '' }, reached: 4, venue: '', photoFileIDs: [photo] })
    const created = data(await h.call<{ id: string }>('activities', activities, 'demo-cadre', { action: 'create', payload: input, requestId }))
    await h.db.collection('activities').doc(created.id).update({ campaignId: `${_id}-acts`, location: { latitude: 29.1, longitude: 106.2 } })
    const far = startOfShanghaiDay(addDays(addYears(campaignEndDay(campaign), RETENTION_DEFAULTS.visitYears), 4))

    const report = await purgeDue(h.db, far, Date.now() + 30_000)
    expect(report).toMatchObject({ unfinished: false, activities: 1 })
    const { data: docs } = await h.db.collection('activities').doc(created.id).get()
    expect(docs[0]).toMatchObject({ photoFileIDs: [], location: null, status: 'active', kind: 'poster', reached: 4 })
    expect(await fileGone(photo)).toBe(true)
    // Nothing left to do for it the next night.
    expect(await purgeDue(h.db, far, Date.now() + 30_000)).toMatchObject({ activities: 0 })
  })

  it('removes exported files after the town’s days, found through the audit trail', async () => {
    const exported = data(await writeProgress<{ fileID: string }>(h, 'demo-office', 'bulletinExport', { from: addDays(shanghaiDay(), -6), to: shanghaiDay() }))
    expect(data(await timer(new Date(Date.now() + 29 * 24 * 3600_000))).retention.exports).toBe(0)
    expect(await fileGone(exported.fileID)).toBe(false)
    expect(data(await timer(new Date(Date.now() + 31 * 24 * 3600_000))).retention.exports).toBeGreaterThanOrEqual(1)
    expect(await fileGone(exported.fileID)).toBe(true)
  })
})
