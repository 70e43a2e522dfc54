import {
  checkPlaces,
  mapPlaceHeader,
  missingPlaceHeaders,
  placeNameKey,
  type NewPlace,
  type PlaceImportPreview,
  type PlaceImportResult,
  type PlaceView,
} from '../../domain/activities'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { rosterFileExtension } from '../../domain/files'
import { maskFreeText } from '../../domain/mask'
import { isCadreOf, isTownWide, mayReadVillageRecords, requireVillage, signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { addToPlaceTotals, findKeyPlace, insertNewPlaces, listVillagePlaces, placeIdFor, type KeyPlaceDoc } from '../_lib/repos/activities'
import { recordAudit } from '../_lib/repos/audit'
import type { VillageDoc } from '../_lib/repos/places'
import { readRosterFile } from '../_lib/sheets/roster-file'
import { downloadFileLimited, FileTooLargeError } from '../_lib/storage'
import { campaignOrNull } from './campaign'
import { mayAddPlaceIn, villageToWatch } from './scope'

// 重点场所: a village's key places, from the list it keeps (.xlsx or .csv,
// read as the household roster is: the same readers, limits and all-or-nothing
// check) or added one at a time. A place's id comes from its village, kind and
// name, so the same place is never listed twice.

const MAX_FILE_BYTES = 2 * 1024 * 1024
const LISTED_PROBLEMS = 200
const INSERT_BATCH = 500

/** `fullText`: as activities' text, a unit head sees numbers typed into a place's name or address masked. */
export function toPlaceView(place: KeyPlaceDoc, campaignId: string | null, fullText = true): PlaceView {
  const shown = fullText ? (text: string) => text : maskFreeText
  return { id: place._id, kind: place.kind, name: shown(place.name), address: shown(place.address), covered: Boolean(campaignId && (place.marks?.[campaignId] ?? 0) > 0) }
}

export async function listPlaces(db: Database, caller: Caller, villageId: string): Promise<{ places: PlaceView[] }> {
  const village = await villageToWatch(db, caller, villageId)
  const [places, campaign] = await Promise.all([listVillagePlaces(db, village._id), campaignOrNull(db, village.townId, shanghaiDay())])
  const fullText = mayReadVillageRecords(caller, village)
  return { places: places.map((place) => toPlaceView(place, campaign?._id ?? null, fullText || place.createdBy === caller.openid)) }
}

export async function addPlace(db: Database, caller: Caller, input: NewPlace & { villageId: string }): Promise<{ place: PlaceView; created: boolean }> {
  signedInUser(caller)
  const village = await requireVillage(db, input.villageId)
  if (!mayAddPlaceIn(caller, village)) throw new AppError('FORBIDDEN', '你不能为这个村（社区）添加场所', 'villageId')
  const nameKey = placeNameKey(input.kind, input.name)
  const id = placeIdFor(village._id, nameKey)
  const existing = await findKeyPlace(db, id)
  if (existing) return { place: toPlaceView(existing, null, mayReadVillageRecords(caller, village) || existing.createdBy === caller.openid), created: false }
  const doc: KeyPlaceDoc = {
    _id: id,
    townId: village.townId,
    villageId: village._id,
    kind: input.kind,
    name: input.name,
    nameKey,
    address: input.address,
    source: 'manual',
    createdBy: caller.openid,
    createdAt: new Date(),
    marks: {},
  }
  const added = await insertNewPlaces(db, [doc])
  await addToPlaceTotals(db, village, added.map((place) => place.kind))
  return { place: toPlaceView(doc, null), created: added.length > 0 }
}

async function villageForImport(db: Database, caller: Caller, villageId: string): Promise<VillageDoc> {
  const village = await requireVillage(db, villageId)
  if (!isCadreOf(caller, villageId) && !(caller.roles.includes('office') && isTownWide(caller, village.townId))) {
    throw new AppError('FORBIDDEN', '只有本村（社区）的村社干部或镇反诈办可以导入重点场所')
  }
  return village
}

async function checkFile(db: Database, caller: Caller, villageId: string, fileID: string): Promise<{ village: VillageDoc; preview: PlaceImportPreview; fresh: KeyPlaceDoc[] }> {
  const village = await villageForImport(db, caller, villageId)
  if (!rosterFileExtension(fileID, village._id, signedInUser(caller)._id)) throw new AppError('INVALID_INPUT', '场所文件无效，请重新选择文件上传', 'fileID')
  let content: Buffer
  try {
    content = await downloadFileLimited(fileID, MAX_FILE_BYTES)
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new AppError('INVALID_INPUT', '场所文件超过 2MB，请分成几个文件导入', 'fileID')
    throw new AppError('INVALID_INPUT', '场所文件还没有上传成功，请重新选择文件', 'fileID')
  }
  const [headerCells = [], ...lines] = await readRosterFile(content, fileID)
  const header = mapPlaceHeader(headerCells)
  const missing = missingPlaceHeaders(header)
  const checked = missing.length ? { rows: [], problems: [] } : checkPlaces(lines, header)
  const existing = new Set((await listVillagePlaces(db, village._id)).map((place) => place.nameKey))
  const now = new Date()
  const fresh: KeyPlaceDoc[] = checked.rows
    .filter((row) => !existing.has(row.nameKey))
    .map((row) => ({
      _id: placeIdFor(village._id, row.nameKey),
      townId: village.townId,
      villageId: village._id,
      kind: row.kind,
      name: row.name,
      nameKey: row.nameKey,
      address: row.address,
      source: 'import',
      createdBy: caller.openid,
      createdAt: now,
      marks: {},
    }))
  return {
    village,
    fresh,
    preview: {
      total: checked.rows.length + new Set(checked.problems.map((p) => p.line)).size,
      toAdd: fresh.length,
      alreadyListed: checked.rows.length - fresh.length,
      problems: checked.problems.slice(0, LISTED_PROBLEMS),
      moreProblems: Math.max(checked.problems.length - LISTED_PROBLEMS, 0),
      missingHeaders: missing,
    },
  }
}

export async function previewPlaceImport(db: Database, caller: Caller, villageId: string, fileID: string): Promise<PlaceImportPreview> {
  return (await checkFile(db, caller, villageId, fileID)).preview
}

/** All or nothing, as the roster: any problem refuses the file; a retry adds only what is still missing. */
export async function commitPlaceImport(db: Database, caller: Caller, villageId: string, fileID: string): Promise<PlaceImportResult> {
  const { village, preview, fresh } = await checkFile(db, caller, villageId, fileID)
  if (preview.missingHeaders.length > 0 || preview.problems.length > 0) {
    const count = preview.missingHeaders.length ? preview.missingHeaders.length : preview.problems.length + preview.moreProblems
    throw new AppError('INVALID_INPUT', `场所文件有 ${count} 处问题，没有导入任何场所；请改正后重新导入`, 'fileID')
  }
  let added = 0
  for (let i = 0; i < fresh.length; i += INSERT_BATCH) {
    const inserted = await insertNewPlaces(db, fresh.slice(i, i + INSERT_BATCH))
    await addToPlaceTotals(db, village, inserted.map((place) => place.kind))
    added += inserted.length
  }
  const alreadyListed = preview.alreadyListed + fresh.length - added
  await recordAudit(db, { townId: village.townId, actor: caller.openid, action: 'activities.commitPlaceImport', target: village._id, detail: { fileID, added, alreadyListed } })
  return { added, alreadyListed }
}
