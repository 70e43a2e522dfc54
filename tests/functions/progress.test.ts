import { coverageId } from '../../domain/coverage-ledger'
import { progressOf, STATUS_ORDER } from '../../domain/coverage'
import { addDays, shanghaiDay } from '../../domain/dates'
import { BULLETIN_COLUMNS, type Bulletin } from '../../domain/bulletin'
import { type ExportedFile } from '../../domain/files'
import { weekStartOf, type Dashboard } from '../../domain/progress'
import { DEMO_VILLAGES, demoCampaigns } from '../../local/seed/demo-town'
import { startFunctionHarness, type Harness } from '../support/functions'
import { addStaff, callProgress, cellText, data, download, logVisit, readWorkbook, writeProgress } from '../support/progress'

// The dashboard and the bulletin read only the counters the visits function
// keeps; here visits go through that function and the figures come back.

let h: Harness
const today = shanghaiDay()
const monday = weekStartOf(today)
const campaign = demoCampaigns(today)[1]
const registered = (id: string) => DEMO_VILLAGES.find((village) => village._id === id)?.registeredHouseholds ?? 0

/** What the test logged, by day: visits and households newly covered that day. */
const logged: { day: string; village: string; newlyCovered: boolean }[] = []

async function visit(openid: string, village: string, day: string, door: string, options: { newlyCovered: boolean; qualifying?: boolean }) {
  await logVisit(h, openid, village, {
    visitedOn: day,
    unitName: '村委会',
    newHousehold: { group: 1, door, headName: '户主', phone: '' },
    ...(options.qualifying === false ? { items: [], otherContent: '人口普查' } : {}),
  })
  logged.push({ day, village, newlyCovered: options.newlyCovered })
}

/** Counters for a village as if its visits had been logged `daysAgo` (weeks before this one). */
async function seedCounters(village: string, covered: number, daysAgo: number) {
  const day = addDays(monday, -daysAgo)
  await h.db.collection('coverage').doc(coverageId(campaign._id, village)).set({
    campaignId: campaign._id,
    villageId: village,
    townId: 'town-jiasi',
    covered,
    visits: covered,
    byDay: { [day]: { visits: covered, newlyCovered: covered } },
    updatedAt: new Date(),
  })
}

beforeAll(async () => {
  h = await startFunctionHarness()
  await addStaff(h, { openid: 'wx-yanba-cadre', name: '燕坝网格员', roles: ['resident', 'cadre'], villageId: 'v-yanba' })

  // 新华村: household 1 twice (9 days ago, then today), household 2 three days ago,
  // household 3 only for a census (not anti-fraud work), household 4 today.
  await visit('demo-cadre', 'v-xinhua', addDays(today, -9), '1号', { newlyCovered: true })
  await visit('demo-cadre', 'v-xinhua', today, '1号', { newlyCovered: false })
  await visit('demo-cadre', 'v-xinhua', addDays(today, -3), '2号', { newlyCovered: true })
  await visit('demo-cadre', 'v-xinhua', today, '3号', { newlyCovered: false, qualifying: false })
  await visit('demo-cadre', 'v-xinhua', today, '4号', { newlyCovered: true })
  // 燕坝村: one household yesterday.
  await visit('wx-yanba-cadre', 'v-yanba', addDays(today, -1), '1号', { newlyCovered: true })

  // Three villages further along, so that every status shows: 永兴村 done,
  // 高峰村 on pace, 太平村 a little behind.
  const expected = (village: string) => progressOf(registered(village), 0, campaign, today).expectedByToday
  await seedCounters('v-yongxing', registered('v-yongxing'), 14)
  await seedCounters('v-gaofeng', expected('v-gaofeng'), 14)
  await seedCounters('v-taiping', Math.floor(expected('v-taiping') * 0.75), 21)
}, 60_000)
afterAll(() => h.stop())

const dashboardOf = async (openid: string, payload: unknown = {}) => data(await callProgress<Dashboard>(h, openid, 'dashboard', payload))

describe('the dashboard', () => {
  it('shows office and police the whole town, counting each household once and only anti-fraud visits', async () => {
    for (const openid of ['demo-office', 'demo-police']) {
      const board = await dashboardOf(openid)
      expect(board).toMatchObject({ scope: 'town', scopeName: '贾嗣镇', today, campaign: { id: campaign._id } })
      expect(board.villages).toHaveLength(12)
      const xinhua = board.villages.find((village) => village.id === 'v-xinhua')
      expect(xinhua).toMatchObject({ name: '新华村', unitName: '党群办（宣传）', visits: 5, progress: { registered: 1180, covered: 3 } })
      expect(board.villages.find((village) => village.id === 'v-yanba')?.progress.covered).toBe(1)
      const townRegistered = DEMO_VILLAGES.reduce((sum, village) => sum + village.registeredHouseholds, 0)
      const seeded = registered('v-yongxing') + (board.villages.find((v) => v.id === 'v-gaofeng')?.progress.covered ?? 0) + (board.villages.find((v) => v.id === 'v-taiping')?.progress.covered ?? 0)
      expect(board.total).toEqual(progressOf(townRegistered, 4 + seeded, campaign, today))
      expect(board.units.map((unit) => unit.name)).toEqual(['党群办（宣传）', '平安建设办', '经济办', '财政办'])
      expect(board.units[0]).toMatchObject({ villages: 3, progress: { registered: 2460 + 1180 + 860, covered: 3 } })
    }
  })

  it('puts the villages most in need of help first: by status, then by the share covered', async () => {
    const board = await dashboardOf('demo-office')
    const statuses = board.villages.map((village) => village.progress.status)
    expect(new Set(statuses)).toEqual(new Set(['far_behind', 'behind', 'on_track', 'met']))
    const ranks = board.villages.map((village) => [STATUS_ORDER[village.progress.status], village.progress.percent])
    const sorted = [...ranks].sort((a, b) => a[0] - b[0] || a[1] - b[1])
    expect(ranks).toEqual(sorted)
    expect(board.villages[board.villages.length - 1].id).toBe('v-yongxing')
    expect(board.villages.find((village) => village.id === 'v-taiping')?.progress.status).toBe('behind')
  })

  it('gives the visits and newly covered households of each of the last 56 days', async () => {
    const board = await dashboardOf('demo-office')
    expect(board.daily).toHaveLength(56)
    expect(board.daily[0].day).toBe(addDays(today, -55))
    expect(board.daily[55].day).toBe(today)
    for (const { day, visits, newlyCovered } of board.daily) {
      const seededDays = [14, 21].map((n) => addDays(monday, -n))
      if (seededDays.includes(day)) continue
      expect({ day, visits, newlyCovered }).toEqual({
        day,
        visits: logged.filter((entry) => entry.day === day).length,
        newlyCovered: logged.filter((entry) => entry.day === day && entry.newlyCovered).length,
      })
    }
  })

  it('sums this week from Monday: visits, households newly covered, and coverage at the start of the week', async () => {
    const board = await dashboardOf('demo-office')
    const thisWeek = logged.filter((entry) => entry.day >= monday)
    const newly = thisWeek.filter((entry) => entry.newlyCovered).length
    expect(board.thisWeek).toEqual({
      from: monday,
      to: today,
      visits: thisWeek.length,
      newlyCovered: newly,
      coveredNow: board.total.covered,
      coveredAtWeekStart: board.total.covered - newly,
    })
    const xinhua = board.villages.find((village) => village.id === 'v-xinhua')
    expect(xinhua?.visitsThisWeek).toBe(thisWeek.filter((entry) => entry.village === 'v-xinhua').length)
    expect(xinhua?.newlyCoveredThisWeek).toBe(thisWeek.filter((entry) => entry.village === 'v-xinhua' && entry.newlyCovered).length)
  })

  it('shows a unit head only the villages of their unit', async () => {
    const board = await dashboardOf('demo-unit-head')
    expect(board).toMatchObject({ scope: 'unit', scopeName: '党群办（宣传）', units: [] })
    expect(board.villages.map((village) => village.id).sort()).toEqual(['v-jiasi', 'v-shiliang', 'v-xinhua'])
    expect(board.total).toMatchObject({ registered: 2460 + 1180 + 860, covered: 3 })
    expect(board.daily.reduce((sum, day) => sum + day.visits, 0)).toBe(5)
  })

  it('shows a cadre only their own village', async () => {
    const board = await dashboardOf('demo-cadre')
    expect(board).toMatchObject({ scope: 'village', scopeName: '新华村', units: [], total: { registered: 1180, covered: 3 } })
    expect(board.villages.map((village) => village.id)).toEqual(['v-xinhua'])
    expect((await dashboardOf('wx-yanba-cadre')).villages.map((village) => village.id)).toEqual(['v-yanba'])
  })

  it('refuses residents, and shows another campaign when asked for it', async () => {
    expect(await callProgress(h, 'demo-resident', 'dashboard')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const past = await dashboardOf('demo-office', { campaignId: 'campaign-2021' })
    expect(past).toMatchObject({ campaign: { id: 'campaign-2021', startDay: '2021-02-02' }, total: { covered: 0 } })
    expect(await callProgress(h, 'demo-office', 'dashboard', { campaignId: 'campaign-1999' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'campaignId' },
    })
  })
})

describe('the bulletin', () => {
  const from = addDays(today, -13)
  const period = { from, to: today }

  it('tells the town’s progress and change, the next milestone’s pace, who needs support by how much, and who did well', async () => {
    const bulletin = data(await callProgress<Bulletin>(h, 'demo-office', 'bulletin', period))
    const board = await dashboardOf('demo-office')
    expect(bulletin.title).toBe('贾嗣镇全民反诈入户宣传工作进度通报')
    expect(bulletin.period).toEqual({ from, to: today, asOf: today })
    const [town, milestone, support, wellDone] = bulletin.paragraphs
    expect(town).toContain(`已入户宣传覆盖${board.total.covered}户`)
    expect(town).toContain(`共入户${logged.length}次，新覆盖${logged.filter((entry) => entry.newlyCovered).length}户`)
    expect(milestone).toContain(`还需覆盖${(board.total.milestone?.targetHouseholds ?? 0) - board.total.covered}户`)
    expect(milestone).toContain(`平均每天需新覆盖${board.total.neededPerDay}户`)
    const taiping = bulletin.table.rows.find((row) => row.villageId === 'v-taiping')
    expect(support).toContain(`太平村（已覆盖${taiping?.percent.toFixed(1)}%，距阶段目标还差${taiping?.householdsToGo}户，每天需覆盖约${taiping?.neededPerDay}户）`)
    expect(support).toMatch(/^需要重点帮扶的有：.*新华村（已覆盖0\.3%/)
    expect(support).toContain('协助')
    expect(wellDone).toContain('永兴村已完成阶段目标')
    expect(wellDone).toContain('新华村（新覆盖3户）')
  })

  it('has a table of every village in its standing order, with in-period figures from the counters', async () => {
    const bulletin = data(await callProgress<Bulletin>(h, 'demo-office', 'bulletin', period))
    expect(bulletin.table.columns).toEqual(BULLETIN_COLUMNS)
    expect(bulletin.table.rows.map((row) => row.villageId)).toEqual(DEMO_VILLAGES.map((village) => village._id))
    expect(bulletin.table.rows.find((row) => row.villageId === 'v-xinhua')).toMatchObject({
      registered: 1180,
      covered: 3,
      periodVisits: 5,
      periodNewlyCovered: 3,
      statusLabel: '严重落后',
    })
    // 太平村's households were covered three weeks ago: before this period.
    expect(bulletin.table.rows.find((row) => row.villageId === 'v-taiping')).toMatchObject({ periodVisits: 0, periodNewlyCovered: 0 })
    expect(bulletin.table.total).toMatchObject({ villageName: '全镇合计', periodVisits: logged.length })
  })

  it('is for office only, over at most 92 days', async () => {
    for (const openid of ['demo-police', 'demo-cadre', 'demo-unit-head', 'demo-resident']) {
      expect(await callProgress(h, openid, 'bulletin', period)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await writeProgress(h, openid, 'bulletinExport', period)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await callProgress(h, 'demo-office', 'bulletin', { from: addDays(today, -92), to: today })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'to' },
    })
    expect(await callProgress(h, 'demo-office', 'bulletin', { from: today, to: addDays(today, -1) })).toMatchObject({ ok: false, error: { field: 'to' } })
  })

  it('exports as a readable .xlsx in cloud storage, and audits it', async () => {
    const file = data(await writeProgress<ExportedFile>(h, 'demo-office', 'bulletinExport', period))
    expect(file.fileID).toMatch(/\/exports\/bulletins\/town-jiasi\//)
    const book = await readWorkbook(await download(file.url))
    const sheet = book.getWorksheet('通报')
    expect(sheet).toBeDefined()
    expect(cellText(sheet!.getCell('A1'))).toBe('贾嗣镇全民反诈入户宣传工作进度通报')
    const texts: string[][] = []
    sheet!.eachRow((row) => texts.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))))
    const header = texts.findIndex((row) => row[0] === BULLETIN_COLUMNS[0])
    expect(texts[header]).toEqual(BULLETIN_COLUMNS)
    expect(texts.slice(header + 1, header + 13).map((row) => row[0])).toEqual(DEMO_VILLAGES.map((village) => village.name))
    expect(texts[header + 13][0]).toBe('全镇合计')
    expect(sheet!.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1 })
    expect(await h.count('audit', { action: 'progress.bulletinExport', actor: 'demo-office' })).toBe(1)
  })
})

describe('recount permissions', () => {
  it('lets only office recount', async () => {
    for (const openid of ['demo-police', 'demo-cadre', 'demo-unit-head', 'demo-resident']) {
      expect(await writeProgress(h, openid, 'recount', { villageId: 'v-xinhua' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })
})
