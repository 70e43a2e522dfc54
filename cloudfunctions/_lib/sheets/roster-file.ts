import { readCsv } from './roster-csv'
import { readXlsx } from './roster-xlsx'

// Roster files come from phones straight into storage, so nothing about them
// is trusted. Reading streams and stops as soon as the file holds more rows
// than one import takes; an .xlsx's parts are inflated here, under caps (a
// small zip can inflate to gigabytes); and the work yields to the event loop
// every few milliseconds, so a big file does not stall the other calls a
// process serves.

/**
 * Reads a roster file into rows of text cells, the first being the header
 * (line 1). Refuses a file with more than MAX_ROSTER_ROWS non-blank rows after
 * the header without reading the rest. Blank lines count for nothing but keep
 * the line numbers of the rows after them; those at the end are left out.
 */
export async function readRosterFile(content: Buffer, fileID: string): Promise<(readonly string[])[]> {
  const lines = /\.csv$/i.test(fileID) ? await readCsv(content) : await readXlsx(content)
  return lines.rows
}
