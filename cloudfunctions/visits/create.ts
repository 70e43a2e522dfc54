import { householdAddress } from '../../domain/address'
import { campaignOn } from '../../domain/campaign'
import type { VisitEffect } from '../../domain/coverage-ledger'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { isQualifying, isSignatureFileFor, visitDateProblem, type CreateVisitRequest, type VisitDetail } from '../../domain/visits'
import { isCadreOf, requireVillage, signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { commitVisitChange, type Transaction } from '../_lib/ledger'
import { listCampaigns, type CampaignDoc } from '../_lib/repos/campaigns'
import { findHousehold, householdIdFor, type HouseholdDoc } from '../_lib/repos/households'
import type { VillageDoc } from '../_lib/repos/places'
import { findVisit, visitIdFor, type VisitDoc } from '../_lib/repos/visits'
import { fileExists } from '../_lib/storage'
import { readVisitDetail } from './read'

export async function createVisit(db: Database, caller: Caller, input: CreateVisitRequest, requestId: string): Promise<VisitDetail> {
  const user = signedInUser(caller)
  if (!isCadreOf(caller, input.villageId)) throw new AppError('FORBIDDEN', '只有本村（社区）的村社干部、网格员可以登记入户')
  const village = await requireVillage(db, input.villageId)

  const id = visitIdFor(caller.openid, requestId)
  // Created already (a retry whose first reply was lost): answer with it.
  if (await findVisit(db, id)) return readVisitDetail(db, caller, id)

  const today = shanghaiDay()
  const campaign = await campaignFor(db, village.townId, today)
  const dateProblem = visitDateProblem(input.visitedOn, today, campaign.startDay)
  if (dateProblem) throw new AppError('INVALID_INPUT', dateProblem, 'visitedOn')

  const household = await resolveHousehold(db, village, input, caller.openid)
  await checkSignature(input, requestId)

  const now = new Date()
  const visit: VisitDoc = {
    _id: id,
    requestId,
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
  }
  const effect: VisitEffect = {
    householdId: household._id,
    campaignId: campaign._id,
    villageId: village._id,
    day: visit.visitedOn,
    qualifying: visit.qualifying,
  }

  await commitVisitChange(db, {
    townId: village.townId,
    before: null,
    after: effect,
    prepare: async (tx: Transaction) => {
      const { data } = await tx.collection('visits').doc(id).get()
      if (data) throw new AppError('CONFLICT', '这条记录已经保存过了，请刷新列表')
      if (household.isNew) {
        const { data: existing } = await tx.collection('households').doc(household._id).get()
        if (!existing) await tx.collection('households').doc(household._id).set(withoutFlags(household))
      }
    },
    write: async (tx) => {
      await tx.collection('visits').doc(id).set(withoutId(visit))
    },
  })
  return readVisitDetail(db, caller, id)
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

type ResolvedHousehold = HouseholdDoc & { isNew: boolean }

async function resolveHousehold(db: Database, village: VillageDoc, input: CreateVisitRequest, openid: string): Promise<ResolvedHousehold> {
  if (input.householdId) {
    const household = await findHousehold(db, input.householdId)
    if (!household || household.villageId !== village._id) {
      throw new AppError('INVALID_INPUT', '户籍名册里没有这一户，请重新选择或新登记', 'householdId')
    }
    return { ...household, isNew: false }
  }
  const fresh = input.newHousehold
  if (!fresh) throw new AppError('INVALID_INPUT', '请选择入户对象', 'householdId')
  if (village.kind === 'village' && !fresh.group) throw new AppError('INVALID_INPUT', '请选择所在的组', 'newHousehold.group')
  const parsed = householdAddress(fresh.group, fresh.door, { villageName: village.name })
  if ('problem' in parsed) throw new AppError('INVALID_INPUT', parsed.problem, 'newHousehold.door')
  const address = parsed.address
  const id = householdIdFor(village._id, address.key)
  // The door is registered already (maybe by another cadre meanwhile): visit that household.
  const existing = await findHousehold(db, id)
  if (existing) return { ...existing, isNew: false }
  return {
    _id: id,
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
    campaignVisits: {},
    coveredOn: {},
    isNew: true,
  }
}

async function checkSignature(input: CreateVisitRequest, requestId: string): Promise<void> {
  if (!('fileID' in input.signature)) return
  if (!isSignatureFileFor(input.signature.fileID, input.villageId, requestId)) {
    throw new AppError('INVALID_INPUT', '签名图片与这条记录不符，请重新签字', 'signature')
  }
  if (!(await fileExists(input.signature.fileID))) {
    throw new AppError('INVALID_INPUT', '签名图片还没有上传成功，请稍后重试', 'signature')
  }
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc
  return rest
}

function withoutFlags(household: ResolvedHousehold): Omit<HouseholdDoc, '_id'> {
  const { isNew: _isNew, ...doc } = household
  return withoutId(doc)
}
