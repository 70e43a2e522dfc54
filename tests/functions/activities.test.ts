import ExcelJS from 'exceljs'
import { main as activities } from '../../cloudfunctions/activities'
import { main as progress } from '../../cloudfunctions/progress'
import { clearCache } from '../../cloudfunctions/_lib/cache'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { ActivityDetail, ActivityFormContext, ActivityPage, CreateActivityInput, PlaceImportPreview, PlaceImportResult, PlaceView } from '../../domain/activities'
import { addDays, shanghaiDay } from '../../domain/dates'
import type { Reply } from '../../domain/errors'
import type { Bulletin } from '../../domain/bulletin'
import type { Dashboard } from '../../domain/progress'
import { activityInput, uploadActivityPhoto } from '../support/activities'
import { uploadRoster } from '../support/files'
import { startFunctionHarness, type Harness } from '../support/functions'

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
  // A second town with a cadre of its own: nothing of 贾嗣镇 is theirs.
  await h.db.collection('towns').doc('town-shimen').set({ name: '石门镇', region: '重庆市江津区', hotlines: [] })
  await h.db.collection('villages').add({ _id: 'v-shimen-dh', townId: 'town-shimen', name: '大河村', kind: 'village', order: 0, registeredHouseholds: 380, policeOfficer: null, unitId: null })
  await h.db.collection('campaigns').add({ _id: 'campaign-shimen', townId: 'town-shimen', name: '石门镇专项行动', startDay: addDays(shanghaiDay(), -30), milestones: [{ day: addDays(shanghaiDay(), 60), targetPercent: 100 }] })
  await h.db.collection('users').add({
    _id: userIdFor('shimen-cadre'), openid: 'shimen-cadre', name: '罗网格', roles: ['resident', 'cadre'], townId: 'town-shimen', villageId: 'v-shimen-dh', unitId: null, createdAt: new Date(), updatedAt: new Date(),
  })
})
afterAll(() => h.stop())

const VILLAGE = 'v-xinhua' // demo-cadre's, in 周敏's unit (党群办)
const OTHER_UNIT_VILLAGE = 'v-yanba' // 平安建设办's
const today = () => shanghaiDay()

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

const call = <T>(openid: string, action: string, payload: unknown, requestId?: string) => h.call<T>('activities', activities, openid, { action, payload, requestId })

async function addMarket(name = '新华集贸市场', openid = 'demo-cadre', villageId = VILLAGE): Promise<PlaceView> {
  return data(await call<{ place: PlaceView }>(openid, 'addPlace', { villageId, kind: 'market', name, address: '新华场镇' }, h.newRequestId())).place
}

async function bannerInput(placeId: string, requestId: string, openid = 'demo-cadre', villageId = VILLAGE): Promise<CreateActivityInput> {
  const photo = await uploadActivityPhoto(h, { openid, villageId, requestId })
  return activityInput({ villageId, kind: 'banner', placeId, reached: 2, venue: '', photoFileIDs: [photo] })
}

async function logBanner(placeId: string, openid = 'demo-cadre', villageId = VILLAGE, requestId = h.newRequestId()) {
  return call<ActivityDetail>(openid, 'create', await bannerInput(placeId, requestId, openid, villageId), requestId)
}

async function placeCounters(villageId = VILLAGE) {
  const { data: coverage } = await h.db.collection('placeCoverage').where({ villageId }).get()
  const { data: totals } = await h.db.collection('placeTotals').where({ villageId }).get()
  const c = coverage[0] as { covered: number; activities: number; reached: number; byKind: Record<string, number> } | undefined
  const t = totals[0] as { total: number; byKind: Record<string, number> } | undefined
  return { covered: c?.covered ?? 0, activities: c?.activities ?? 0, reached: c?.reached ?? 0, coveredByKind: c?.byKind ?? {}, total: t?.total ?? 0, totalByKind: t?.byKind ?? {} }
}

describe('logging an activity', () => {
  it('gives the form the villages the caller logs for', async () => {
    expect(data(await call<ActivityFormContext>('demo-cadre', 'context', {})).villages).toEqual([{ id: VILLAGE, name: '新华村' }])
    const unit = data(await call<ActivityFormContext>('demo-unit-head', 'context', {}))
    expect(unit.villages.map((v) => v.id)).toEqual(['v-jiasi', 'v-xinhua', 'v-shiliang'])
    expect(data(await call<ActivityFormContext>('demo-police', 'context', {})).villages.length).toBe(12)
    expect((await call('demo-office', 'context', {})).ok).toBe(false)
  })

  it('creates a banner at a market, which covers the place; a repeat returns the first result and writes nothing', async () => {
    const market = await addMarket()
    expect(await placeCounters()).toMatchObject({ total: 1, totalByKind: { market: 1 }, covered: 0 })
    const requestId = h.newRequestId()
    const input = await bannerInput(market.id, requestId)
    const first = data(await call<ActivityDetail>('demo-cadre', 'create', input, requestId))
    expect(first).toMatchObject({ kind: 'banner', placeName: '新华集贸市场', reached: 2, photos: 1, editable: true })
    expect(first.photoUrls[0]).toMatch(/^http/)
    const again = data(await call<ActivityDetail>('demo-cadre', 'create', input, requestId))
    expect(again.id).toBe(first.id)
    expect(await h.count('activities', { requestId })).toBe(1)
    expect(await placeCounters()).toMatchObject({ covered: 1, coveredByKind: { market: 1 }, activities: 1, reached: 2 })
    // A second banner at the same market does not cover it twice.
    data(await logBanner(market.id))
    expect(await placeCounters()).toMatchObject({ covered: 1, activities: 2, reached: 4 })
    const places = data(await call<{ places: PlaceView[] }>('demo-cadre', 'places', { villageId: VILLAGE })).places
    expect(places.find((p) => p.id === market.id)?.covered).toBe(true)
  })

  it('adds a place named on the spot in the same write, once', async () => {
    const before = await placeCounters()
    const requestId = h.newRequestId()
    const photo = await uploadActivityPhoto(h, { openid: 'demo-cadre', villageId: VILLAGE, requestId })
    const input = activityInput({ villageId: VILLAGE, kind: 'poster', newPlace: { kind: 'residential', name: '滨江小区 3栋', address: '' }, reached: 6, venue: '', photoFileIDs: [photo] })
    const created = data(await call<ActivityDetail>('demo-cadre', 'create', input, requestId))
    data(await call<ActivityDetail>('demo-cadre', 'create', input, requestId))
    expect(created).toMatchObject({ placeName: '滨江小区 3栋', placeKind: 'residential' })
    expect(await placeCounters()).toMatchObject({ total: before.total + 1, covered: before.covered + 1, coveredByKind: { residential: 1 } })
  })

  it('refuses bad input by field, in Chinese, and writes nothing', async () => {
    const count = await h.count('activities')
    const cases: [Partial<CreateActivityInput>, string, string][] = [
      [{ kind: 'banner', placeId: undefined, venue: '' }, 'placeId', 'INVALID_INPUT'],
      [{ kind: 'fiveIn' }, 'fiveIn', 'INVALID_INPUT'],
      [{ kind: 'poster', newPlace: { kind: 'market', name: '市场', address: '' }, photoFileIDs: [] }, 'photoFileIDs', 'INVALID_INPUT'],
      [{ reached: -1 }, 'reached', 'INVALID_INPUT'],
      [{ heldOn: addDays(today(), 1) }, 'heldOn', 'INVALID_INPUT'],
      [{ kind: 'talk', venue: '' }, 'placeId', 'INVALID_INPUT'],
    ]
    for (const [overrides, field, code] of cases) {
      const reply = await call('demo-cadre', 'create', activityInput({ villageId: VILLAGE, ...overrides }), h.newRequestId())
      expect(reply).toMatchObject({ ok: false, error: { code, field } })
      if (!reply.ok) expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(await h.count('activities')).toBe(count)
  })

  it("accepts only photos uploaded for this caller and record", async () => {
    const market = await addMarket('贾嗣农贸市场')
    const other = await uploadActivityPhoto(h, { openid: 'demo-cadre', villageId: VILLAGE, requestId: h.newRequestId() })
    const reply = await call('demo-cadre', 'create', activityInput({ villageId: VILLAGE, kind: 'banner', placeId: market.id, venue: '', photoFileIDs: [other] }), h.newRequestId())
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'photoFileIDs' } })
    // The path of this record, but never uploaded.
    const requestId = h.newRequestId()
    const ghost = (await uploadActivityPhoto(h, { openid: 'demo-cadre', villageId: VILLAGE, requestId })).replace('photo1', 'photo2')
    const missing = await call('demo-cadre', 'create', activityInput({ villageId: VILLAGE, kind: 'banner', placeId: market.id, venue: '', photoFileIDs: [ghost] }), requestId)
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'photoFileIDs' } })
  })

  it('enforces scope per role: cadre their village, unit head their unit, police and office their town', async () => {
    const foreign = (openid: string, villageId: string) => call<ActivityDetail>(openid, 'create', activityInput({ villageId }), h.newRequestId())
    expect(await foreign('demo-cadre', 'v-shiliang')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await foreign('demo-unit-head', OTHER_UNIT_VILLAGE)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(data(await foreign('demo-unit-head', 'v-shiliang'))).toMatchObject({ kind: 'talk', venue: '3组院坝' })
    expect(data(await foreign('demo-police', OTHER_UNIT_VILLAGE))).toMatchObject({ kind: 'talk' })
    expect(await foreign('demo-office', VILLAGE)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Another town's cadre reaches nothing of this one, and the reverse.
    expect(await foreign('shimen-cadre', VILLAGE)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await foreign('demo-police', 'v-shimen-dh')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('shimen-cadre', 'places', { villageId: VILLAGE })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('shimen-cadre', 'list', { scope: 'village', villageId: VILLAGE })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(data(await foreign('shimen-cadre', 'v-shimen-dh'))).toMatchObject({ kind: 'talk' })
  })
})

describe('correcting and voiding', () => {
  it('moves the place counters with a correction and a void, within 24 hours for the author; office at any time', async () => {
    const market = await addMarket('三岔口市场')
    const before = await placeCounters()
    const banner = data(await logBanner(market.id))
    expect(await placeCounters()).toMatchObject({ covered: before.covered + 1 })

    // A banner corrected into a leaflet handout no longer marks the place.
    const corrected = data(await call<ActivityDetail>('demo-cadre', 'correct', { activityId: banner.id, kind: 'leaflets', heldOn: today(), reached: 50, venue: '', note: '改为发放资料', reason: '选错了类型' }, h.newRequestId()))
    expect(corrected).toMatchObject({ kind: 'leaflets', reached: 50, corrections: [{ reason: '选错了类型' }] })
    expect(await placeCounters()).toMatchObject({ covered: before.covered, reached: before.reached + 50, activities: before.activities + 1 })

    // Someone else's record: refused; office may.
    expect(await call('demo-unit-head', 'void', { activityId: banner.id, reason: '重复' }, h.newRequestId())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const voided = data(await call<ActivityDetail>('demo-office', 'void', { activityId: banner.id, reason: '重复登记' }, h.newRequestId()))
    expect(voided).toMatchObject({ status: 'voided', voidReason: '重复登记', editable: false })
    expect(await placeCounters()).toMatchObject({ covered: before.covered, reached: before.reached, activities: before.activities })
    expect(await call('demo-cadre', 'void', { activityId: banner.id, reason: '再作废' }, h.newRequestId())).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    // Past 24 hours the author may not.
    const late = data(await logBanner(market.id))
    await h.db.collection('activities').doc(late.id).update({ createdAt: new Date(Date.now() - 25 * 3600_000) })
    expect(await call('demo-cadre', 'void', { activityId: late.id, reason: '晚了' }, h.newRequestId())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.count('audit', { action: 'activities.void', target: banner.id })).toBe(1)
  })

  it('lists mine and the village, for those who may see it', async () => {
    const mine = data(await call<ActivityPage>('demo-cadre', 'list', { scope: 'mine' }))
    expect(mine.items.length).toBeGreaterThan(3)
    expect(data(await call<ActivityPage>('demo-unit-head', 'list', { scope: 'village', villageId: VILLAGE })).items.length).toBeGreaterThan(3)
    expect(await call('demo-unit-head', 'list', { scope: 'village', villageId: OTHER_UNIT_VILLAGE })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('demo-cadre', 'get', { activityId: mine.items[0].id })).toMatchObject({ ok: true })
    expect(await call('shimen-cadre', 'get', { activityId: mine.items[0].id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('places', () => {
  it('imports a village list all or nothing, with each problem by line', async () => {
    const bad = await uploadRoster(h, { openid: 'demo-cadre', villageId: VILLAGE }, 'csv', '场所类型,场所名称,地址\n网吧,星空网咖,场镇\n游乐场,欢乐谷,\n银行,,\n宾馆,星空网咖,\n')
    const preview = data(await call<PlaceImportPreview>('demo-cadre', 'previewPlaceImport', { villageId: VILLAGE, fileID: bad }))
    expect(preview.problems).toEqual([
      { line: 3, field: 'kind', message: expect.stringContaining('游乐场') },
      { line: 4, field: 'name', message: '缺少场所名称' },
    ])
    const before = await placeCounters()
    expect(await call('demo-cadre', 'commitPlaceImport', { villageId: VILLAGE, fileID: bad }, h.newRequestId())).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileID' } })
    expect((await placeCounters()).total).toBe(before.total)

    const noHeader = await uploadRoster(h, { openid: 'demo-cadre', villageId: VILLAGE }, 'csv', '名字,位置\n星空网咖,场镇\n')
    expect(data(await call<PlaceImportPreview>('demo-cadre', 'previewPlaceImport', { villageId: VILLAGE, fileID: noHeader })).missingHeaders).toEqual(['kind', 'name'])

    const good = await uploadRoster(h, { openid: 'demo-cadre', villageId: VILLAGE }, 'csv', '类型,名称,地址\n网吧,星空网咖,场镇\n银行,农商行新华分理处,场镇12号\n集贸市场,新华集贸市场,\n')
    expect(data(await call<PlaceImportPreview>('demo-cadre', 'previewPlaceImport', { villageId: VILLAGE, fileID: good }))).toMatchObject({ toAdd: 2, alreadyListed: 1, problems: [] })
    expect(data(await call<PlaceImportResult>('demo-cadre', 'commitPlaceImport', { villageId: VILLAGE, fileID: good }, h.newRequestId()))).toEqual({ added: 2, alreadyListed: 1 })
    expect(data(await call<PlaceImportResult>('demo-cadre', 'commitPlaceImport', { villageId: VILLAGE, fileID: good }, h.newRequestId()))).toEqual({ added: 0, alreadyListed: 3 })
    expect(await placeCounters()).toMatchObject({ total: before.total + 2, totalByKind: { netcafe: 1, bank: 1 } })

    // Only a file this caller uploaded for this village; only its cadres and office.
    expect(await call('demo-cadre', 'previewPlaceImport', { villageId: 'v-shiliang', fileID: good })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('demo-office', 'previewPlaceImport', { villageId: VILLAGE, fileID: good })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileID' } })
    expect(await call('demo-police', 'previewPlaceImport', { villageId: VILLAGE, fileID: good })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('coverage of places on the dashboard', () => {
  it('shows the share of key places with a banner or poster beside household coverage, per kind, from the counters', async () => {
    const dashboard = data(await h.call<Dashboard>('progress', progress, 'demo-office', { action: 'dashboard', payload: {} }))
    const counters = await placeCounters()
    expect(dashboard.places).toMatchObject({ total: expect.any(Number), covered: expect.any(Number), targetPercent: null, status: null })
    const village = dashboard.villages.find((v) => v.id === VILLAGE)
    expect(village?.places).toEqual({ total: counters.total, covered: counters.covered, percent: Math.round((counters.covered / counters.total) * 1000) / 10 })
    const market = dashboard.places?.byKind.find((row) => row.kind === 'market')
    // 新华集贸市场 and 三岔口市场 carry a banner; 贾嗣农贸市场 none.
    expect(market).toMatchObject({ label: '集贸市场', total: 3, covered: 2 })
  })

  it('judges the share against a target when the campaign sets one', async () => {
    const { data: campaigns } = await h.db.collection('campaigns').where({ townId: 'town-jiasi' }).get()
    for (const campaign of campaigns as { _id: string }[]) await h.db.collection('campaigns').doc(campaign._id).update({ placeTargetPercent: 1 })
    clearCache()
    const dashboard = data(await h.call<Dashboard>('progress', progress, 'demo-office', { action: 'dashboard', payload: {} }))
    expect(dashboard.places).toMatchObject({ targetPercent: 1, status: 'met', statusLabel: '已达标' })
    for (const campaign of campaigns as { _id: string }[]) await h.db.collection('campaigns').doc(campaign._id).update({ placeTargetPercent: null })
  })
})

describe('通报', () => {
  it('reports the key places beside household coverage, on the page and in the .xlsx', async () => {
    const period = { from: addDays(today(), -6), to: today() }
    const page = data(await h.call<Bulletin>('progress', progress, 'demo-office', { action: 'bulletin', payload: period }))
    const counters = await placeCounters()
    expect(page.places?.villages).toEqual([{ villageId: VILLAGE, villageName: '新华村', total: counters.total, covered: counters.covered, percent: expect.any(Number) }])
    expect(page.paragraphs.some((text) => text.startsWith('宣传阵地方面：') && text.includes(`已悬挂横幅或张贴海报${counters.covered}处`))).toBe(true)
    const file = data(await h.call<{ url: string }>('progress', progress, 'demo-office', { action: 'bulletinExport', payload: period, requestId: h.newRequestId() }))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await (await fetch(file.url)).arrayBuffer()) as unknown as ExcelJS.Buffer)
    const cells: string[] = []
    book.worksheets[0].eachRow((row) => cells.push(String(row.getCell(1).value)))
    expect(cells).toContain('重点场所横幅、海报覆盖情况（截至导出时）')
    expect(cells).toContain('新华村')
  })
})

describe('archive', () => {
  it('exports the village records with photos embedded, and audits the export', async () => {
    const reply = await call<{ activities: number; photos: number; url: string; fileName: string }>('demo-police', 'exportArchive', { villageId: VILLAGE, from: addDays(today(), -30), to: today() }, h.newRequestId())
    const file = data(reply)
    expect(file.activities).toBeGreaterThan(3)
    expect(file.photos).toBeGreaterThan(2)
    expect(file.fileName).toBe(`新华村宣传活动台账（${addDays(today(), -30)}至${today()}）.xlsx`)
    const bytes = Buffer.from(await (await fetch(file.url)).arrayBuffer())
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer)
    const sheet = book.worksheets[0]
    expect(sheet.getImages().length).toBe(file.photos)
    expect(sheet.getRow(2).values).toEqual([undefined, '序号', '日期', '活动类型', '场所/地点', '人数或数量', '活动内容', '记录人', '照片'])
    expect(await h.count('audit', { action: 'activities.exportArchive', target: VILLAGE })).toBe(1)
    expect(await call('demo-unit-head', 'exportArchive', { villageId: VILLAGE, from: today(), to: today() }, h.newRequestId())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
