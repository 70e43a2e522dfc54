import type ExcelJS from 'exceljs'
import { ARCHIVE_COLUMNS, ARCHIVE_TITLE } from '../../domain/archive'
import type { SheetWithImages, StreamingWorkbook } from './xlsx-stream'

// The paper 入户工作记录表 (annex of 贾嗣府发〔2021〕47号) on A4 landscape: each
// printed page is one form page with its own header (title; 单位, 工作人员,
// 日期) and column headings, then at most ROWS_PER_PAGE visits. A form (one
// staff member, one day) longer than that continues on the next page under
// the same header marked 续; forms never share a page (a manual break ends each
// page). Nothing repeats on every page but the footer (village, staff, page n of N).

/** Visit rows on one printed page: 8 rows of 52 pt under ~80 pt of header fit A4 landscape with 0.5" margins. */
export const ROWS_PER_PAGE = 8
const COLUMN_WIDTHS = [6, 30, 12, 16, 30, 26, 13]
const ROW_HEIGHT_PT = 52
/** The signature image's box inside its cell, in pixels (52 pt ≈ 69 px tall; column F ≈ 187 px wide). */
const IMAGE_BOX = { width: 168, height: 46, offsetX: 6, offsetY: 4 }
/** 1-based column of 入户对象签字确认. */
const SIGNATURE_COLUMN = 6

const THIN = { style: 'thin' as const }
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const FONT = { name: '宋体', size: 10 }

// Every cell of a kind shares one style object: thousands of rows allocate no styles.
type CellStyle = Partial<ExcelJS.Style>
const TITLE_STYLE: CellStyle = { font: { ...FONT, size: 18, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } }
const INFO_STYLE: CellStyle = { font: { ...FONT, size: 11 }, alignment: { horizontal: 'left', vertical: 'middle', shrinkToFit: true } }
const HEADING_STYLE: CellStyle = { font: { ...FONT, size: 11, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BORDER }
const dataStyle = (horizontal: 'center' | 'left', vertical: 'middle' | 'bottom' = 'middle', size = FONT.size): CellStyle => ({
  font: { ...FONT, size },
  alignment: { horizontal, vertical, wrapText: true },
  border: BORDER,
})
/** By column: 序号, 入户内容, 姓名, 电话, 地址, 签字确认, 签字日期. */
const DATA_STYLES: CellStyle[] = [dataStyle('center'), dataStyle('left'), dataStyle('center'), dataStyle('center'), dataStyle('left'), dataStyle('left', 'middle', 9), dataStyle('center')]
/** Text under a signature image sits at the bottom of the cell, clear of it. */
const UNDER_IMAGE_STYLE = dataStyle('left', 'bottom', 9)

export function addStaffSheet(book: StreamingWorkbook, name: string, footer: string): SheetWithImages {
  const sheet = book.addSheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.25 },
    },
    headerFooter: { oddFooter: `&L${escapeHeaderFooter(footer)}&R第 &P 页，共 &N 页` },
    views: [{ showGridLines: false }],
  })
  sheet.sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }))
  return sheet
}

export interface FormHeader {
  unit: string
  staff: string
  date: string
}

export interface FormRow {
  index: number
  content: string
  name: string
  phone: string
  address: string
  signatureText: string
  /** A PNG file on disk and its pixel size, or null when there is no image. */
  signatureImage: { file: string; width: number; height: number } | null
  signedOn: string
}

/** Writes one printed page of a form and commits its rows; returns its last row, where a page break can go. */
export function writeFormPage(target: SheetWithImages, header: FormHeader, rows: readonly FormRow[], continued: boolean): ExcelJS.Row {
  const sheet = target.sheet
  const span = COLUMN_WIDTHS.length

  const title = sheet.addRow([continued ? `${ARCHIVE_TITLE}（续）` : ARCHIVE_TITLE])
  title.height = 30
  sheet.mergeCells(title.number, 1, title.number, span)
  title.getCell(1).style = TITLE_STYLE

  const info = sheet.addRow([`单位：${header.unit}`, null, null, `工作人员：${header.staff}`, null, `日期：${header.date}`, null])
  info.height = 24
  sheet.mergeCells(info.number, 1, info.number, 3)
  sheet.mergeCells(info.number, 4, info.number, 5)
  sheet.mergeCells(info.number, 6, info.number, 7)
  for (const column of [1, 4, 6]) info.getCell(column).style = INFO_STYLE

  const headings = sheet.addRow([...ARCHIVE_COLUMNS])
  headings.height = 32
  headings.eachCell((cell) => {
    cell.style = HEADING_STYLE
  })

  let lastRow = headings
  for (const visit of rows) {
    const row = sheet.addRow([visit.index, visit.content, visit.name, visit.phone, visit.address, visit.signatureText, visit.signedOn])
    row.height = ROW_HEIGHT_PT
    for (let column = 1; column <= span; column += 1) {
      row.getCell(column).style = column === SIGNATURE_COLUMN && visit.signatureImage ? UNDER_IMAGE_STYLE : DATA_STYLES[column - 1]
    }
    if (visit.signatureImage) target.addImage(visit.signatureImage.file, { col: SIGNATURE_COLUMN, row: row.number, ...fitInto(visit.signatureImage, visit.signatureText !== '') })
    lastRow = row
  }
  lastRow.commit()
  return lastRow
}

/** The image scaled into the cell's box, aspect kept; shorter when a line of text shares the cell. */
function fitInto(image: { width: number; height: number }, withText: boolean): { offsetX: number; offsetY: number; width: number; height: number } {
  const boxHeight = withText ? IMAGE_BOX.height - 14 : IMAGE_BOX.height
  const scale = Math.min(IMAGE_BOX.width / Math.max(image.width, 1), boxHeight / Math.max(image.height, 1), 1)
  return { offsetX: IMAGE_BOX.offsetX, offsetY: IMAGE_BOX.offsetY, width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) }
}

/** & starts a code in Excel's header/footer text. */
function escapeHeaderFooter(text: string): string {
  return text.replace(/&/g, '&&')
}

/** A worksheet name Excel accepts (≤ 31 characters, none of []:*?/\), unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = [...(wanted.replace(/[[\]:*?/\\]/g, '').trim() || '工作人员')].slice(0, 28).join('')
  let name = base
  for (let n = 2; taken.has(name); n += 1) name = `${base}(${n})`
  taken.add(name)
  return name
}
