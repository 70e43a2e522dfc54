import type { ActivityDetail, ActivityFormContext, ActivityPage } from '../../domain/activities'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { mayReadVillageRecords, mayWatchVillage, signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { decodeCursor } from '../_lib/paging'
import { findActivity, listActivitiesPage, type ActivityDoc } from '../_lib/repos/activities'
import { findVillage } from '../_lib/repos/places'
import { temporaryUrls } from '../_lib/storage'
import { campaignOrNull } from './campaign'
import { villagesToLog, villageToWatch } from './scope'
import { toActivityDetail, toActivityItem } from './views'

const PAGE_SIZE = 30

export async function activityFormContext(db: Database, caller: Caller): Promise<ActivityFormContext> {
  const user = signedInUser(caller)
  const villages = await villagesToLog(db, caller)
  if (villages.length === 0) throw new AppError('FORBIDDEN', '你的账号还没有分配村（社区）或单位，请联系镇反诈办')
  const today = shanghaiDay()
  const campaign = await campaignOrNull(db, villages[0].townId, today)
  return {
    villages: villages.map((village) => ({ id: village._id, name: village.name })),
    uploaderId: user._id,
    authorName: user.name,
    today,
    campaign: campaign ? { id: campaign._id, name: campaign.name, startDay: campaign.startDay } : null,
  }
}

export async function readActivityDetail(db: Database, caller: Caller, activityId: string): Promise<ActivityDetail> {
  const activity = await findActivity(db, activityId)
  if (!activity) throw new AppError('NOT_FOUND', '没有找到这条活动记录', 'activityId')
  const village = await findVillage(db, activity.villageId)
  const mayRead = caller.user?._id === activity.authorId || (village !== null && mayWatchVillage(caller, village))
  if (!mayRead) throw new AppError('FORBIDDEN', '你不能查看这条活动记录')
  const urls = activity.photoFileIDs.length ? await temporaryUrls(activity.photoFileIDs) : new Map<string, string | null>()
  return toActivityDetail(activity, caller, urls, village !== null && mayReadVillageRecords(caller, village))
}

export async function listActivities(db: Database, caller: Caller, input: { scope: 'mine' | 'village'; villageId?: string; cursor?: string }): Promise<ActivityPage> {
  const user = signedInUser(caller)
  const before = decodeCursor(input.cursor)
  let docs: ActivityDoc[]
  let fullText = true
  if (input.scope === 'mine') {
    docs = await listActivitiesPage(db, { authorId: user._id, before, limit: PAGE_SIZE + 1 })
  } else {
    const villageId = input.villageId ?? user.villageId
    if (!villageId) throw new AppError('INVALID_INPUT', '请选择村（社区）', 'villageId')
    const village = await villageToWatch(db, caller, villageId)
    fullText = mayReadVillageRecords(caller, village)
    docs = await listActivitiesPage(db, { villageId, before, limit: PAGE_SIZE + 1 })
  }
  const items = docs.slice(0, PAGE_SIZE)
  const last = items[items.length - 1]
  return { items: items.map((doc) => toActivityItem(doc, caller, fullText)), nextCursor: docs.length > PAGE_SIZE && last ? new Date(last.createdAt).toISOString() : null }
}
