import { AppError } from '../../../domain/errors'
import { MAX_ROSTER_ROWS } from '../../../domain/roster'

// What the roster readers share: the lines read so far, which refuse the one
// data row too many, and the pace at which reading yields to other calls.

/** Work between two yields to the event loop. */
const SLICE_MS = 10
/** Bytes handed to a parser at a time. */
export const CHUNK_BYTES = 4 * 1024

const tooManyRows = () => new AppError('INVALID_INPUT', `一次最多导入 ${MAX_ROSTER_ROWS} 行，请分成几个文件`, 'fileID')

const BLANK_LINE: readonly string[] = Object.freeze([])
function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false
  return true
}

/** The lines read so far, refusing the one data row too many. */
export class RosterLines {
  readonly rows: (readonly string[])[] = []
  /** Blank lines after the last stored row: stored only if a row follows them. */
  private blanks = 0
  private dataRows = 0

  get next(): number {
    return this.rows.length + this.blanks + 1
  }

  /** `cells` of file line `line` (1-based; by default, and for a line before it, the next one). */
  add(cells: readonly string[], line?: number): void {
    if (line !== undefined && line > this.next) this.blanks += line - this.next
    const isData = this.rows.length + this.blanks > 0
    if (isData && isBlank(cells)) {
      this.blanks += 1
      return
    }
    if (isData) this.countDataRow()
    for (; this.blanks > 0; this.blanks -= 1) this.rows.push(BLANK_LINE)
    this.rows.push(cells)
  }

  /** Once all lines are added: sets columns `from`..`to` (1-based) of `line` to `value`. */
  fill(line: number, from: number, to: number, value: string): void {
    while (this.rows.length < line) this.rows.push(BLANK_LINE)
    const before = this.rows[line - 1]
    if (line > 1 && isBlank(before) && value.trim() !== '') this.countDataRow()
    const row = Array.from({ length: Math.max(before.length, to) }, (_, i) => (i >= from - 1 && i < to ? value : (before[i] ?? '')))
    this.rows[line - 1] = row
  }

  cell(line: number, column: number): string {
    return this.rows[line - 1]?.[column - 1] ?? ''
  }

  private countDataRow(): void {
    if ((this.dataRows += 1) > MAX_ROSTER_ROWS) throw tooManyRows()
  }
}

/** Yields to the event loop once SLICE_MS of work has passed since the last time. */
export function pacer(): () => Promise<void> {
  let since = performance.now()
  return async () => {
    if (performance.now() - since < SLICE_MS) return
    await new Promise((resolve) => setImmediate(resolve))
    since = performance.now()
  }
}
