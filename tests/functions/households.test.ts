import ExcelJS from 'exceljs'
import { main as households } from '../../cloudfunctions/households'
import type { Reply } from '../../domain/errors'
import type { HouseholdView, RosterImportResult, RosterPreview } from '../../domain/roster'
import { uploadRoster } from '../support/files'
import { startFunctionHarness, type Harness } from '../support/functions'

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

const call = <T>(openid: string, action: string, payload: unknown, write = false) =>
  h.call<T>('households', households, openid, { action, payload, requestId: write ? h.newRequestId() : undefined })

/** A roster file `openid` uploaded for `villageId`, where the app puts it. */
function upload(openid: string, villageId: string, name: string, content: Buffer | string): Promise<string> {
  return uploadRoster(h, { openid, villageId }, name.endsWith('.xlsx') ? 'xlsx' : 'csv', content)
}

describe('importing a household register', () => {
  const VILLAGE = 'v-shiliang'

  it('previews row-level problems and imports nothing while any remain', async () => {
    const csv = [
      '组,门牌号,户主姓名,联系电话',
      '1,1号,张一,13800000001',
      '一,2号,张二,023-47651042',
      ',3号,张三,13800000003',
      '2,4号,张四,12345',
      '1,一号,张五,',
      '2,,张六,',
    ].join('\n')
    const fileID = await upload('demo-office', VILLAGE, 'bad.csv', csv)
    const preview = data(await call<RosterPreview>('demo-office', 'previewImport', { villageId: VILLAGE, fileID }))
    expect(preview.problems).toEqual([
      { line: 4, field: 'group', message: '请填写所在的组' },
      { line: 5, field: 'phone', message: expect.stringContaining('电话“12345”无效') },
      { line: 6, field: 'door', message: '与第2行是同一个地址（石梁村1组1号）' },
      { line: 7, field: 'door', message: '缺少门牌号' },
    ])
    expect(preview).toMatchObject({ toAdd: 2, alreadyRegistered: 0, missingHeaders: [] })

    const before = await h.count('households', { villageId: VILLAGE })
    expect(await call('demo-office', 'commitImport', { villageId: VILLAGE, fileID }, true)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'fileID', message: expect.stringContaining('没有导入任何一户') },
    })
    expect(await h.count('households', { villageId: VILLAGE })).toBe(before)
  })

  it('imports a clean file once: importing it again adds nothing', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${(i % 5) + 1},${i + 10}号,户主${i},138${String(i).padStart(8, '0')}`)
    const fileID = await upload('demo-office', VILLAGE, 'good.csv', ['组,门牌号,户主姓名,联系电话', ...rows].join('\r\n'))
    expect(data(await call<RosterImportResult>('demo-office', 'commitImport', { villageId: VILLAGE, fileID }, true))).toEqual({ added: 50, alreadyRegistered: 0 })
    expect(data(await call<RosterImportResult>('demo-office', 'commitImport', { villageId: VILLAGE, fileID }, true))).toEqual({ added: 0, alreadyRegistered: 50 })
    expect(await h.count('households', { villageId: VILLAGE, source: 'import' })).toBe(50)
    expect(await h.count('audit', { action: 'households.import', target: VILLAGE })).toBe(2)
  })

  it('reads .xlsx rosters with their own header names', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('花名册')
    sheet.addRow(['村民小组', '住址', '户主', '手机号'])
    sheet.addRow([2, '二组 8 号', '李四', '13911112222'])
    sheet.addRow(['3社', '9号', '王五', 13911113333])
    const fileID = await upload('demo-cadre', 'v-xinhua', 'roster.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    expect(data(await call<RosterImportResult>('demo-cadre', 'commitImport', { villageId: 'v-xinhua', fileID }, true))).toEqual({ added: 2, alreadyRegistered: 0 })
    const register = data(await call<{ households: HouseholdView[] }>('demo-cadre', 'register', { villageId: 'v-xinhua' }))
    expect(register.households).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ address: '新华村2组8号', headName: '李四', phone: '13911112222', group: 2 }),
        expect.objectContaining({ address: '新华村3组9号', headName: '王五', phone: '13911113333', group: 3 }),
      ]),
    )
  })

  it('reads a GBK-encoded CSV as Excel on Chinese Windows saves it', async () => {
    const gbk = Buffer.from('d7e92cc3c5c5c6bac52cbba7d6f7d0d5c3fb0d0a312c3538bac52cd5c5c8fd0d0a', 'hex')
    const fileID = await upload('demo-office', 'v-guanyin', 'gbk.csv', gbk)
    const preview = data(await call<RosterPreview>('demo-office', 'previewImport', { villageId: 'v-guanyin', fileID }))
    expect(preview).toMatchObject({ toAdd: 1, problems: [], missingHeaders: [] })
  })

  it('names missing columns', async () => {
    const fileID = await upload('demo-office', VILLAGE, 'cols.csv', '姓名,电话\n张三,13800000000')
    const preview = data(await call<RosterPreview>('demo-office', 'previewImport', { villageId: VILLAGE, fileID }))
    expect(preview.missingHeaders).toEqual(['door', 'group'])
  })

  it('imports only a file the caller uploaded for that village', async () => {
    const csv = '组,门牌号,户主姓名\n1,1号,甲'
    const officeFile = await upload('demo-office', 'v-xinhua', 'office.csv', csv)
    const otherVillage = await upload('demo-cadre', VILLAGE, 'elsewhere.csv', csv)
    const before = await h.count('households', { villageId: 'v-xinhua' })
    for (const fileID of [officeFile, otherVillage, 'cloud://local.local-storage/exports/archive/v-xinhua/x.xlsx']) {
      expect(await call('demo-cadre', 'previewImport', { villageId: 'v-xinhua', fileID })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileID' } })
      expect(await call('demo-cadre', 'commitImport', { villageId: 'v-xinhua', fileID }, true)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileID' } })
    }
    expect(await h.count('households', { villageId: 'v-xinhua' })).toBe(before)
  })

  it('refuses the import to a resident and to a cadre of another village', async () => {
    const fileID = await upload('demo-office', VILLAGE, 'x.csv', '组,门牌号,户主姓名\n1,1号,甲')
    expect(await call('demo-resident', 'commitImport', { villageId: VILLAGE, fileID }, true)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('demo-cadre', 'commitImport', { villageId: VILLAGE, fileID }, true)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('the same doors added at once', () => {
  const VILLAGE = 'v-shiliang'

  it('registers a door once when several requests add it together; every one gets the household', async () => {
    const before = await h.count('households', { villageId: VILLAGE })
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => call<{ household: HouseholdView; created: boolean }>('demo-office', 'create', { villageId: VILLAGE, group: 4, door: '88号', headName: '同时', phone: '' }, true)),
    )
    const results = replies.map(data)
    expect(results.filter((result) => result.created)).toHaveLength(1)
    expect(new Set(results.map((result) => result.household.id)).size).toBe(1)
    expect(await h.count('households', { villageId: VILLAGE })).toBe(before + 1)
  })

  it('imports a roster committed by several requests at once exactly once', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${(i % 3) + 5},${i + 500}号,并发${i},`)
    const fileID = await upload('demo-office', VILLAGE, 'twice.csv', ['组,门牌号,户主姓名,联系电话', ...rows].join('\n'))
    const before = await h.count('households', { villageId: VILLAGE })
    const results = (await Promise.all(Array.from({ length: 3 }, () => call<RosterImportResult>('demo-office', 'commitImport', { villageId: VILLAGE, fileID }, true)))).map(data)
    expect(results.reduce((sum, result) => sum + result.added, 0)).toBe(120)
    expect(results.every((result) => result.added + result.alreadyRegistered === 120)).toBe(true)
    expect(await h.count('households', { villageId: VILLAGE })).toBe(before + 120)
  })
})
