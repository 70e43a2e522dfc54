import type ExcelJS from 'exceljs'
import { mkdtempSync, rmSync, writeFileSync } from 'fs'
import http from 'http'
import https from 'https'
import { tmpdir } from 'os'
import { join } from 'path'
import { AppError } from '../../domain/errors'
import { ARCHIVE_TITLE, archiveContentText, archivePhoneText, archiveSignatureText, type ArchiveExport, type ExportArchiveRequest } from '../../domain/archive'
import { chineseDate } from '../../domain/dates'
import { ERASED_LABEL } from '../../domain/privacy'
import { mayReadVillageRecords } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { recordAudit } from '../_lib/repos/audit'
import { findVillage, type VillageDoc } from '../_lib/repos/places'
import { listStaffOfPeriod, listStaffVisitsPage, type ArchiveVisit, type StaffCount, type VisitCursor } from '../_lib/repos/visits'
import { FILES_PER_CALL, temporaryUrls } from '../_lib/storage'
import { addStaffSheet, ROWS_PER_PAGE, sheetName, writeFormPage, type FormRow } from './archive-form'
import { storeExport } from './files'
import { StreamingWorkbook, type SheetWithImages } from './xlsx-stream'

// The village's visit records as the paper 入户工作记录表, for the community
// police officer's archive (存档备查). Nothing is masked: this is the official
// record. Live memory stays flat whatever the size: visits are read a page at
// a time, one day of one staff member is held to head its form, rows are
// streamed into the file, and signature images go to /tmp and are read back
// only by the zip. The zip's own churn still raises peak RSS by some 15-25 KB
// per image (measured), hence ARCHIVE_MAX_VISITS.

/** Visits read per query. */
const PAGE_SIZE = 200
/** Signature downloads in flight at once. */
const DOWNLOADS_IN_FLIGHT = 16
const DOWNLOAD_TIMEOUT_MS = 15_000
/**
 * One file holds at most this many visits: measured (bench/progress.bench.ts,
 * bundled as deployed) at about 12 s and 215 MB peak RSS for 5,000 visits with
 * signatures, against the function's 60 s and 256 MB. Longer ranges are
 * exported in parts.
 */
export const ARCHIVE_MAX_VISITS = 5000

interface Counts {
  visits: number
  forms: number
  pages: number
  missingSignatures: number
}

interface SignatureImage {
  file: string
  width: number
  height: number
}

export async function exportArchive(db: Database, caller: Caller, input: ExportArchiveRequest, requestId: string): Promise<ArchiveExport> {
  const village = await findVillage(db, input.villageId)
  if (!village) throw new AppError('INVALID_INPUT', '没有找到这个村（社区）', 'villageId')
  if (!mayReadVillageRecords(caller, village)) throw new AppError('FORBIDDEN', '只有本村（社区）的村社干部、镇反诈办和派出所可以导出入户记录')

  const staff = (await listStaffOfPeriod(db, village._id, input.from, input.to)).sort(
    (a, b) => a.authorName.localeCompare(b.authorName, 'zh-Hans-CN') || a.authorId.localeCompare(b.authorId),
  )
  const total = staff.reduce((sum, person) => sum + person.visits, 0)
  if (total > ARCHIVE_MAX_VISITS) {
    throw new AppError('INVALID_INPUT', `这段时间共有${total}条入户记录，超过单次导出上限${ARCHIVE_MAX_VISITS}条，请缩短时间范围分批导出`, 'to')
  }

  const dir = mkdtempSync(join(tmpdir(), 'archive-'))
  try {
    const file = join(dir, 'archive.xlsx')
    const book = new StreamingWorkbook(file, dir)
    const counts: Counts = { visits: 0, forms: 0, pages: 0, missingSignatures: 0 }
    const taken = new Set<string>()
    for (const person of staff) {
      const sheet = addStaffSheet(book, sheetName(person.authorName, taken), `${village.name}　${ARCHIVE_TITLE}　${person.authorName}`)
      await writeStaffSheet(db, sheet, village, person, input, dir, counts)
      sheet.commit()
    }
    if (staff.length === 0) emptyNotice(book, village, input)
    await book.commit()

    const fileName = `${village.name}${ARCHIVE_TITLE}（${input.from}至${input.to}）.xlsx`
    const stored = await storeExport(`exports/archive/${village._id}/${input.from}_${input.to}_${requestId}.xlsx`, { path: file }, fileName)
    await recordAudit(db, {
      townId: village.townId,
      actor: caller.openid,
      action: 'progress.exportArchive',
      target: village._id,
      detail: { from: input.from, to: input.to, visits: counts.visits, forms: counts.forms, staff: staff.length, fileID: stored.fileID, byUserId: caller.user?._id ?? null },
    })
    return { ...stored, ...counts, staff: staff.length }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface LoadedPage {
  visits: ArchiveVisit[]
  images: Promise<Map<string, SignatureImage>>
}

/** A promise awaited later: its failure must not count as unhandled meanwhile (it still rejects when awaited). */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}

/** One staff member's forms, day by day: each day is held only until the next begins. */
async function writeStaffSheet(
  db: Database,
  sheet: SheetWithImages,
  village: VillageDoc,
  person: StaffCount,
  input: ExportArchiveRequest,
  dir: string,
  counts: Counts,
): Promise<void> {
  let day: { visitedOn: string; visits: { visit: ArchiveVisit; image: SignatureImage | null }[] } | null = null
  let pageEnd: ExcelJS.Row | null = null
  const flush = () => {
    if (day) for (const team of byTeam(day.visits)) pageEnd = writeForm(sheet, team, pageEnd, counts)
  }

  // The next page is read, and its signatures fetched, while this one is written.
  const load = async (cursor: VisitCursor | null): Promise<LoadedPage> => {
    const visits = await listStaffVisitsPage(db, { villageId: village._id, authorId: person.authorId, from: input.from, to: input.to, cursor, limit: PAGE_SIZE })
    return { visits, images: handled(fetchSignatures(visits, dir, counts)) }
  }
  let page: LoadedPage | null = await load(null)
  while (page && page.visits.length > 0) {
    const last: ArchiveVisit = page.visits[page.visits.length - 1]
    const following: Promise<LoadedPage> | null = page.visits.length === PAGE_SIZE ? handled(load({ visitedOn: last.visitedOn, id: last._id })) : null
    const images = await page.images
    for (const visit of page.visits) {
      if (day && day.visitedOn !== visit.visitedOn) {
        flush()
        day = null
      }
      day ??= { visitedOn: visit.visitedOn, visits: [] }
      day.visits.push({ visit, image: images.get(visit._id) ?? null })
    }
    page = following ? await following : null
  }
  flush()
}

/**
 * A day's visits split by who went along: a form's 工作人员 must be true of
 * every row under it, so visits made with different co-workers go on
 * different forms. Forms follow the order their first visit was logged.
 */
function byTeam<T extends { visit: ArchiveVisit }>(entries: readonly T[]): T[][] {
  const teams = new Map<string, T[]>()
  for (const entry of entries) {
    const key = unique(entry.visit.coworkers ?? []).sort().join('\u0000')
    teams.set(key, [...(teams.get(key) ?? []), entry])
  }
  const loggedAt = (entry: T) => new Date(entry.visit.createdAt).getTime()
  return [...teams.values()].sort((a, b) => Math.min(...a.map(loggedAt)) - Math.min(...b.map(loggedAt)))
}

/** One form: a staff member's visits of one day with one set of co-workers, in the order they were logged, over as many pages as it takes. */
function writeForm(sheet: SheetWithImages, entries: { visit: ArchiveVisit; image: SignatureImage | null }[], pageEnd: ExcelJS.Row | null, counts: Counts): ExcelJS.Row | null {
  const sorted = [...entries].sort((a, b) => new Date(a.visit.createdAt).getTime() - new Date(b.visit.createdAt).getTime() || a.visit._id.localeCompare(b.visit._id))
  const first = sorted[0].visit
  const header = {
    unit: unique(sorted.map(({ visit }) => visit.unitName)).join('、'),
    staff: unique([first.authorName, ...sorted.flatMap(({ visit }) => visit.coworkers ?? [])]).join('、'),
    date: chineseDate(first.visitedOn),
  }
  const rows: FormRow[] = sorted.map(({ visit, image }, i) => ({
    index: i + 1,
    content: archiveContentText(visit.items, visit.otherContent),
    name: visit.erasedAt ? ERASED_LABEL : visit.residentName,
    phone: archivePhoneText(visit.phone, visit.phoneDeclinedReason),
    address: visit.address,
    signatureText: signatureText(visit, image),
    signatureImage: image,
    signedOn: visit.visitedOn,
  }))
  let end = pageEnd
  for (let start = 0; start < rows.length; start += ROWS_PER_PAGE) {
    end?.addPageBreak()
    end = writeFormPage(sheet, header, rows.slice(start, start + ROWS_PER_PAGE), start > 0)
    counts.pages += 1
  }
  counts.forms += 1
  counts.visits += rows.length
  return end
}

function signatureText(visit: ArchiveVisit, image: SignatureImage | null): string {
  const text = archiveSignatureText(visit.signature)
  if (!visit.signature.fileID || image) return text
  const missing = '（签名图片缺失，请核对纸质记录）'
  return text ? `${text}${missing}` : `本人签字${missing}`
}

/**
 * Downloads the page's signature images to `dir`: temporary URLs for a batch
 * of files at a time (one call, as downloadFile makes per file), then the
 * files themselves, DOWNLOADS_IN_FLIGHT at once. An unreadable one maps to nothing.
 */
async function fetchSignatures(page: readonly ArchiveVisit[], dir: string, counts: Counts): Promise<Map<string, SignatureImage>> {
  const wanted = page.filter((visit) => visit.signature.fileID)
  const images = new Map<string, SignatureImage>()
  for (let start = 0; start < wanted.length; start += FILES_PER_CALL) {
    const batch = wanted.slice(start, start + FILES_PER_CALL)
    const urls = await temporaryUrls(batch.map((visit) => visit.signature.fileID as string))
    let next = 0
    const worker = async () => {
      while (next < batch.length) {
        const visit = batch[next]
        next += 1
        const image = await fetchSignature(visit._id, urls.get(visit.signature.fileID as string) ?? null, dir)
        if (image) images.set(visit._id, image)
        else counts.missingSignatures += 1
      }
    }
    await Promise.all(Array.from({ length: Math.min(DOWNLOADS_IN_FLIGHT, batch.length) }, worker))
  }
  return images
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

async function fetchSignature(visitId: string, url: string | null, dir: string): Promise<SignatureImage | null> {
  if (!url) return null
  let bytes: Buffer
  try {
    bytes = await download(url)
  } catch (error) {
    console.warn(`[progress] signature of ${visitId} could not be read`, error instanceof Error ? error.message : error)
    return null
  }
  // Signatures are drawn on a canvas and saved as PNG; the size sits in the IHDR chunk.
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) return null
  const file = join(dir, `${visitId}.png`)
  writeFileSync(file, bytes)
  return { file, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

// Plain http(s) with kept-alive connections: thousands of small files through
// fetch cost several times the memory churn (measured in the benchmark).
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: DOWNLOADS_IN_FLIGHT }), https: new https.Agent({ keepAlive: true, maxSockets: DOWNLOADS_IN_FLIGHT }) }

function download(url: string): Promise<Buffer> {
  const secure = url.startsWith('https:')
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).get(url, { agent: secure ? agents.https : agents.http, timeout: DOWNLOAD_TIMEOUT_MS }, (response) => {
      if (response.statusCode !== 200) {
        response.resume()
        reject(new Error(`HTTP ${response.statusCode}`))
        return
      }
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
      response.on('error', reject)
    })
    request.on('timeout', () => request.destroy(new Error('timed out')))
    request.on('error', reject)
  })
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter(Boolean))]
}

function emptyNotice(book: StreamingWorkbook, village: VillageDoc, input: ExportArchiveRequest): void {
  const sheet = book.addSheet('无记录', { pageSetup: { paperSize: 9, orientation: 'landscape' } })
  sheet.sheet.addRow([`${village.name}在${chineseDate(input.from)}至${chineseDate(input.to)}没有入户记录。`]).commit()
  sheet.commit()
}
