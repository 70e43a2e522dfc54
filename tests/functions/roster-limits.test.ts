import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { PassThrough } from 'stream'
import { main as households } from '../../cloudfunctions/households'
import type { Reply } from '../../domain/errors'
import { MAX_ROSTER_ROWS, type RosterPreview } from '../../domain/roster'
import { uploadRoster } from '../support/files'
import { startFunctionHarness, type Harness } from '../support/functions'

// Roster files past the limits, as a phone can put them in storage: refused
// early, with the message the user sees, and nothing written.

// Building a 600,000-row workbook or a zip bomb takes seconds of CPU on its own.
jest.setTimeout(60_000)

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const OFFICE = 'demo-office'
const VILLAGE = 'v-qinglong'
const HEADER = ['组', '门牌号', '户主姓名', '联系电话']
const TOO_MANY_ROWS = `一次最多导入 ${MAX_ROSTER_ROWS} 行，请分成几个文件`
const MB = 1024 * 1024

const upload = (extension: 'csv' | 'xlsx', content: Buffer | string) => uploadRoster(h, { openid: OFFICE, villageId: VILLAGE }, extension, content)
const preview = (fileID: string) => h.call<RosterPreview>('households', households, OFFICE, { action: 'previewImport', payload: { villageId: VILLAGE, fileID } })
const commit = (fileID: string) => h.call('households', households, OFFICE, { action: 'commitImport', payload: { villageId: VILLAGE, fileID }, requestId: h.newRequestId() })

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

const refused = (message: string | jest.AsymmetricMatcher) => ({ ok: false, error: { code: 'INVALID_INPUT', field: 'fileID', message } })

const household = (i: number) => [(i % 12) + 1, `${i + 1}号`, `户主${i}`, `139${String(i).padStart(8, '0')}`]
const csv = (rows: (string | number)[][]) => [HEADER, ...rows].map((cells) => cells.join(',')).join('\n')

/** Through ExcelJS's streaming writer, shared strings on: parts in the order Excel writes them (sheets before shared strings). */
async function xlsx(count: number, row: (i: number) => (string | number)[]): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: false })
  const sheet = workbook.addWorksheet('名册')
  sheet.addRow(HEADER).commit()
  for (let i = 0; i < count; i += 1) sheet.addRow(row(i)).commit()
  sheet.commit()
  await workbook.commit()
  return Buffer.concat(chunks)
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** A minimal workbook: `sheet` is the worksheet's XML inside <worksheet>, `sharedStrings` the <si> items. */
function rawXlsx(sheet: string, sharedStrings?: string): Promise<Buffer> {
  const zip = new JSZip()
  zip.file('xl/workbook.xml', `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`)
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  )
  zip.file('xl/worksheets/sheet1.xml', `<worksheet xmlns="${NS}">${sheet}</worksheet>`)
  if (sharedStrings !== undefined) zip.file('xl/sharedStrings.xml', `<sst xmlns="${NS}">${sharedStrings}</sst>`)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

const headerRow = `<row r="1">${HEADER.map((text, i) => `<c r="${'ABCD'[i]}1" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`

/** Rewrites the inflated size the zip states for `name`, in its local header and its central directory entry. */
function claimSize(zip: Buffer, name: string, size: number): Buffer {
  const patched = Buffer.from(zip)
  for (let at = patched.indexOf(name); at >= 0; at = patched.indexOf(name, at + 1)) {
    if (patched.readUInt32LE(at - 30) === 0x04034b50) patched.writeUInt32LE(size, at - 30 + 22)
    if (patched.readUInt32LE(at - 46) === 0x02014b50) patched.writeUInt32LE(size, at - 46 + 24)
  }
  return patched
}

describe('roster files past the limits', () => {
  it('refuses a 600,000-row .xlsx at the row limit and writes nothing', async () => {
    const content = await xlsx(600_000, () => ['1号'])
    expect(content.length).toBeLessThan(5 * MB)
    const fileID = await upload('xlsx', content)
    const before = await h.count('households', { villageId: VILLAGE })
    expect(await preview(fileID)).toMatchObject(refused(TOO_MANY_ROWS))
    expect(await commit(fileID)).toMatchObject(refused(TOO_MANY_ROWS))
    expect(await h.count('households', { villageId: VILLAGE })).toBe(before)
    expect(await h.count('audit', { action: 'households.import', target: VILLAGE })).toBe(0)
  })

  it('answers 5MB of blank CSV lines as a file without the needed columns', async () => {
    const fileID = await upload('csv', Buffer.alloc(5 * MB, '\n'))
    expect(data(await preview(fileID))).toMatchObject({ total: 0, toAdd: 0, problems: [], missingHeaders: ['door', 'headName', 'group'] })
  })

  it('refuses a file just over 5MB without reading it', async () => {
    const fileID = await upload('csv', Buffer.concat([Buffer.from(csv([household(0)]) + '\n'), Buffer.alloc(5 * MB, '\n')]))
    expect(await preview(fileID)).toMatchObject(refused('名册文件超过 5MB，请分成几个文件导入'))
  })

  it('still says a file that is not there was not uploaded', async () => {
    const fileID = await upload('csv', csv([household(0)]))
    await h.local.app.deleteFile({ fileList: [fileID] })
    expect(await preview(fileID)).toMatchObject(refused('名册文件还没有上传成功，请重新选择文件'))
  })

  it(`takes exactly ${MAX_ROSTER_ROWS} rows; blank lines between them do not count`, async () => {
    const rows = Array.from({ length: MAX_ROSTER_ROWS }, (_, i) => household(i))
    const spaced = csv(rows).replace(/\n(?=1,)/g, '\n\n , ,\n')
    expect(data(await preview(await upload('csv', spaced)))).toMatchObject({ total: MAX_ROSTER_ROWS, problems: [] })
    expect(data(await preview(await upload('xlsx', await xlsx(MAX_ROSTER_ROWS, household))))).toMatchObject({ total: MAX_ROSTER_ROWS, problems: [] })
  })

  it(`refuses ${MAX_ROSTER_ROWS + 1} rows`, async () => {
    const rows = Array.from({ length: MAX_ROSTER_ROWS + 1 }, (_, i) => household(i))
    expect(await preview(await upload('csv', csv(rows)))).toMatchObject(refused(TOO_MANY_ROWS))
    expect(await preview(await upload('xlsx', await xlsx(MAX_ROSTER_ROWS + 1, household)))).toMatchObject(refused(TOO_MANY_ROWS))
  })

  it('refuses an .xlsx whose parts inflate far past their size (a zip bomb)', async () => {
    const inflatesTooMuch = (part: string) => expect.stringMatching(new RegExp(`^Excel 文件解压后过大（${part}超过`))
    // 20MB of shared strings from a few kilobytes: refused from what the zip states, before inflating.
    const sharedStrings = await rawXlsx(`<sheetData>${headerRow}</sheetData>`, '<si><t>x</t></si>'.repeat(1_250_000))
    expect(await preview(await upload('xlsx', sharedStrings))).toMatchObject(refused(inflatesTooMuch('共享文字表')))
    // The same, stating 1KB: refused once more than that comes out.
    expect(await preview(await upload('xlsx', claimSize(sharedStrings, 'xl/sharedStrings.xml', 1024)))).toMatchObject(refused(inflatesTooMuch('共享文字表')))
    // A sheet of one 40MB cell: read as it streams, and refused at the cap.
    const giantCell = await rawXlsx(`<sheetData>${headerRow}<row r="2"><c r="A2" t="inlineStr"><is><t>${'x'.repeat(40 * MB)}</t></is></c></row></sheetData>`)
    expect(await preview(await upload('xlsx', giantCell))).toMatchObject(refused(inflatesTooMuch('工作表')))
  })

  it('refuses an .xlsx whose cells reach far to the right, and one merging a whole sheet', async () => {
    const farRight = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 2}"><c r="XFD${i + 2}"><v>1</v></c></row>`).join('')
    expect(await preview(await upload('xlsx', await rawXlsx(`<sheetData>${headerRow}${farRight}</sheetData>`)))).toMatchObject(refused(expect.stringContaining('名册的单元格太多')))
    const mergedSheet = await rawXlsx(`<sheetData>${headerRow}<row r="2"><c r="A2"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>`)
    expect(await preview(await upload('xlsx', mergedSheet))).toMatchObject(refused(expect.stringContaining('名册的单元格太多')))
  })
})

describe('an .xlsx read as it streams', () => {
  it('reads Chinese text whole wherever the chunks split it, and merged 组 cells for every row', async () => {
    const village = 'v-xinhua'
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('名册')
    sheet.addRow(HEADER)
    const names: string[] = []
    for (let group = 1; group <= 60; group += 1) {
      const first = sheet.rowCount + 1
      for (let i = 0; i < 50; i += 1) {
        names.push(`欧阳${'春夏秋冬'[i % 4]}${group}户${i}`)
        sheet.addRow([i === 0 ? `${group}组` : null, `${group}-${i + 1}号`, names.at(-1) ?? '', ''])
      }
      sheet.mergeCells(`A${first}:A${first + 49}`)
    }
    const fileID = await uploadRoster(h, { openid: OFFICE, villageId: village }, 'xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    const payload = { villageId: village, fileID }
    expect(data(await h.call<RosterPreview>('households', households, OFFICE, { action: 'previewImport', payload }))).toMatchObject({ total: 3000, toAdd: 3000, problems: [] })
    expect(data(await h.call('households', households, OFFICE, { action: 'commitImport', payload, requestId: h.newRequestId() }))).toEqual({ added: 3000, alreadyRegistered: 0 })
    const stored: string[] = []
    for (let offset = 0; ; offset += 1000) {
      const { data: page } = await h.db.collection('households').where({ villageId: village }).skip(offset).limit(1000).get()
      stored.push(...page.map((doc: { headName: string }) => doc.headName).filter((name: string) => name.startsWith('欧阳')))
      if (page.length < 1000) break
    }
    expect(stored.sort()).toEqual(names.sort())
  })
})
