import type ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { main as progress } from '../../cloudfunctions/progress'
import { main as visits } from '../../cloudfunctions/visits'
import { ARCHIVE_COLUMNS, type ArchiveExport } from '../../domain/archive'
import { addDays, chineseDate, shanghaiDay } from '../../domain/dates'
import type { VisitDetail } from '../../domain/visits'
import { startFunctionHarness, type Harness } from '../support/functions'
import { addStaff, cellText, data, download, logVisit, readWorkbook, writeProgress, xlsxPart } from '../support/progress'
import { signaturePng } from '../../local/seed/signature-png'

// The archive export reproduces the paper 入户工作记录表: one worksheet per
// staff member, one form per staff member, day and co-workers, every visit unmasked, the
// signature image in its cell.

let h: Harness
const VILLAGE = 'v-xinhua'
const today = shanghaiDay()
const day1 = addDays(today, -2)
const day2 = addDays(today, -1)
const pngA = signaturePng(1, 360, 140)
const pngB = signaturePng(2, 300, 200)

let exported: ArchiveExport
let bytes: Buffer
let book: ExcelJS.Workbook
const logged: Record<string, VisitDetail> = {}

beforeAll(async () => {
  h = await startFunctionHarness()
  await addStaff(h, { openid: 'wx-xinhua-2', name: '王干部', roles: ['resident', 'cadre'], villageId: VILLAGE })
  await addStaff(h, { openid: 'wx-yanba-cadre', name: '燕坝网格员', roles: ['resident', 'cadre'], villageId: 'v-yanba' })

  // 李网格 (demo-cadre), day 1: signed, refused, proxy, and one that is voided.
  logged.signed = await logVisit(h, 'demo-cadre', VILLAGE, {
    visitedOn: day1,
    signatureKind: 'signed',
    png: pngA,
    residentName: '欧阳娜娜',
    phone: '13912345678',
    newHousehold: { group: 3, door: '8号', headName: '欧阳娜娜', phone: '' },
    coworkers: ['王五'],
    items: ['propaganda', 'warningSigned'],
  })
  logged.refused = await logVisit(h, 'demo-cadre', VILLAGE, {
    visitedOn: day1,
    residentName: '赵大爷',
    phone: '',
    phoneDeclinedReason: '没有手机',
    newHousehold: { group: 3, door: '9号', headName: '赵大爷', phone: '' },
  })
  logged.proxy = await logVisit(h, 'demo-cadre', VILLAGE, {
    visitedOn: day1,
    signatureKind: 'proxy',
    png: pngB,
    residentName: '钱奶奶',
    phone: '023-47651042',
    newHousehold: { group: 4, door: '1号', headName: '钱奶奶', phone: '' },
    coworkers: ['赵六'],
  })
  const voided = await logVisit(h, 'demo-cadre', VILLAGE, { visitedOn: day1, newHousehold: { group: 4, door: '2号', headName: '作废户', phone: '' } })
  data(await h.call('visits', visits, 'demo-cadre', { action: 'void', payload: { visitId: voided.id, reason: '录错了' }, requestId: h.newRequestId() }))

  // 李网格, day 2: ten signed visits, more than one printed page holds.
  for (let i = 0; i < 10; i += 1) {
    await logVisit(h, 'demo-cadre', VILLAGE, {
      visitedOn: day2,
      signatureKind: 'signed',
      png: signaturePng(100 + i),
      residentName: `住户${i + 1}`,
      newHousehold: { group: 5, door: `${i + 1}号`, headName: `住户${i + 1}`, phone: '' },
    })
  }

  // 王干部, day 1: one visit with other content.
  await logVisit(h, 'wx-xinhua-2', VILLAGE, {
    visitedOn: day1,
    signatureKind: 'signed',
    items: ['propaganda'],
    otherContent: '人口普查',
    residentName: '孙婆婆',
    newHousehold: { group: 6, door: '3号', headName: '孙婆婆', phone: '' },
  })

  // Outside the range, and in another village: not in the file.
  await logVisit(h, 'demo-cadre', VILLAGE, { visitedOn: addDays(today, -20), newHousehold: { group: 7, door: '1号', headName: '早先', phone: '' } })
  await logVisit(h, 'wx-yanba-cadre', 'v-yanba', { visitedOn: day1, unitName: '燕坝村村委会', newHousehold: { group: 1, door: '1号', headName: '燕坝户', phone: '' } })

  exported = data(await writeProgress<ArchiveExport>(h, 'demo-police', 'exportArchive', { villageId: VILLAGE, from: day1, to: day2 }))
  bytes = await download(exported.url)
  book = await readWorkbook(bytes)
}, 60_000)
afterAll(() => h.stop())

const rowTexts = (sheet: ExcelJS.Worksheet, row: number) => Array.from({ length: 7 }, (_, i) => cellText(sheet.getRow(row).getCell(i + 1)))

describe('the archive export', () => {
  it('counts the active visits in range, one form per staff member, day and co-workers, and stores the file under exports/', () => {
    // 李网格's day 1 went with 王五, alone, and with 赵六: three forms; day 2 one form of two pages; 王干部 one.
    expect(exported).toMatchObject({ visits: 14, forms: 5, pages: 6, staff: 2, missingSignatures: 0 })
    expect(exported.fileID).toMatch(/^cloud:\/\/.+\/exports\/archive\/v-xinhua\//)
    expect(exported.fileName).toBe(`新华村入户工作记录表（${day1}至${day2}）.xlsx`)
  })

  it('has one worksheet per staff member', () => {
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['李网格', '王干部'])
  })

  it('heads each form as on paper: title, 单位 / 工作人员 (co-workers too) / 日期, then the columns', () => {
    const sheet = book.getWorksheet('李网格') as ExcelJS.Worksheet
    expect(cellText(sheet.getCell('A1'))).toBe('入户工作记录表')
    expect([cellText(sheet.getCell('A2')), cellText(sheet.getCell('D2')), cellText(sheet.getCell('F2'))]).toEqual([
      '单位：新华村村委会',
      '工作人员：李网格、王五',
      `日期：${chineseDate(day1)}`,
    ])
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['A1:G1', 'A2:C2', 'D2:E2', 'F2:G2']))
    expect(rowTexts(sheet, 3)).toEqual([...ARCHIVE_COLUMNS])
  })

  it('names on each form only the staff who were at every door under it', () => {
    const sheet = book.getWorksheet('李网格') as ExcelJS.Worksheet
    const forms: { staff: string; residents: string[] }[] = []
    sheet.eachRow((row, number) => {
      const first = cellText(row.getCell(1))
      if (first.startsWith('单位：')) forms.push({ staff: cellText(row.getCell(4)), residents: [] })
      else if (/^\d+$/.test(first) && number > 3) forms[forms.length - 1]?.residents.push(cellText(row.getCell(3)))
    })
    expect(forms.slice(0, 3)).toEqual([
      { staff: '工作人员：李网格、王五', residents: ['欧阳娜娜'] },
      { staff: '工作人员：李网格', residents: ['赵大爷'] },
      { staff: '工作人员：李网格、赵六', residents: ['钱奶奶'] },
    ])
  })

  it('lists one row per active visit, unmasked, with the ticked content and the refusal or proxy in words', () => {
    const sheet = book.getWorksheet('李网格') as ExcelJS.Worksheet
    expect(rowTexts(sheet, 4)).toEqual(['1', '☑反诈宣传 ☑防骗提示书签收 ☐其他', '欧阳娜娜', '13912345678', '新华村3组8号', '', day1])
    // Each form numbers its own rows: 赵大爷 heads the second form of day 1, 钱奶奶 the third.
    expect(rowTexts(sheet, 8)).toEqual(['1', '☑反诈宣传 ☐其他', '赵大爷', '未留（没有手机）', '新华村3组9号', '拒签：老人不识字', day1])
    expect(rowTexts(sheet, 12)).toEqual(['1', '☑反诈宣传 ☐其他', '钱奶奶', '023-47651042', '新华村4组1号', '代签：王小明，本人眼睛不好', day1])
    // The voided visit is not on the form: the next row starts day 2's form.
    expect(cellText(sheet.getCell('A13'))).toBe('入户工作记录表')
    const other = book.getWorksheet('王干部') as ExcelJS.Worksheet
    expect(rowTexts(other, 4).slice(1, 3)).toEqual(['☑反诈宣传 ☑其他：人口普查', '孙婆婆'])
  })

  it('continues a long form on a new page under its own header, numbering on, with a page break between pages', async () => {
    const sheet = book.getWorksheet('李网格') as ExcelJS.Worksheet
    // Day 2: title at 13, header 14, columns 15, visits 1-8 at 16-23; then 续 at 24, visits 9-10 at 27-28.
    expect(cellText(sheet.getCell('F14'))).toBe(`日期：${chineseDate(day2)}`)
    expect(cellText(sheet.getCell('A23'))).toBe('8')
    expect(cellText(sheet.getCell('A24'))).toBe('入户工作记录表（续）')
    expect(rowTexts(sheet, 27).slice(0, 3)).toEqual(['9', '☑反诈宣传 ☐其他', '住户9'])
    expect(rowTexts(sheet, 28).slice(0, 3)).toEqual(['10', '☑反诈宣传 ☐其他', '住户10'])
    expect(sheet.rowCount).toBe(28)
    // A manual break after each of day 1's three forms (rows 4, 8, 12) and after the first page of day 2's (23).
    const xml = await xlsxPart(bytes, 'xl/worksheets/sheet1.xml')
    expect([...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((match) => Number(match[1]))).toEqual([4, 8, 12, 23])
  })

  it('embeds each signature image in its visit’s signature cell', () => {
    const sheet = book.getWorksheet('李网格') as ExcelJS.Worksheet
    const images = sheet.getImages()
    // Day 1: signed (row 4) and proxy (row 12); day 2: rows 16-23 and 27-28.
    expect(images.map((image) => image.range.tl.nativeRow + 1).sort((a, b) => a - b)).toEqual([4, 12, 16, 17, 18, 19, 20, 21, 22, 23, 27, 28])
    expect(images.every((image) => image.range.tl.nativeCol === 5)).toBe(true)
    const byRow = new Map(images.map((image) => [image.range.tl.nativeRow + 1, image]))
    const media = (row: number) => book.getImage(Number(byRow.get(row)?.imageId))
    expect(Buffer.from(media(4).buffer as unknown as Uint8Array).equals(pngA)).toBe(true)
    expect(Buffer.from(media(12).buffer as unknown as Uint8Array).equals(pngB)).toBe(true)
    expect(media(4).extension).toBe('png')
    expect(book.getWorksheet('王干部')?.getImages()).toHaveLength(1)
  })

  it('declares its drawings and images as Excel requires', async () => {
    const types = await xlsxPart(bytes, '[Content_Types].xml')
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>')
    expect(types).toContain('<Override PartName="/xl/drawings/drawing2.xml"')
    expect(types).toContain('<Default Extension="png" ContentType="image/png"/>')
    expect(await xlsxPart(bytes, 'xl/worksheets/_rels/sheet1.xml.rels')).toContain('Target="../drawings/drawing1.xml"')
    const zip = await JSZip.loadAsync(bytes)
    const media = Object.values(zip.files).filter((entry) => entry.name.startsWith('xl/media/'))
    expect(media).toHaveLength(13)
  })

  it('is set up to print on A4 landscape, fitted to the page width, centred, with borders like the paper form', async () => {
    const sheet = book.getWorksheet('李网格') as ExcelJS.Worksheet
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true })
    expect(sheet.pageSetup.printTitlesRow).toBeUndefined()
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页')
    // Parts in the order a worksheet's schema requires them.
    const xml = await xlsxPart(bytes, 'xl/worksheets/sheet1.xml')
    const order = ['<sheetData', '<mergeCells', '<printOptions', '<pageMargins', '<pageSetup', '<headerFooter', '<rowBreaks', '<drawing'].map((tag) => xml.indexOf(tag))
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true)
    expect(sheet.getCell('B4').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' } })
  })

  it('writes an audit record of who exported which village, range and count', async () => {
    const { data: entries } = await h.db.collection('audit').where({ action: 'progress.exportArchive' }).get()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actor: 'demo-police', target: VILLAGE, townId: 'town-jiasi', detail: { from: day1, to: day2, visits: 14, forms: 5, fileID: exported.fileID } })
  })
})

describe('who may export, and what input is refused', () => {
  const input = { villageId: VILLAGE, from: day1, to: day2 }

  it('lets office and the village’s own cadres export, and no one else', async () => {
    expect(data(await writeProgress<ArchiveExport>(h, 'demo-office', 'exportArchive', input)).visits).toBe(14)
    expect(data(await writeProgress<ArchiveExport>(h, 'wx-xinhua-2', 'exportArchive', input)).visits).toBe(14)
    for (const openid of ['wx-yanba-cadre', 'demo-unit-head', 'demo-resident']) {
      expect(await writeProgress(h, openid, 'exportArchive', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(data(await writeProgress<ArchiveExport>(h, 'wx-yanba-cadre', 'exportArchive', { ...input, villageId: 'v-yanba' })).visits).toBe(1)
  })

  it('names the field of a reversed or too long range and of an unknown village', async () => {
    expect(await writeProgress(h, 'demo-police', 'exportArchive', { ...input, from: day2, to: day1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'to' } })
    expect(await writeProgress(h, 'demo-police', 'exportArchive', { ...input, from: addDays(today, -400), to: today })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'to' },
    })
    expect(await writeProgress(h, 'demo-police', 'exportArchive', { ...input, from: '2024-02-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'from' } })
    expect(await writeProgress(h, 'demo-police', 'exportArchive', { ...input, villageId: 'v-nowhere' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'villageId' } })
  })

  it('needs a requestId, and answers a retry with the same file', async () => {
    const requestId = h.newRequestId()
    const first = data(await writeProgress<ArchiveExport>(h, 'demo-police', 'exportArchive', input, requestId))
    const again = data(await writeProgress<ArchiveExport>(h, 'demo-police', 'exportArchive', input, requestId))
    expect(again.fileID).toBe(first.fileID)
    expect(await h.call('progress', progress, 'demo-police', { action: 'exportArchive', payload: input })).toMatchObject({
      ok: false,
      error: { field: 'requestId' },
    })
  })
})

describe('a signature image that cannot be read', () => {
  it('still exports the visit, saying in its cell that the image is missing, and counts it', async () => {
    const visit = await logVisit(h, 'demo-cadre', VILLAGE, { visitedOn: addDays(today, -5), signatureKind: 'signed', residentName: '周爷爷', newHousehold: { group: 9, door: '1号', headName: '周爷爷', phone: '' } })
    const stored = await h.db.collection('visits').doc(visit.id).get()
    await h.local.app.deleteFile({ fileList: [stored.data[0].signature.fileID] })
    const reply = data(await writeProgress<ArchiveExport>(h, 'demo-police', 'exportArchive', { villageId: VILLAGE, from: addDays(today, -5), to: addDays(today, -5) }))
    expect(reply).toMatchObject({ visits: 1, missingSignatures: 1 })
    const sheet = (await readWorkbook(await download(reply.url))).worksheets[0]
    expect(cellText(sheet.getCell('F4'))).toBe('本人签字（签名图片缺失，请核对纸质记录）')
    expect(sheet.getImages()).toHaveLength(0)
  })
})
