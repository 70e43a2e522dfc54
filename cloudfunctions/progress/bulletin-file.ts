import ExcelJS from 'exceljs'
import { BULLETIN_PLACE_COLUMNS, type Bulletin, type BulletinPlaces, type BulletinRow } from '../../domain/bulletin'
import { chineseDate } from '../../domain/dates'

const COLUMN_WIDTHS = [14, 10, 11, 9, 12, 13, 10, 13]
/** Characters of text one line of a merged paragraph row holds, roughly. */
const CHARS_PER_LINE = 44
const THIN = { style: 'thin' as const }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }

/** The bulletin as a printable A4 sheet: title, period, paragraphs, then the table. */
export function bulletinWorkbook(bulletin: Bulletin): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '全民反诈'
  const sheet = workbook.addWorksheet('通报', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    views: [{ showGridLines: false }],
  })
  sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }))
  const last = COLUMN_WIDTHS.length

  const line = (text: string, options: { bold?: boolean; size?: number; align?: 'left' | 'center' | 'right'; height?: number } = {}) => {
    const row = sheet.addRow([text])
    sheet.mergeCells(row.number, 1, row.number, last)
    const cell = row.getCell(1)
    cell.font = { bold: options.bold ?? false, size: options.size ?? 11 }
    cell.alignment = { horizontal: options.align ?? 'left', vertical: 'middle', wrapText: true }
    row.height = options.height ?? Math.max(1, Math.ceil([...text].length / CHARS_PER_LINE)) * 17 + 4
  }

  line(bulletin.title, { bold: true, size: 16, align: 'center', height: 30 })
  line(`（${chineseDate(bulletin.period.from)}至${chineseDate(bulletin.period.to)}）`, { align: 'center', height: 20 })
  line(bulletin.campaign.name, { align: 'center', height: 18 })
  for (const paragraph of bulletin.paragraphs) line(`　　${paragraph}`)
  sheet.addRow([])

  const header = sheet.addRow(bulletin.table.columns)
  header.height = 30
  header.eachCell((cell) => {
    cell.font = { bold: true }
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.border = BORDER
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }
  })
  for (const row of bulletin.table.rows) tableRow(sheet, row, false)
  tableRow(sheet, bulletin.table.total, true)

  if (bulletin.places && bulletin.places.villages.length > 0) placesTable(sheet, bulletin.places)

  sheet.addRow([])
  line(`数据截至${chineseDate(bulletin.period.asOf)}，由入户记录自动汇总；“每天需覆盖户数”为完成下一阶段目标平均每天需新覆盖的户数。`, { size: 9 })
  return workbook
}

function tableRow(sheet: ExcelJS.Worksheet, row: BulletinRow, bold: boolean): void {
  const added = sheet.addRow([
    row.villageName,
    row.registered,
    row.covered,
    row.percent / 100,
    row.periodVisits,
    row.periodNewlyCovered,
    row.statusLabel,
    row.status === 'met' ? '—' : row.neededPerDay,
  ])
  added.height = 20
  added.eachCell((cell, column) => {
    cell.border = BORDER
    cell.font = { bold }
    cell.alignment = { horizontal: column === 1 ? 'left' : 'center', vertical: 'middle' }
  })
  added.getCell(4).numFmt = '0.0%'
}

/** 宣传台账: each village's key places with a banner or poster, then the town's, as the counters stand now. */
function placesTable(sheet: ExcelJS.Worksheet, places: BulletinPlaces): void {
  sheet.addRow([])
  const title = sheet.addRow(['重点场所横幅、海报覆盖情况（截至导出时）'])
  title.font = { bold: true }
  const header = sheet.addRow(BULLETIN_PLACE_COLUMNS)
  header.eachCell((cell) => {
    cell.font = { bold: true }
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.border = BORDER
  })
  const rows = [...places.villages.map((row) => [row.villageName, row.total, row.covered, row.percent / 100]), ['全镇合计', places.total.total, places.total.covered, places.total.percent / 100]]
  rows.forEach((values, i) => {
    const added = sheet.addRow(values)
    added.eachCell((cell, column) => {
      cell.border = BORDER
      cell.font = { bold: i === rows.length - 1 }
      cell.alignment = { horizontal: column === 1 ? 'left' : 'center', vertical: 'middle' }
    })
    added.getCell(4).numFmt = '0.0%'
  })
}
