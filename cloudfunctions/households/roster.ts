import { emptyTally } from '../../domain/coverage-ledger'
import { villageHouseholdAddress } from '../../domain/address'
import { AppError } from '../../domain/errors'
import { rosterFileExtension } from '../../domain/files'
import { maskAddress, maskName } from '../../domain/mask'
import { maskPhone, normalisePhone } from '../../domain/phone'
import {
  checkRoster,
  mapHeader,
  missingHeaders,
  type HouseholdView,
  type RosterImportResult,
  type RosterPreview,
} from '../../domain/roster'
import { isCadreOf, isTownWide, mayReadVillageRecords, requireVillage, signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { recordAudit } from '../_lib/repos/audit'
import { findHousehold, householdIdFor, insertNewHouseholds, listVillageHouseholds, type HouseholdDoc } from '../_lib/repos/households'
import { findTown, type VillageDoc } from '../_lib/repos/places'
import { downloadFileLimited, FileTooLargeError } from '../_lib/storage'
import { readRosterFile } from '../_lib/sheets/roster-file'

const MAX_FILE_BYTES = 5 * 1024 * 1024
const LISTED_PROBLEMS = 200
const INSERT_BATCH = 500
const REGISTER_PAGE = 1000

async function villageForWriting(db: Database, caller: Caller, villageId: string): Promise<VillageDoc> {
  const village = await requireVillage(db, villageId)
  if (!isCadreOf(caller, villageId) && !(caller.roles.includes('office') && isTownWide(caller, village.townId))) {
    throw new AppError('FORBIDDEN', '只有本村（社区）的村社干部或镇反诈办可以维护户籍名册')
  }
  return village
}

interface CheckedFile {
  village: VillageDoc
  preview: RosterPreview
  fresh: HouseholdDoc[]
}

async function checkFile(db: Database, caller: Caller, villageId: string, fileID: string): Promise<CheckedFile> {
  const village = await villageForWriting(db, caller, villageId)
  // Only a file the caller uploaded for this village (domain/files.ts): never someone else's.
  if (!rosterFileExtension(fileID, village._id, signedInUser(caller)._id)) {
    throw new AppError('INVALID_INPUT', '名册文件无效，请重新选择文件上传', 'fileID')
  }
  let content: Buffer
  try {
    content = await downloadFileLimited(fileID, MAX_FILE_BYTES)
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new AppError('INVALID_INPUT', '名册文件超过 5MB，请分成几个文件导入', 'fileID')
    throw new AppError('INVALID_INPUT', '名册文件还没有上传成功，请重新选择文件', 'fileID')
  }
  // Refuses the file at its first row past MAX_ROSTER_ROWS, without reading on.
  const [headerCells = [], ...lines] = await readRosterFile(content, fileID)

  const header = mapHeader(headerCells)
  const missing = missingHeaders(header, village.kind === 'village')
  const town = await findTown(db, village.townId)
  const checked = missing.length ? { rows: [], problems: [] } : checkRoster(lines, header, village, town?.name)

  const existingKeys = new Set<string>()
  for (let offset = 0; ; offset += REGISTER_PAGE) {
    const page = await listVillageHouseholds(db, village._id, REGISTER_PAGE, offset)
    page.forEach((household) => existingKeys.add(household.addressKey))
    if (page.length < REGISTER_PAGE) break
  }
  const now = new Date()
  const fresh: HouseholdDoc[] = checked.rows
    .filter((row) => !existingKeys.has(row.addressKey))
    .map((row) => ({
      _id: householdIdFor(village._id, row.addressKey),
      townId: village.townId,
      villageId: village._id,
      group: row.group,
      addressKey: row.addressKey,
      address: row.address,
      headName: row.headName,
      phone: row.phone,
      source: 'import',
      createdBy: caller.openid,
      createdAt: now,
      ...emptyTally(),
    }))

  return {
    village,
    fresh,
    preview: {
      total: checked.rows.length + new Set(checked.problems.map((p) => p.line)).size,
      toAdd: fresh.length,
      alreadyRegistered: checked.rows.length - fresh.length,
      problems: checked.problems.slice(0, LISTED_PROBLEMS),
      moreProblems: Math.max(checked.problems.length - LISTED_PROBLEMS, 0),
      missingHeaders: missing,
    },
  }
}

export async function previewImport(db: Database, caller: Caller, villageId: string, fileID: string): Promise<RosterPreview> {
  return (await checkFile(db, caller, villageId, fileID)).preview
}

/**
 * All or nothing: any problem refuses the whole file. Ids come from the
 * address, so a retry after a cut connection adds only what is still missing.
 */
export async function commitImport(db: Database, caller: Caller, villageId: string, fileID: string): Promise<RosterImportResult> {
  const { village, preview, fresh } = await checkFile(db, caller, villageId, fileID)
  if (preview.missingHeaders.length > 0 || preview.problems.length > 0) {
    throw new AppError('INVALID_INPUT', `名册有 ${preview.problems.length + preview.moreProblems} 处问题，没有导入任何一户；请改正后重新导入`, 'fileID')
  }
  let added = 0
  for (let i = 0; i < fresh.length; i += INSERT_BATCH) {
    added += await insertNewHouseholds(db, fresh.slice(i, i + INSERT_BATCH))
  }
  // Doors someone else registered meanwhile (a second import of the same file) count as already there.
  const alreadyRegistered = preview.alreadyRegistered + fresh.length - added
  await recordAudit(db, {
    townId: village.townId,
    actor: caller.openid,
    action: 'households.import',
    target: village._id,
    detail: { fileID, added, alreadyRegistered },
  })
  return { added, alreadyRegistered }
}

export interface CreateHouseholdInput {
  villageId: string
  group?: number | null
  door: string
  headName: string
  phone: string
}

export async function createHousehold(db: Database, caller: Caller, input: CreateHouseholdInput): Promise<{ household: HouseholdView; created: boolean }> {
  const village = await villageForWriting(db, caller, input.villageId)
  const parsed = villageHouseholdAddress(village, input.group, input.door)
  if ('problems' in parsed) throw new AppError('INVALID_INPUT', parsed.problems[0].message, parsed.problems[0].field)
  const address = parsed.address
  const id = householdIdFor(village._id, address.key)
  const existing = await findHousehold(db, id)
  if (existing) return { household: toView(existing), created: false }
  const doc: HouseholdDoc = {
    _id: id,
    townId: village.townId,
    villageId: village._id,
    group: address.group,
    addressKey: address.key,
    address: address.label,
    headName: input.headName,
    phone: input.phone ? normalisePhone(input.phone)?.value ?? '' : '',
    source: 'manual',
    createdBy: caller.openid,
    createdAt: new Date(),
    ...emptyTally(),
  }
  if (await insertNewHouseholds(db, [doc])) return { household: toView(doc), created: true }
  // Registered by someone else a moment ago: the same door, so the same household.
  const registered = await findHousehold(db, id)
  if (!registered) throw new AppError('CONFLICT', '这一户刚被别人登记过，请刷新名册后再选', 'door')
  return { household: toView(registered), created: false }
}

export async function readRegister(db: Database, caller: Caller, villageId: string, offset: number): Promise<{ households: HouseholdView[]; nextOffset: number | null }> {
  const village = await requireVillage(db, villageId)
  if (!mayReadVillageRecords(caller, village)) throw new AppError('FORBIDDEN', '只有本村社干部、镇反诈办和派出所可以查看户籍名册')
  const page = await listVillageHouseholds(db, villageId, REGISTER_PAGE, offset)
  // The village's cadres find the household at the door and call it: they get
  // the register in full. Office and police only oversee it: masked, as a list.
  const view = isCadreOf(caller, villageId) ? toView : toMaskedView
  return { households: page.map(view), nextOffset: page.length === REGISTER_PAGE ? offset + REGISTER_PAGE : null }
}

function toMaskedView(doc: HouseholdDoc): HouseholdView {
  return { id: doc._id, group: doc.group, address: maskAddress(doc.address), headName: maskName(doc.headName), phone: maskPhone(doc.phone) }
}

function toView(doc: HouseholdDoc): HouseholdView {
  return { id: doc._id, group: doc.group, address: doc.address, headName: doc.headName, phone: doc.phone }
}
