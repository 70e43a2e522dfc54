import ExcelJS from 'exceljs'
import { posix } from 'path'
import { Readable } from 'stream'
import { createInflateRaw } from 'zlib'
import { AppError } from '../../../domain/errors'
import { CHUNK_BYTES, pacer, RosterLines } from './roster-lines'

// .xlsx rosters: a zip whose parts can inflate to gigabytes, so each is
// inflated here under a cap before ExcelJS's streaming reader sees it.

const MB = 1024 * 1024
/**
 * Inflated size of the .xlsx parts read whole before the first row. Shared
 * strings cost up to 14 times their size in memory (rich text); a roster of
 * 10,000 rows holds a megabyte or two of them.
 */
const PART_CAPS = { index: 2 * MB, styles: 8 * MB, sharedStrings: 8 * MB }
/** Inflated bytes of the sheet read before MAX_ROSTER_ROWS rows turn up: 10,000 rows of 20 full columns take about 8MB. */
const SHEET_CAP = 32 * MB
/** Excel's own limit: more rows, blank or not, and it is no Excel file (and ExcelJS takes a second per million). */
const EXCEL_MAX_ROWS = 1_048_576
/**
 * Cells the rows span, blank or not, before MAX_ROSTER_ROWS rows turn up:
 * ExcelJS walks every row up to its last cell, so one cell at column XFD costs
 * 16,384 steps; 10,000 rows of 500 columns fit.
 */
const MAX_SPANNED_CELLS = 5_000_000

const noSheet = () => new AppError('INVALID_INPUT', 'Excel 文件里没有工作表', 'fileID')
const unreadable = () => new AppError('INVALID_INPUT', '无法读取这个 Excel 文件，请另存为 .xlsx 或 .csv 后重试', 'fileID')
/** A zip bomb, or a part bigger than the zip says (so also one). */
const inflatesTooMuch = (part: string, cap: number) =>
  new AppError('INVALID_INPUT', `Excel 文件解压后过大（${part}超过 ${cap / MB}MB 或与文件记录不符），可能已损坏；请另存为 .csv 或分成几个文件后再导入`, 'fileID')

// ExcelJS's streaming reader takes parts in the order the zip holds them and
// parks every sheet that comes before the shared strings (as Excel and ExcelJS
// write them) in a temp file, inflated whole, before reading a row; and it
// keeps all shared strings in memory. So it is handed a zip rebuilt here: only
// the parts it needs, shared strings before the one sheet, each stored
// (uncompressed) and inflated by us under its cap as the reader asks for more.

interface ZipEntry {
  method: number
  flags: number
  compressedSize: number
  /** Inflated size, as the central directory states it. */
  size: number
  dataStart: number
}

interface Part {
  name: string
  /** Bytes it holds (its local header must say so before they follow). */
  size: number
  /** What to call it, and the inflated bytes past which reading stops. */
  label: string
  cap: number
  chunks(): AsyncIterable<Buffer>
  /** Sees each chunk on its way to the reader. */
  tap?: (chunk: Buffer) => void
}

const SPREADSHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'

export async function readXlsx(content: Buffer): Promise<RosterLines> {
  let source: Readable | undefined
  try {
    const failure = new Interruption()
    const merged = new MergedCells()
    const pace = pacer()
    source = Readable.from(rebuiltZip(await rebuiltParts(content, merged), pace, failure.interrupt), { objectMode: false })
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    })
    // A part refused mid-way leaves the reader waiting for bytes that never come.
    const sheet = await failure.or(reader[Symbol.asyncIterator]().next())
    if (sheet.done) throw noSheet()
    const rows = sheet.value[Symbol.asyncIterator]()
    const lines = new RosterLines()
    let spanned = 0
    const span = (cells: number) => {
      if ((spanned += cells) > MAX_SPANNED_CELLS) {
        throw new AppError('INVALID_INPUT', `名册的单元格太多（超过 ${MAX_SPANNED_CELLS / 10000} 万个），请删去不需要的行和列后再导入`, 'fileID')
      }
    }
    for (let next = await failure.or(rows.next()); !next.done; next = await failure.or(rows.next())) {
      const row = next.value
      span(row.cellCount)
      // Row numbers are optional in the file; without one a row is the next line.
      const line = Number.isInteger(row.number) ? row.number : lines.next
      if (line > EXCEL_MAX_ROWS || lines.next > EXCEL_MAX_ROWS) throw unreadable()
      lines.add(cellsOf(row), line)
      await pace()
    }
    // Every cell of a merged range reads as its top-left one (as ExcelJS's workbook reader has it), e.g. a 组 merged down its households.
    for (const range of merged.ranges) {
      const value = lines.cell(range.top, range.left)
      if (value.trim() === '') continue
      span((range.bottom - range.top + 1) * (range.right - range.left + 1))
      for (let line = range.top; line <= range.bottom; line += 1) lines.fill(line, range.left, range.right, value)
      await pace()
    }
    return lines
  } catch (error) {
    throw error instanceof AppError ? error : unreadable()
  } finally {
    source?.destroy()
  }
}

/** Awaits one step at a time, giving up on it when interrupted. */
class Interruption {
  private error: { reason: unknown } | undefined
  private stop: ((reason: unknown) => void) | undefined

  readonly interrupt = (reason: unknown): void => {
    this.error ??= { reason }
    this.stop?.(reason)
  }

  // Not Promise.race with one long-lived promise: that keeps a reaction, and so every step's result, until it settles.
  or<T>(step: Promise<T>): Promise<T> {
    if (this.error) return Promise.reject(this.error.reason)
    return new Promise<T>((resolve, reject) => {
      this.stop = reject
      step.then(resolve, reject)
    })
  }
}

interface CellRange {
  top: number
  left: number
  bottom: number
  right: number
}

const MERGE_CELL = /<(?:\w+:)?mergeCell\s[^>]*?\bref\s*=\s*["']([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?["']/g

/** The sheet's merged ranges, picked from its bytes as they pass (ExcelJS's streaming reader skips them). */
class MergedCells {
  readonly ranges: CellRange[] = []
  /** The end of the last chunk from its last unclosed tag: the start of a tag cut in two. */
  private carry = ''

  scan(chunk: Buffer): void {
    const text = this.carry + chunk.toString('latin1')
    const open = text.lastIndexOf('<')
    const cut = open >= 0 && text.indexOf('>', open) < 0 ? open : text.length
    // A mergeCell tag is short: a longer unclosed tail is something else (a long text).
    this.carry = text.slice(cut, cut + 200)
    for (const [, left, top, right = left, bottom = top] of text.slice(0, cut).matchAll(MERGE_CELL)) {
      const range = { top: Number(top), left: columnNumber(left), bottom: Number(bottom), right: columnNumber(right) }
      if (range.top <= range.bottom && range.left <= range.right && range.bottom <= EXCEL_MAX_ROWS && range.right <= EXCEL_MAX_COLUMNS) this.ranges.push(range)
    }
  }
}

const EXCEL_MAX_COLUMNS = 16_384
const columnNumber = (letters: string) => [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0)

function cellsOf(row: ExcelJS.Row): string[] {
  const cells: string[] = []
  row.eachCell((cell, column) => {
    cells[column - 1] = cellText(cell.value)
  })
  return Array.from(cells, (value) => value ?? '')
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

/** The parts of the rebuilt zip, in reading order; refuses what cannot be a roster before inflating anything big. */
async function rebuiltParts(content: Buffer, merged: MergedCells): Promise<Part[]> {
  const entries = zipEntries(content)
  const entry = (path: string) => entries.get(path.toLowerCase())
  const index = async (path: string) => {
    const found = entry(path)
    return found ? readPart(content, found, '工作簿目录', PART_CAPS.index) : ''
  }
  const workbook = await index('xl/workbook.xml')
  if (!workbook) throw unreadable()
  const relations = relationships(await index('xl/_rels/workbook.xml.rels'))
  // By the end of the type: transitional and strict OOXML name the same types under different addresses.
  const related = (type: string) => relations.filter((relation) => relation.type.endsWith(`/${type}`))
  // The first sheet in the workbook's order that is a worksheet (not a chart).
  const worksheets = new Map(related('worksheet').map((relation) => [relation.id, relation.target]))
  const sheetTarget = [...workbook.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)].map(([tag]) => worksheets.get(attributes(tag)['r:id'])).find(Boolean)
  const sheet = sheetTarget && entry(sheetTarget)
  if (!sheet) throw noSheet()
  const styles = entry(related('styles')[0]?.target ?? 'xl/styles.xml')
  const sharedStrings = entry(related('sharedStrings')[0]?.target ?? 'xl/sharedStrings.xml')
  const date1904 = /<(?:\w+:)?workbookPr\s[^>]*date1904\s*=\s*["'](?:1|true)["']/.test(workbook)

  const text = (name: string, xml: string): Part => {
    const bytes = Buffer.from(xml)
    return { name, size: bytes.length, label: name, cap: bytes.length, chunks: async function* () { yield bytes } }
  }
  const inflated = (name: string, found: ZipEntry, label: string, cap: number): Part => ({ name, size: found.size, label, cap, chunks: () => inflate(content, found) })
  // Read whole before the first row: refused now if the zip says they are too big.
  const whole = (name: string, found: ZipEntry, label: string, cap: number): Part => {
    if (found.size > cap) throw inflatesTooMuch(label, cap)
    return inflated(name, found, label, cap)
  }
  return [
    // No relationships: the reader then names no sheet, and needs nothing more of the workbook.
    text('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'),
    text('xl/workbook.xml', `<workbook xmlns="${SPREADSHEET_NS}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets/></workbook>`),
    ...(styles ? [whole('xl/styles.xml', styles, '样式表', PART_CAPS.styles)] : []),
    sharedStrings ? whole('xl/sharedStrings.xml', sharedStrings, '共享文字表', PART_CAPS.sharedStrings) : text('xl/sharedStrings.xml', `<sst xmlns="${SPREADSHEET_NS}"/>`),
    // Streamed: however big the zip says it is, reading stops at the row limit or at the cap.
    { ...inflated('xl/worksheets/sheet1.xml', sheet, '工作表', SHEET_CAP), tap: (chunk) => merged.scan(chunk) },
  ]
}

/** The rebuilt zip: each part stored under a local header, then an empty central directory's end. */
async function* rebuiltZip(parts: Part[], pace: () => Promise<void>, fail: (reason: unknown) => void): AsyncGenerator<Buffer> {
  try {
    for (const part of parts) {
      yield localHeader(part.name, part.size)
      let read = 0
      // ExcelJS decodes each chunk on its own, so none may end inside a character: its end waits for the next.
      let held: Buffer = Buffer.alloc(0)
      for await (const piece of part.chunks()) {
        if ((read += piece.length) > Math.min(part.cap, part.size)) throw inflatesTooMuch(part.label, part.cap)
        const bytes = held.length > 0 ? Buffer.concat([held, piece]) : piece
        const complete = wholeCharacters(bytes)
        held = bytes.subarray(complete)
        if (complete === 0) continue
        part.tap?.(bytes.subarray(0, complete))
        await pace()
        yield bytes.subarray(0, complete)
      }
      if (read !== part.size) throw unreadable()
      if (held.length > 0) yield held
    }
    yield END_OF_CENTRAL_DIRECTORY
  } catch (error) {
    fail(error)
  }
}

/** How many of `bytes` (UTF-8) make whole characters: all but a last character cut short. */
function wholeCharacters(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(bytes.length - 4, 0); i -= 1) {
    const byte = bytes[i]
    if ((byte & 0xc0) === 0x80) continue
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return i + length > bytes.length ? i : bytes.length
  }
  return bytes.length
}

function localHeader(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name)
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(20, 4) // version needed: 2.0
  header.writeUInt16LE(0x0800, 6) // names in UTF-8
  header.writeUInt16LE(0, 8) // stored
  header.writeUInt16LE(0x21, 12) // 1980-01-01
  header.writeUInt32LE(size, 18)
  header.writeUInt32LE(size, 22)
  header.writeUInt16LE(nameBytes.length, 26)
  return Buffer.concat([header, nameBytes])
}

const END_OF_CENTRAL_DIRECTORY = (() => {
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  return end
})()

/** The central directory, by lower-cased name (OPC part names ignore case). */
function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  const end = zip.lastIndexOf(END_OF_CENTRAL_DIRECTORY.subarray(0, 4), zip.length - 22)
  if (end < 0 || end < zip.length - 22 - 0xffff) throw unreadable()
  const entries = new Map<string, ZipEntry>()
  let offset = zip.readUInt32LE(end + 16)
  for (let count = zip.readUInt16LE(end + 10); count > 0; count -= 1) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) throw unreadable()
    const nameEnd = offset + 46 + zip.readUInt16LE(offset + 28)
    const local = zip.readUInt32LE(offset + 42)
    if (nameEnd > zip.length || local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw unreadable()
    const entry: ZipEntry = {
      flags: zip.readUInt16LE(offset + 8),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      dataStart: local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28),
    }
    if (entry.dataStart + entry.compressedSize > zip.length) throw unreadable()
    entries.set(zip.toString('utf8', offset + 46, nameEnd).toLowerCase(), entry)
    offset = nameEnd + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32)
  }
  return entries
}

async function* inflate(zip: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = zip.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)
  // Bit 0: encrypted.
  if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8)) throw unreadable()
  if (entry.method === 0) {
    for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) yield data.subarray(offset, offset + CHUNK_BYTES)
    return
  }
  const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES })
  inflater.end(data)
  try {
    for await (const chunk of inflater) yield chunk as Buffer
  } catch {
    throw unreadable()
  }
}

/** A small part, whole, as text. */
async function readPart(zip: Buffer, entry: ZipEntry, label: string, cap: number): Promise<string> {
  if (entry.size > cap) throw inflatesTooMuch(label, cap)
  const chunks: Buffer[] = []
  let read = 0
  for await (const chunk of inflate(zip, entry)) {
    if ((read += chunk.length) > Math.min(cap, entry.size)) throw inflatesTooMuch(label, cap)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

interface Relationship {
  id: string
  type: string
  /** The part's path in the zip. */
  target: string
}

function relationships(xml: string): Relationship[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)].map(([tag]) => {
    const { Id = '', Type = '', Target = '' } = attributes(tag)
    return { id: Id, type: Type, target: Target.startsWith('/') ? Target.slice(1) : posix.normalize(`xl/${Target}`) }
  })
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const [, name, double, single] of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found[name] = (double ?? single).replace(/&amp;/g, '&')
  return found
}
