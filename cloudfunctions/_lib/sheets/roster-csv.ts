import { AppError } from '../../../domain/errors'
import { CHUNK_BYTES, pacer, RosterLines } from './roster-lines'

// Excel on Chinese Windows saves CSV as GBK; others save UTF-8 (with or without
// BOM). Commas, quotes and line breaks are the same bytes in both, so a file
// refused for its rows while still read as UTF-8 is refused rightly.
export async function readCsv(content: Buffer): Promise<RosterLines> {
  try {
    return await readCsvAs(content, new TextDecoder('utf-8', { fatal: true }))
  } catch (error) {
    if (error instanceof AppError) throw error
    return readCsvAs(content, new TextDecoder('gbk'))
  }
}

async function readCsvAs(content: Buffer, decoder: TextDecoder): Promise<RosterLines> {
  const lines = new RosterLines()
  const parser = new CsvParser((cells) => lines.add(cells))
  const pace = pacer()
  for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
    parser.push(decoder.decode(content.subarray(offset, offset + CHUNK_BYTES), { stream: true }))
    await pace()
  }
  parser.push(decoder.decode())
  parser.end()
  return lines
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  const parser = new CsvParser((cells) => rows.push([...cells]))
  parser.push(text)
  parser.end()
  return rows
}

const EMPTY_LINE: readonly string[] = Object.freeze([''])

/** parseCsv fed in pieces: a quote or line break split across two pieces reads as if whole. */
class CsvParser {
  private row: string[] = []
  private field = ''
  private quoted = false
  /** A quote inside a quoted field: an escaped quote if the next character is one too, else the closing quote. */
  private quoteInQuoted = false
  /** The row ended at a \r: a \n right after it is the same line break. */
  private afterCR = false

  constructor(private readonly onRow: (cells: readonly string[]) => void) {}

  push(text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i]
      if (this.afterCR) {
        this.afterCR = false
        if (ch === '\n') continue
      }
      if (this.quoteInQuoted) {
        this.quoteInQuoted = false
        if (ch === '"') {
          this.field += '"'
          continue
        }
        this.quoted = false
      }
      if (this.quoted) {
        if (ch === '"') this.quoteInQuoted = true
        else this.field += ch
      } else if (ch === '"' && this.field === '') this.quoted = true
      else if (ch === ',') {
        this.row.push(this.field)
        this.field = ''
      } else if (ch === '\n' || ch === '\r') {
        this.afterCR = ch === '\r'
        this.endRow()
      } else this.field += ch
    }
  }

  end(): void {
    if (this.field !== '' || this.row.length > 0) this.endRow()
  }

  private endRow(): void {
    // An empty line, by far the commonest in a padded file: no array for it.
    if (this.row.length === 0 && this.field === '') return this.onRow(EMPTY_LINE)
    this.row.push(this.field)
    const row = this.row
    this.row = []
    this.field = ''
    this.onRow(row)
  }
}
