import ExcelJS from 'exceljs'
import { type ExportActivityArchiveRequest, ACTIVITY_ARCHIVE_COLUMNS, ACTIVITY_ARCHIVE_MAX, ACTIVITY_ARCHIVE_TITLE, activityKindText, activityPlaceLabel, MAX_ACTIVITY_PHOTOS } from '../../domain/activities'
import { AppError } from '../../domain/errors'
import type { ExportedFile } from '../../domain/files'
import { mayReadVillageRecords } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { countVillageActivities, listVillageActivities, type ActivityDoc } from '../_lib/repos/activities'
import { recordAudit } from '../_lib/repos/audit'
import { findVillage } from '../_lib/repos/places'
import { downloadFileLimited, storeExport } from '../_lib/storage'

// 宣传台账存档: a village's activity records over a period, photos embedded,
// beside the visit archive, for the community police officer. Records are
// few beside visits (a village logs some a week), so the workbook is built in
// memory, capped at ACTIVITY_ARCHIVE_MAX records a file.

export interface ActivityArchiveExport extends ExportedFile {
  activities: number
  photos: number
  missingPhotos: number
}

const PHOTO_BOX = { width: 120, height: 90 }
const MAX_PHOTO_BYTES = 5 * 1024 * 1024
const DOWNLOADS_IN_FLIGHT = 8
const PHOTO_COLUMN = ACTIVITY_ARCHIVE_COLUMNS.length

export async function exportActivityArchive(db: Database, caller: Caller, input: ExportActivityArchiveRequest, requestId: string): Promise<ActivityArchiveExport> {
  const village = await findVillage(db, input.villageId)
  if (!village) throw new AppError('INVALID_INPUT', '没有找到这个村（社区）', 'villageId')
  if (!mayReadVillageRecords(caller, village)) throw new AppError('FORBIDDEN', '只有本村（社区）的村社干部、镇反诈办和派出所可以导出宣传台账')
  const total = await countVillageActivities(db, { villageId: village._id, from: input.from, to: input.to })
  if (total > ACTIVITY_ARCHIVE_MAX) {
    throw new AppError('INVALID_INPUT', `这段时间共有${total}条活动记录，超过单次导出上限${ACTIVITY_ARCHIVE_MAX}条，请缩短时间范围分批导出`, 'to')
  }
  const activities = await listVillageActivities(db, { villageId: village._id, from: input.from, to: input.to, limit: ACTIVITY_ARCHIVE_MAX })
  const photos = await fetchPhotos(activities)

  const book = new ExcelJS.Workbook()
  book.creator = '全民反诈'
  const sheet = book.addWorksheet(ACTIVITY_ARCHIVE_TITLE, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  sheet.mergeCells(1, 1, 1, PHOTO_COLUMN + MAX_ACTIVITY_PHOTOS - 1)
  sheet.getCell(1, 1).value = `${village.name}　${ACTIVITY_ARCHIVE_TITLE}（${input.from}至${input.to}）`
  sheet.getCell(1, 1).font = { size: 16, bold: true }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  sheet.addRow([...ACTIVITY_ARCHIVE_COLUMNS]).font = { bold: true }
  ;[6, 12, 16, 24, 12, 36, 10].forEach((width, i) => (sheet.getColumn(i + 1).width = width))
  for (let i = 0; i < MAX_ACTIVITY_PHOTOS; i += 1) sheet.getColumn(PHOTO_COLUMN + i).width = 18

  let embedded = 0
  let missing = 0
  activities.forEach((activity, index) => {
    const row = sheet.addRow([
      index + 1,
      activity.heldOn,
      activityKindText(activity.kind, activity.fiveIn),
      activityPlaceLabel(activity),
      activity.reached,
      activity.note,
      activity.authorName,
      activity.photoFileIDs.length ? '' : '无',
    ])
    row.alignment = { vertical: 'top', wrapText: true }
    if (activity.photoFileIDs.length) row.height = 72
    activity.photoFileIDs.forEach((fileID, i) => {
      const photo = photos.get(fileID)
      if (!photo) {
        missing += 1
        if (i === 0) row.getCell(PHOTO_COLUMN).value = '照片缺失，请核对'
        return
      }
      const imageId = book.addImage({ buffer: photo.bytes as unknown as ExcelJS.Buffer, extension: 'jpeg' })
      const scale = Math.min(PHOTO_BOX.width / photo.width, PHOTO_BOX.height / photo.height, 1)
      sheet.addImage(imageId, { tl: { col: PHOTO_COLUMN - 1 + i, row: row.number - 1 }, ext: { width: Math.round(photo.width * scale), height: Math.round(photo.height * scale) }, editAs: 'oneCell' })
      embedded += 1
    })
  })
  if (activities.length === 0) sheet.addRow([`${village.name}在这段时间没有宣传活动记录。`])

  const content = Buffer.from(await book.xlsx.writeBuffer())
  const fileName = `${village.name}${ACTIVITY_ARCHIVE_TITLE}（${input.from}至${input.to}）.xlsx`
  const stored = await storeExport(`exports/activities/${village._id}/${input.from}_${input.to}_${requestId}.xlsx`, content, fileName)
  await recordAudit(db, {
    townId: village.townId,
    actor: caller.openid,
    action: 'activities.exportArchive',
    target: village._id,
    detail: { from: input.from, to: input.to, activities: activities.length, photos: embedded, fileID: stored.fileID, byUserId: caller.user?._id ?? null },
  })
  return { ...stored, activities: activities.length, photos: embedded, missingPhotos: missing }
}

interface Photo {
  bytes: Buffer
  width: number
  height: number
}

async function fetchPhotos(activities: readonly ActivityDoc[]): Promise<Map<string, Photo>> {
  const wanted = activities.flatMap((activity) => activity.photoFileIDs)
  const photos = new Map<string, Photo>()
  let next = 0
  const worker = async () => {
    while (next < wanted.length) {
      const fileID = wanted[next]
      next += 1
      try {
        const bytes = await downloadFileLimited(fileID, MAX_PHOTO_BYTES)
        const size = jpegSize(bytes)
        if (size) photos.set(fileID, { bytes, ...size })
      } catch (error) {
        console.warn('[activities] photo could not be read', fileID, error instanceof Error ? error.message : error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(DOWNLOADS_IN_FLIGHT, wanted.length) }, worker))
  return photos
}

/** A JPEG's pixel size from its first SOF marker; null for anything that is not a JPEG. */
export function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1]
    const length = bytes.readUInt16BE(at + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = bytes.readUInt16BE(at + 5)
      const width = bytes.readUInt16BE(at + 7)
      return width > 0 && height > 0 ? { width, height } : null
    }
    at += 2 + length
  }
  return null
}
