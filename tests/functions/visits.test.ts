import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { main as households } from '../../cloudfunctions/households'
import { main as visits } from '../../cloudfunctions/visits'
import { addDays, shanghaiDay } from '../../domain/dates'
import { visitFilePath } from '../../domain/files'
import type { Reply } from '../../domain/errors'
import type { HouseholdView } from '../../domain/roster'
import type { CreateVisitInput, VisitDetail, VisitFormContext, VisitPage } from '../../domain/visits'
import { startFunctionHarness, type Harness } from '../support/functions'
import { uploadVisitFile } from '../support/files'
import { PNG_BYTES, uploadSignature, visitInput } from '../support/visits'

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const VILLAGE = 'v-xinhua' // demo-cadre's village
const today = () => shanghaiDay()

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

const callVisits = <T>(openid: string, action: string, payload: unknown, requestId?: string) =>
  h.call<T>('visits', visits, openid, { action, payload, requestId })

async function createVisit(overrides: Partial<CreateVisitInput> = {}, openid = 'demo-cadre', requestId = h.newRequestId()) {
  return callVisits<VisitDetail>(openid, 'create', visitInput({ villageId: VILLAGE, ...overrides }), requestId)
}

async function newHousehold(door: string, group = 3): Promise<HouseholdView> {
  const reply = await h.call<{ household: HouseholdView }>('households', households, 'demo-cadre', {
    action: 'create',
    payload: { villageId: VILLAGE, group, door, headName: '王大爷', phone: '13812341234' },
    requestId: h.newRequestId(),
  })
  return data(reply).household
}

async function coverage(villageId = VILLAGE) {
  const { data: docs } = await h.db.collection('coverage').where({ villageId }).get()
  const doc = docs[0] as { covered: number; visits: number; byDay: Record<string, { visits: number; newlyCovered: number }> } | undefined
  return { covered: doc?.covered ?? 0, visits: doc?.visits ?? 0, byDay: doc?.byDay ?? {} }
}

describe('logging a visit', () => {
  it('gives the form its defaults: village, unit, today and the campaign', async () => {
    const context = data(await callVisits<VisitFormContext>('demo-cadre', 'context', {}))
    expect(context).toMatchObject({
      village: { id: VILLAGE, name: '新华村', kind: 'village' },
      defaultUnitName: '新华村村委会',
      authorName: '李网格',
      today: today(),
    })
    expect(context.campaign?.id).toMatch(/^campaign-\d{4}$/)
  })

  it('saves a signed visit and counts the household as covered', async () => {
    const household = await newHousehold('101号')
    const requestId = h.newRequestId()
    const fileID = await uploadSignature(h, 'demo-cadre', VILLAGE, requestId)
    const before = await coverage()
    const visit = data(await createVisit({ householdId: household.id, signature: { kind: 'signed', fileID } }, 'demo-cadre', requestId))
    expect(visit).toMatchObject({
      residentName: '王大爷',
      phone: '13812341234',
      address: '新华村3组101号',
      staff: ['李网格'],
      signature: { kind: 'signed' },
      status: 'active',
    })
    expect(visit.signature.imageUrl).toMatch(/^http/)
    const after = await coverage()
    expect(after.covered).toBe(before.covered + 1)
    expect(after.visits).toBe(before.visits + 1)
    expect(after.byDay[today()].newlyCovered).toBeGreaterThanOrEqual(1)
  })

  it('does not count a repeat visit to the same household twice', async () => {
    const household = await newHousehold('102号')
    data(await createVisit({ householdId: household.id }))
    const once = await coverage()
    data(await createVisit({ householdId: household.id, items: ['warningSigned'] }))
    const twice = await coverage()
    expect(twice.covered).toBe(once.covered)
    expect(twice.visits).toBe(once.visits + 1)
  })

  it('registers a household on the spot once, however its door is written', async () => {
    const first = data(await createVisit({ newHousehold: { group: 5, door: '十二号', headName: '赵婆婆', phone: '' } }))
    const second = data(await createVisit({ newHousehold: { group: 5, door: '12號', headName: '赵婆婆', phone: '' } }))
    expect(second.householdId).toBe(first.householdId)
    expect(first.address).toBe('新华村5组12号')
    expect(await h.count('households', { villageId: VILLAGE, addressKey: '5组12号' })).toBe(1)
  })

  it('does not count a visit that carried no anti-fraud work', async () => {
    const household = await newHousehold('103号')
    const before = await coverage()
    data(await createVisit({ householdId: household.id, items: [], otherContent: '人口普查' }))
    const after = await coverage()
    expect(after.covered).toBe(before.covered)
    expect(after.visits).toBe(before.visits + 1)
  })

  it('saves one visit and one count when the same request arrives three times at once', async () => {
    const household = await newHousehold('104号')
    const requestId = h.newRequestId()
    const before = await coverage()
    const replies = await Promise.all([1, 2, 3].map(() => createVisit({ householdId: household.id }, 'demo-cadre', requestId)))
    expect(new Set(replies.map((reply) => data(reply).id)).size).toBe(1)
    expect(await h.count('visits', { householdId: household.id })).toBe(1)
    const after = await coverage()
    expect(after.covered).toBe(before.covered + 1)
    expect(after.visits).toBe(before.visits + 1)
  })

  it('registers a new door once when several visits to it are saved at once', async () => {
    const before = await coverage()
    const households = await h.count('households', { villageId: VILLAGE })
    const replies = await Promise.all(
      [1, 2, 3, 4].map(() => createVisit({ newHousehold: { group: 6, door: '77号', headName: '新户', phone: '' } })),
    )
    const visits = replies.map(data)
    expect(new Set(visits.map((visit) => visit.householdId)).size).toBe(1)
    expect(await h.count('households', { villageId: VILLAGE })).toBe(households + 1)
    const after = await coverage()
    expect(after.covered).toBe(before.covered + 1)
    expect(after.visits).toBe(before.visits + 4)
  })

  it("creates a village's counters with its first visits of the campaign, counting each of several sent at once", async () => {
    await h.db.collection('users').add({
      _id: userIdFor('wx-guanyin-cadre'), openid: 'wx-guanyin-cadre', name: '观音网格员', roles: ['resident', 'cadre'], townId: 'town-jiasi',
      villageId: 'v-guanyin', unitId: null, createdAt: new Date(), updatedAt: new Date(),
    })
    expect(await h.count('coverage', { villageId: 'v-guanyin' })).toBe(0)
    const replies = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        callVisits<VisitDetail>('wx-guanyin-cadre', 'create', visitInput({ villageId: 'v-guanyin', unitName: '观音村村委会', newHousehold: { group: 1, door: `${n}号`, headName: '户主', phone: '' } }), h.newRequestId()),
      ),
    )
    replies.forEach(data)
    expect(await h.count('coverage', { villageId: 'v-guanyin' })).toBe(1)
    expect(await coverage('v-guanyin')).toEqual({ covered: 4, visits: 4, byDay: { [today()]: { visits: 4, newlyCovered: 4 } } })
  })

  it("drops a recount's token from the counters it moves, so the recount knows to count again", async () => {
    const household = await newHousehold('106号')
    data(await createVisit({ householdId: household.id }))
    const { data: docs } = await h.db.collection('coverage').where({ villageId: VILLAGE }).get()
    await h.db.collection('coverage').doc(docs[0]._id).update({ recountToken: 'counting' })
    data(await createVisit({ householdId: household.id }))
    const { data: after } = await h.db.collection('coverage').doc(docs[0]._id).get()
    expect(after[0]).not.toHaveProperty('recountToken')
    expect(after[0].visits).toBe(docs[0].visits + 1)
  })

  it('stores HTML, emoji and script as text', async () => {
    const household = await newHousehold('105号')
    const visit = data(await createVisit({ householdId: household.id, residentName: '<b>王</b>婆婆👵', otherContent: '<script>alert(1)</script>' }))
    expect(visit.residentName).toBe('<b>王</b>婆婆👵')
    expect(visit.otherContent).toBe('<script>alert(1)</script>')
  })
})

describe('refusing a visit changes nothing', () => {
  async function expectNothingWritten(reply: Promise<Reply<unknown>>, expected: Record<string, unknown>) {
    const visitsBefore = await h.count('visits')
    const before = await coverage()
    expect(await reply).toMatchObject({ ok: false, error: expected })
    expect(await h.count('visits')).toBe(visitsBefore)
    expect(await coverage()).toEqual(before)
  }

  it('refuses a resident', async () => {
    const household = await newHousehold('201号')
    await expectNothingWritten(createVisit({ householdId: household.id }, 'demo-resident'), { code: 'FORBIDDEN' })
  })

  it('refuses a cadre of another village', async () => {
    await h.db.collection('users').add({
      _id: userIdFor('wx-yanba-cadre'), openid: 'wx-yanba-cadre', name: '燕坝网格员', roles: ['resident', 'cadre'], townId: 'town-jiasi',
      villageId: 'v-yanba', unitId: null, createdAt: new Date(), updatedAt: new Date(),
    })
    const household = await newHousehold('202号')
    await expectNothingWritten(createVisit({ householdId: household.id }, 'wx-yanba-cadre'), { code: 'FORBIDDEN' })
  })

  it('refuses a future date and a date before the campaign', async () => {
    const household = await newHousehold('203号')
    await expectNothingWritten(createVisit({ householdId: household.id, visitedOn: addDays(today(), 1) }), {
      code: 'INVALID_INPUT', field: 'visitedOn', message: '入户日期不能晚于今天',
    })
    await expectNothingWritten(createVisit({ householdId: household.id, visitedOn: addDays(today(), -200) }), {
      code: 'INVALID_INPUT', field: 'visitedOn',
    })
  })

  it('refuses a signature that was not uploaded, or belongs to another record', async () => {
    const household = await newHousehold('204号')
    const requestId = h.newRequestId()
    const missing = `cloud://local.local-storage/${visitFilePath('signature', { villageId: VILLAGE, uploaderId: userIdFor('demo-cadre'), requestId })}`
    await expectNothingWritten(createVisit({ householdId: household.id, signature: { kind: 'signed', fileID: missing } }, 'demo-cadre', requestId), {
      code: 'INVALID_INPUT', field: 'signature', message: '签名图片还没有上传成功，请稍后重试',
    })
    const other = await uploadSignature(h, 'demo-cadre', VILLAGE, h.newRequestId())
    await expectNothingWritten(createVisit({ householdId: household.id, signature: { kind: 'signed', fileID: other } }), {
      code: 'INVALID_INPUT', field: 'signature',
    })
  })

  it("takes a photo only from the author's upload for this record, and shows it", async () => {
    const household = await newHousehold('206号')
    const elsewhere = await uploadSignature(h, 'wx-cadre-elsewhere', 'v-shiliang', h.newRequestId())
    await expectNothingWritten(createVisit({ householdId: household.id, photoFileID: elsewhere }), {
      code: 'INVALID_INPUT', field: 'photoFileID', message: '照片与这条记录不符，请重新拍摄',
    })
    const requestId = h.newRequestId()
    const photo = await uploadVisitFile(h, 'photo', { openid: 'demo-cadre', villageId: VILLAGE, requestId }, PNG_BYTES)
    const visit = data(await createVisit({ householdId: household.id, photoFileID: photo }, 'demo-cadre', requestId))
    expect(visit.photoUrl).toMatch(/\/photo\.jpg\?/)
    const shown = data(await callVisits<VisitDetail>('demo-office', 'get', { visitId: visit.id }))
    expect(shown.photoUrl).toMatch(/\/photo\.jpg\?/)
  })

  it('refuses a bad phone and a missing reason, naming the field in Chinese', async () => {
    const household = await newHousehold('205号')
    await expectNothingWritten(createVisit({ householdId: household.id, phone: '12345' }), { code: 'INVALID_INPUT', field: 'phone' })
    await expectNothingWritten(createVisit({ householdId: household.id, phone: '', phoneDeclinedReason: '' }), {
      code: 'INVALID_INPUT', field: 'phone', message: '请填写联系电话；对方不愿留电话时请填写原因',
    })
    await expectNothingWritten(createVisit({ householdId: household.id, signature: { kind: 'refused', reason: '' } }), {
      code: 'INVALID_INPUT', field: 'signature.reason',
    })
  })

  it('refuses a household of another village', async () => {
    const reply = await h.call<{ household: HouseholdView }>('households', households, 'demo-office', {
      action: 'create', payload: { villageId: 'v-yanba', group: 1, door: '1号', headName: '燕坝户主' }, requestId: h.newRequestId(),
    })
    await expectNothingWritten(createVisit({ householdId: data(reply).household.id }), { code: 'INVALID_INPUT', field: 'householdId' })
  })
})

describe('correcting and voiding', () => {
  it('lowers coverage when the only qualifying visit is voided, and keeps it while another remains', async () => {
    const household = await newHousehold('301号')
    const start = await coverage()
    const a = data(await createVisit({ householdId: household.id }))
    const b = data(await createVisit({ householdId: household.id }))
    expect((await coverage()).covered).toBe(start.covered + 1)
    data(await callVisits('demo-cadre', 'void', { visitId: a.id, reason: '录错了户' }, h.newRequestId()))
    expect((await coverage()).covered).toBe(start.covered + 1)
    const voided = data(await callVisits<VisitDetail>('demo-cadre', 'void', { visitId: b.id, reason: '重复登记' }, h.newRequestId()))
    expect(voided).toMatchObject({ status: 'voided', voidReason: '重复登记' })
    const end = await coverage()
    expect(end.covered).toBe(start.covered)
    expect(end.visits).toBe(start.visits)
    expect(await h.count('audit', { action: 'visits.void', target: b.id })).toBe(1)
  })

  it('follows a correction that removes and restores the anti-fraud content', async () => {
    const household = await newHousehold('302号')
    const start = await coverage()
    const visit = data(await createVisit({ householdId: household.id }))
    const base = { visitId: visit.id, unitName: visit.unitName, coworkers: [], visitedOn: visit.visitedOn, residentName: visit.residentName, phone: visit.phone, phoneDeclinedReason: '' }
    const corrected = data(await callVisits<VisitDetail>('demo-cadre', 'correct', { ...base, items: [], otherContent: '送春联', reason: '其实没做反诈宣传' }, h.newRequestId()))
    expect(corrected.corrections).toEqual([expect.objectContaining({ reason: '其实没做反诈宣传', changed: ['items', 'otherContent'] })])
    expect((await coverage()).covered).toBe(start.covered)
    data(await callVisits('demo-cadre', 'correct', { ...base, items: ['propaganda', 'appInstalled'], otherContent: '', reason: '补录' }, h.newRequestId()))
    expect((await coverage()).covered).toBe(start.covered + 1)
  })

  it('lets the author edit for 24 hours only; office at any time', async () => {
    const household = await newHousehold('303号')
    const visit = data(await createVisit({ householdId: household.id }))
    await h.db.collection('visits').doc(visit.id).update({ createdAt: new Date(Date.now() - 25 * 3600_000) })
    expect(await callVisits('demo-cadre', 'void', { visitId: visit.id, reason: '错了' }, h.newRequestId())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(data(await callVisits<VisitDetail>('demo-office', 'void', { visitId: visit.id, reason: '村里申请作废' }, h.newRequestId())).status).toBe('voided')
  })

  it('refuses editing by someone else', async () => {
    const household = await newHousehold('304号')
    const visit = data(await createVisit({ householdId: household.id }))
    expect(await callVisits('demo-police', 'void', { visitId: visit.id, reason: 'x' }, h.newRequestId())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('lists and detail', () => {
  it('masks names, phones, addresses and numbers in notes in lists, except to the author', async () => {
    const household = await newHousehold('401号')
    data(await createVisit({ householdId: household.id, residentName: '欧阳娜娜', phone: '023-47651042', otherContent: '儿子电话13988887777' }))
    const mine = data(await callVisits<VisitPage>('demo-cadre', 'list', { scope: 'mine', period: 'today' }))
    expect(mine.items.find((entry) => entry.residentName.startsWith('欧阳'))).toMatchObject({
      residentName: '欧阳娜娜', phone: '023-47651042', address: '新华村3组401号', otherContent: '儿子电话13988887777', editable: true,
    })
    for (const openid of ['demo-office', 'demo-police', 'demo-unit-head']) {
      const list = data(await callVisits<VisitPage>(openid, 'list', { scope: 'village', villageId: VILLAGE, period: 'today' }))
      expect(list.items.find((entry) => entry.residentName.startsWith('欧阳'))).toMatchObject({
        residentName: '欧阳**', phone: '023-****1042', address: '新华村3组**', otherContent: '儿子电话139****7777',
      })
    }
  })

  it('lets a search match only what the list shows to those who may not read the record', async () => {
    const household = await newHousehold('405号')
    data(await createVisit({ householdId: household.id, residentName: '孙悟净', phone: '13800002222' }))
    const search = async (openid: string, query: string) =>
      data(await callVisits<VisitPage>(openid, 'list', { scope: 'village', villageId: VILLAGE, query })).items.length
    // The unit head sees 138****1111: the hidden digits must not be guessable one by one.
    for (const query of ['1380', '13800', '3800002', '13800002222', '孙悟净']) expect(await search('demo-unit-head', query)).toBe(0)
    for (const query of ['2222', '孙']) expect(await search('demo-unit-head', query)).toBeGreaterThan(0)
    // Police may open the record anyway: their search matches the full phone and name.
    for (const query of ['1380000', '13800002222', '孙悟净']) expect(await search('demo-police', query)).toBe(1)
  })

  it('finds visits by name, address or phone in the village list', async () => {
    const household = await newHousehold('402号')
    data(await createVisit({ householdId: household.id, residentName: '钱多多', phone: '13900001111' }))
    const byName = data(await callVisits<VisitPage>('demo-office', 'list', { scope: 'village', villageId: VILLAGE, query: '钱多' }))
    expect(byName.items.map((item) => item.residentName)).toEqual(['钱**'])
    const byPhone = data(await callVisits<VisitPage>('demo-office', 'list', { scope: 'village', villageId: VILLAGE, query: '1111' }))
    expect(byPhone.items).toHaveLength(1)
  })

  it('shows the full record to its village’s cadres, office and police, and to nobody else', async () => {
    const household = await newHousehold('403号')
    const visit = data(await createVisit({ householdId: household.id, phone: '13712345678' }))
    for (const openid of ['demo-cadre', 'demo-office', 'demo-police']) {
      expect(data(await callVisits<VisitDetail>(openid, 'get', { visitId: visit.id })).phone).toBe('13712345678')
    }
    expect(await callVisits('demo-resident', 'get', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await callVisits('demo-unit-head', 'get', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await callVisits('wx-yanba-cadre', 'get', { visitId: visit.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('lets the responsible unit head see the village list, masked', async () => {
    const page = data(await callVisits<VisitPage>('demo-unit-head', 'list', { scope: 'village', villageId: VILLAGE }))
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((item) => item.phone === '' || item.phone.includes('****'))).toBe(true)
    expect(await callVisits('demo-unit-head', 'list', { scope: 'village', villageId: 'v-yanba' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('the household register', () => {
  it('is whole for the village’s cadres and masked for office and police, who only oversee it', async () => {
    await newHousehold('406号')
    const register = (openid: string) =>
      h.call<{ households: HouseholdView[] }>('households', households, openid, { action: 'register', payload: { villageId: VILLAGE } })
    const full = data(await register('demo-cadre')).households.find((entry) => entry.address === '新华村3组406号')
    expect(full).toMatchObject({ headName: '王大爷', phone: '13812341234' })
    for (const openid of ['demo-office', 'demo-police']) {
      const masked = data(await register(openid)).households.find((entry) => entry.id === full?.id)
      expect(masked).toMatchObject({ headName: '王**', phone: '138****1234', address: '新华村3组**' })
    }
  })
})
