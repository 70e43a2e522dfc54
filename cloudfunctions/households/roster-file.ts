import ExcelJS from 'exceljs'
import { AppError } from '../../domain/errors'

/** Reads a roster file into rows of text cells, the first row being the header. */
export async function readRosterFile(content: Buffer, fileID: string): Promise<string[][]> {
  if (/\.csv$/i.test(fileID)) return parseCsv(decodeText(content))
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    throw new AppError('INVALID_INPUT', '无法读取这个 Excel 文件，请另存为 .xlsx 或 .csv 后重试', 'fileID')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new AppError('INVALID_INPUT', 'Excel 文件里没有工作表', 'fileID')
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value)
    })
    rows[rowNumber - 1] = Array.from(cells, (value) => value ?? '')
  })
  return Array.from(rows, (row) => row ?? [])
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10)
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return String(value.text)
    if ('result' in value) return value.result === undefined ? '' : String(value.result)
    return ''
  }
  return String(value)
}

// Excel on Chinese Windows saves CSV as GBK; others save UTF-8 (with or without BOM).
function decodeText(content: Buffer): string {
  const utf8 = new TextDecoder('utf-8').decode(content)
  const text = utf8.includes('\uFFFD') ? new TextDecoder('gbk').decode(content) : utf8
  return text.replace(/^\uFEFF/, '')
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
