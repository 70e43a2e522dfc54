import { emptyTally } from '../../domain/coverage-ledger'
import { createHash } from 'crypto'
import { villageHouseholdAddress } from '../../domain/address'
import { campaignOn } from '../../domain/campaign'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { isFileAt, visitFilePath, type VisitFileSlot } from '../../domain/files'
import { isQualifying, visitDateProblem, type CreateVisitRequest, type VisitDetail } from '../../domain/visits'
import { isCadreOf, requireVillage, signedInUser } from '../_lib/access'
import { cached } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import { isDuplicateKeyError } from '../_lib/db-errors'
import type { Caller } from '../_lib/function'
import { commitVisitChange, type TxDocs } from '../_lib/ledger'
import { listCampaigns, type CampaignDoc } from '../_lib/repos/campaigns'
import { householdIdFor, type HouseholdDoc } from '../_lib/repos/households'
import type { VillageDoc } from '../_lib/repos/places'
import { findVisit, visitIdFor, type VisitDoc } from '../_lib/repos/visits'
import { temporaryUrls } from '../_lib/storage'
import { toDetail } from './views'

/**
 * The hottest write of the app, so it is lean: after the caller's lookup, one
 * transaction reads the household, inserts the visit under an id derived from
 * the requestId, adds to the household's tally and the village's counters,
 * and commits (bench/README.md, "Database calls per action"). That id is what
 * makes a retry return the first result: a second insert collides and the
 * transaction is rolled back.
 */
export async function createVisit(db: Database, caller: Caller, input: CreateVisitRequest, requestId: string): Promise<VisitDetail> {
  const user = signedInUser(caller)
  if (!isCadreOf(caller, input.villageId)) throw new AppError('FORBIDDEN', '只有本村（社区）的村社干部、网格员可以登记入户')
  const village = await cached(`village:${input.villageId}`, () => requireVillage(db, input.villageId), { notBefore: caller.user?.townEditedAt })
  const today = shanghaiDay()
  const campaign = await cached(`town:${village.townId}:campaign:${today}`, () => campaignFor(db, village.townId, today), { notBefore: caller.user?.townEditedAt })
  const dateProblem = visitDateProblem(input.visitedOn, today, campaign.startDay)
  if (dateProblem) throw new AppError('INVALID_INPUT', dateProblem, 'visitedOn')
  const planned = planHousehold(village, input, caller.openid)
  // Asked for while the transaction starts and reads the household; a missing file still stops it before any write.
  const fileUrls = checkFiles(input, { villageId: village._id, uploaderId: user._id, requestId })
  fileUrls.catch(() => undefined) // awaited in the transaction, which may fail before it gets there

  const id = visitIdFor(caller.openid, requestId)
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32)
  const now = new Date()
  const visitFor = (household: HouseholdDoc): VisitDoc => ({
    _id: id,
    requestId,
    requestHash,
    townId: village.townId,
    villageId: village._id,
    campaignId: campaign._id,
    householdId: household._id,
    group: household.group,
    address: household.address,
    unitName: input.unitName,
    authorId: user._id,
    authorName: user.name,
    coworkers: input.coworkers,
    visitedOn: input.visitedOn,
    items: [...new Set(input.items)],
    otherContent: input.otherContent,
    qualifying: isQualifying(input.items),
    residentName: input.residentName,
    phone: input.phone,
    phoneDeclinedReason: input.phone ? '' : input.phoneDeclinedReason,
    signature: {
      kind: input.signature.kind,
      fileID: 'fileID' in input.signature ? input.signature.fileID : null,
      reason: 'reason' in input.signature ? input.signature.reason : '',
      proxyName: input.signature.kind === 'proxy' ? input.signature.proxyName : '',
    },
    photoFileID: input.photoFileID ?? null,
    location: input.location ?? null,
    status: 'active',
    voidReason: '',
    voidedAt: null,
    voidedBy: null,
    corrections: [],
    createdAt: now,
    updatedAt: now,
  })

  let visit: VisitDoc
  try {
    visit = await commitVisitChange(db, {
      townId: village.townId,
      before: null,
      prepare: async (docs) => {
        const [files, household] = await Promise.allSettled([fileUrls, householdInTransaction(docs, village, planned)])
        if (files.status === 'rejected') throw files.reason
        if (household.status === 'rejected') throw household.reason
        return visitFor(household.value)
      },
      after: (doc) => ({ householdId: doc.householdId, campaignId: doc.campaignId, villageId: doc.villageId, day: doc.visitedOn, qualifying: doc.qualifying }),
      write: async (tx, doc) => {
        await tx.collection('visits').add(doc as unknown as Record<string, unknown>)
      },
    })
  } catch (error) {
    const existing = isDuplicateKeyError(error) ? await findVisit(db, id) : null
    if (!existing) throw error
    if (existing.requestHash !== requestHash) {
      throw new AppError('CONFLICT', '这个请求编号已用于另一条记录，请刷新后重新提交', 'requestId')
    }
    visit = existing
  }
  return toDetail(visit, caller, await fileUrls)
}

/** Visits are logged into the campaign under way today; their dates may not precede its start. */
export async function campaignFor(db: Database, townId: string, day: string): Promise<CampaignDoc> {
  const campaign = campaignOn(
    (await listCampaigns(db, townId)).map((doc) => ({ ...doc, id: doc._id })),
    day,
  )
  if (!campaign) throw new AppError('INVALID_INPUT', '现在没有进行中的反诈入户活动，请联系镇反诈办', 'visitedOn')
  return campaign
}

type PlannedHousehold = { id: string; fresh: Omit<HouseholdDoc, '_id'> | null }

/** Which household the visit is for; a new one is registered in the visit's transaction. */
function planHousehold(village: VillageDoc, input: CreateVisitRequest, openid: string): PlannedHousehold {
  if (input.householdId) return { id: input.householdId, fresh: null }
  const fresh = input.newHousehold
  if (!fresh) throw new AppError('INVALID_INPUT', '请选择入户对象', 'householdId')
  const parsed = villageHouseholdAddress(village, fresh.group, fresh.door)
  if ('problems' in parsed) throw new AppError('INVALID_INPUT', parsed.problems[0].message, `newHousehold.${parsed.problems[0].field}`)
  const { address } = parsed
  return {
    id: householdIdFor(village._id, address.key),
    fresh: {
      townId: village.townId,
      villageId: village._id,
      group: address.group,
      addressKey: address.key,
      address: address.label,
      headName: fresh.headName,
      phone: fresh.phone,
      source: 'visit',
      createdBy: openid,
      createdAt: new Date(),
      ...emptyTally(),
    },
  }
}

async function householdInTransaction(docs: TxDocs, village: VillageDoc, planned: PlannedHousehold): Promise<HouseholdDoc> {
  const existing = await docs.get<HouseholdDoc>('households', planned.id)
  // The door is registered already (maybe by another cadre meanwhile): visit that household.
  if (existing) {
    if (existing.villageId !== village._id) throw new AppError('INVALID_INPUT', '户籍名册里没有这一户，请重新选择或新登记', 'householdId')
    return { ...existing, _id: planned.id }
  }
  if (!planned.fresh) throw new AppError('INVALID_INPUT', '户籍名册里没有这一户，请重新选择或新登记', 'householdId')
  docs.create('households', planned.id, planned.fresh)
  return { ...planned.fresh, _id: planned.id }
}

const FILE_PROBLEMS: Record<VisitFileSlot, { field: string; foreign: string; missing: string }> = {
  signature: { field: 'signature', foreign: '签名图片与这条记录不符，请重新签字', missing: '签名图片还没有上传成功，请稍后重试' },
  photo: { field: 'photoFileID', foreign: '照片与这条记录不符，请重新拍摄', missing: '照片还没有上传成功，请稍后重试' },
}

/**
 * The visit's files must be the ones its author uploaded for this very record
 * (the path derived from village, uploader and requestId), which throws at
 * once, and must exist. Resolves to their temporary URLs, asked for in one call.
 */
function checkFiles(
  input: CreateVisitRequest,
  owner: { villageId: string; uploaderId: string; requestId: string },
): Promise<{ signature: string | null; photo: string | null }> {
  const files: Partial<Record<VisitFileSlot, string>> = {}
  if ('fileID' in input.signature) files.signature = input.signature.fileID
  if (input.photoFileID) files.photo = input.photoFileID
  const slots = Object.keys(files) as VisitFileSlot[]
  for (const slot of slots) {
    if (!isFileAt(files[slot] as string, visitFilePath(slot, owner))) throw new AppError('INVALID_INPUT', FILE_PROBLEMS[slot].foreign, FILE_PROBLEMS[slot].field)
  }
  return existingFileUrls(files, slots)
}

async function existingFileUrls(files: Partial<Record<VisitFileSlot, string>>, slots: VisitFileSlot[]): Promise<{ signature: string | null; photo: string | null }> {
  const urls = slots.length ? await temporaryUrls(Object.values(files)) : new Map<string, string | null>()
  const urlOf = (slot: VisitFileSlot): string | null => {
    const fileID = files[slot]
    if (!fileID) return null
    const url = urls.get(fileID)
    if (!url) throw new AppError('INVALID_INPUT', FILE_PROBLEMS[slot].missing, FILE_PROBLEMS[slot].field)
    return url
  }
  return { signature: urlOf('signature'), photo: urlOf('photo') }
}
