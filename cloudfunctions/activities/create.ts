import { createHash } from 'crypto'
import { activityDateProblem, marksPlace, placeNameKey, type CreateActivityRequest, type ActivityDetail } from '../../domain/activities'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { isActivityPhoto } from '../../domain/files'
import { isCadreOf, isUnitHeadOf, signedInUser } from '../_lib/access'
import { cached } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import { isDuplicateKeyError } from '../_lib/db-errors'
import type { Caller } from '../_lib/function'
import type { TxDocs } from '../_lib/ledger'
import { activityIdFor, findActivity, placeIdFor, type ActivityDoc, type KeyPlaceDoc } from '../_lib/repos/activities'
import type { VillageDoc } from '../_lib/repos/places'
import { temporaryUrls } from '../_lib/storage'
import { campaignFor } from './campaign'
import { commitActivityChange, type ActivityEffect } from './ledger'
import { villageToLog } from './scope'
import { toActivityDetail } from './views'

/**
 * Like a visit: one transaction inserts the activity under an id derived from
 * the author and the requestId (a retry collides and answers the first
 * record), registers a place named on the spot, and moves the place counters.
 */
export async function createActivity(db: Database, caller: Caller, input: CreateActivityRequest, requestId: string): Promise<ActivityDetail> {
  const user = signedInUser(caller)
  const village = await villageToLog(db, caller, input.villageId)
  const today = shanghaiDay()
  const campaign = await cached(`town:${village.townId}:campaign:${today}`, () => campaignFor(db, village.townId, today), { notBefore: caller.user?.townEditedAt })
  const dateProblem = activityDateProblem(input.heldOn, today, campaign.startDay)
  if (dateProblem) throw new AppError('INVALID_INPUT', dateProblem, 'heldOn')

  const owner = { villageId: village._id, uploaderId: user._id, requestId }
  const photos = [...new Set(input.photoFileIDs)]
  if (photos.some((fileID) => !isActivityPhoto(fileID, owner))) throw new AppError('INVALID_INPUT', '照片与这条记录不符，请重新拍摄', 'photoFileIDs')
  const urls = photos.length ? temporaryUrls(photos) : Promise.resolve(new Map<string, string | null>())
  urls.catch(() => undefined)

  const planned = planPlace(village, input, caller.openid)
  const id = activityIdFor(caller.openid, requestId)
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32)
  const now = new Date()
  const activityAt = (place: KeyPlaceDoc | null): ActivityDoc => ({
    _id: id,
    requestId,
    requestHash,
    townId: village.townId,
    villageId: village._id,
    campaignId: campaign._id,
    kind: input.kind,
    fiveIn: input.kind === 'fiveIn' ? (input.fiveIn ?? null) : null,
    placeId: place?._id ?? null,
    placeKind: place?.kind ?? null,
    placeName: place?.name ?? '',
    venue: place ? '' : input.venue,
    heldOn: input.heldOn,
    reached: input.reached,
    note: input.note,
    photoFileIDs: photos,
    location: input.location ?? null,
    authorId: user._id,
    authorName: user.name,
    authorRole: isCadreOf(caller, village._id) ? 'cadre' : isUnitHeadOf(caller, village) ? 'unit_head' : 'police',
    status: 'active',
    voidReason: '',
    voidedAt: null,
    voidedBy: null,
    corrections: [],
    createdAt: now,
    updatedAt: now,
  })

  let activity: ActivityDoc
  try {
    activity = await commitActivityChange(db, {
      townId: village.townId,
      before: null,
      prepare: async (docs) => {
        const [found, place] = await Promise.allSettled([urls, placeInTransaction(docs, village, planned)])
        if (found.status === 'rejected') throw found.reason
        if (place.status === 'rejected') throw place.reason
        if (photos.some((fileID) => !found.value.get(fileID))) throw new AppError('INVALID_INPUT', '照片还没有上传成功，请稍后重试', 'photoFileIDs')
        return activityAt(place.value)
      },
      after: effectOf,
      write: async (tx, doc) => {
        await tx.collection('activities').add(doc as unknown as Record<string, unknown>)
      },
    })
  } catch (error) {
    const existing = isDuplicateKeyError(error) ? await findActivity(db, id) : null
    if (!existing) throw error
    if (existing.requestHash !== requestHash) throw new AppError('CONFLICT', '这个请求编号已用于另一条记录，请刷新后重新提交', 'requestId')
    activity = existing
  }
  return toActivityDetail(activity, caller, await urls, true)
}

export function effectOf(activity: Pick<ActivityDoc, 'campaignId' | 'villageId' | 'placeId' | 'placeKind' | 'kind' | 'reached'>): ActivityEffect {
  return {
    campaignId: activity.campaignId,
    villageId: activity.villageId,
    placeId: activity.placeId,
    placeKind: activity.placeKind,
    marks: marksPlace(activity.kind),
    reached: activity.reached,
  }
}

type PlannedPlace = { id: string; fresh: Omit<KeyPlaceDoc, '_id'> | null } | null

function planPlace(village: VillageDoc, input: CreateActivityRequest, openid: string): PlannedPlace {
  if (input.placeId) return { id: input.placeId, fresh: null }
  if (!input.newPlace) return null
  const nameKey = placeNameKey(input.newPlace.kind, input.newPlace.name)
  return {
    id: placeIdFor(village._id, nameKey),
    fresh: {
      townId: village.townId,
      villageId: village._id,
      kind: input.newPlace.kind,
      name: input.newPlace.name,
      nameKey,
      address: input.newPlace.address,
      source: 'activity',
      createdBy: openid,
      createdAt: new Date(),
      marks: {},
    },
  }
}

async function placeInTransaction(docs: TxDocs, village: VillageDoc, planned: PlannedPlace): Promise<KeyPlaceDoc | null> {
  if (!planned) return null
  const existing = await docs.get<KeyPlaceDoc>('keyPlaces', planned.id)
  if (existing) {
    if (existing.villageId !== village._id) throw new AppError('INVALID_INPUT', '这个村（社区）没有这个场所，请重新选择', 'placeId')
    return { ...existing, _id: planned.id }
  }
  if (!planned.fresh) throw new AppError('INVALID_INPUT', '没有找到这个场所，请重新选择或新添加', 'placeId')
  docs.create('keyPlaces', planned.id, planned.fresh as unknown as Record<string, unknown>)
  return { ...planned.fresh, _id: planned.id }
}
