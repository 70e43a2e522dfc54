import { activityDateProblem, needsPhoto, needsPlace, NO_PHOTO, NO_PLACE, type ActivityDetail, type CorrectActivityRequest } from '../../domain/activities'
import { lastDayOf } from '../../domain/campaign'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import type { Transaction, TxDocs } from '../_lib/ledger'
import { findActivity, type ActivityDoc } from '../_lib/repos/activities'
import { recordAudit } from '../_lib/repos/audit'
import { listCampaigns } from '../_lib/repos/campaigns'
import { effectOf } from './create'
import { commitActivityChange, type ActivityEffect } from './ledger'
import { readActivityDetail } from './read'
import { mayEditActivity } from './views'

// As visits/edit.ts: the author within 24 hours, office of the town at any
// time; every correction keeps what it changed, a void keeps the record.

const EDITABLE_FIELDS = ['kind', 'fiveIn', 'heldOn', 'reached', 'venue', 'note'] as const

async function editableActivity(db: Database, caller: Caller, activityId: string): Promise<ActivityDoc> {
  signedInUser(caller)
  const activity = await findActivity(db, activityId)
  if (!activity || activity.townId !== caller.user?.townId) throw new AppError('NOT_FOUND', '没有找到这条活动记录', 'activityId')
  if (activity.status === 'voided') throw new AppError('CONFLICT', '这条记录已作废，不能再修改')
  if (!mayEditActivity(caller, activity)) throw new AppError('FORBIDDEN', '记录人只能在保存后24小时内更正或作废；超过时间请联系镇反诈办处理')
  return activity
}

async function unchangedSince(docs: TxDocs, activity: ActivityDoc): Promise<void> {
  const current = await docs.get<ActivityDoc>('activities', activity._id)
  if (!current || current.status !== 'active' || new Date(current.updatedAt).getTime() !== new Date(activity.updatedAt).getTime()) {
    throw new AppError('CONFLICT', '这条记录刚被修改过，请刷新后再试')
  }
}

export async function correctActivity(db: Database, caller: Caller, input: CorrectActivityRequest): Promise<ActivityDetail> {
  const activity = await editableActivity(db, caller, input.activityId)
  const user = signedInUser(caller)
  // The place and photos stay: the new kind must be content with them.
  if (needsPlace(input.kind) && !activity.placeId) throw new AppError('INVALID_INPUT', NO_PLACE, 'kind')
  if (needsPhoto(input.kind) && activity.photoFileIDs.length === 0) throw new AppError('INVALID_INPUT', NO_PHOTO, 'kind')
  if (input.heldOn !== activity.heldOn) {
    const campaign = (await listCampaigns(db, activity.townId)).find((doc) => doc._id === activity.campaignId)
    const last = campaign ? lastDayOf(campaign) : null
    const problem =
      activityDateProblem(input.heldOn, shanghaiDay(), campaign?.startDay ?? null) ?? (last && input.heldOn > last ? `活动日期不能晚于本次活动结束日（${last}）` : null)
    if (problem) throw new AppError('INVALID_INPUT', problem, 'heldOn')
  }
  const next = {
    kind: input.kind,
    fiveIn: input.kind === 'fiveIn' ? (input.fiveIn ?? null) : null,
    heldOn: input.heldOn,
    reached: input.reached,
    venue: activity.placeId ? '' : input.venue,
    note: input.note,
  }
  const before: Record<string, unknown> = {}
  for (const field of EDITABLE_FIELDS) if (JSON.stringify(activity[field]) !== JSON.stringify(next[field])) before[field] = activity[field]
  if (Object.keys(before).length === 0) return readActivityDetail(db, caller, activity._id)
  if (!activity.placeId && !next.venue) throw new AppError('INVALID_INPUT', NO_PLACE, 'venue')

  const now = new Date()
  const _ = db.command
  await commitEdit(db, activity, effectOf({ ...activity, ...next }), async (tx) => {
    await tx.collection('activities').doc(activity._id).update({
      ...next,
      updatedAt: now,
      corrections: _.push([{ at: now, byUserId: user._id, byName: user.name, reason: input.reason, before }]),
    })
  })
  await recordAudit(db, { townId: activity.townId, actor: caller.openid, action: 'activities.correct', target: activity._id, detail: { reason: input.reason, changed: Object.keys(before) } })
  return readActivityDetail(db, caller, activity._id)
}

export async function voidActivity(db: Database, caller: Caller, activityId: string, reason: string): Promise<ActivityDetail> {
  const activity = await editableActivity(db, caller, activityId)
  const user = signedInUser(caller)
  const now = new Date()
  await commitEdit(db, activity, null, async (tx) => {
    await tx.collection('activities').doc(activity._id).update({ status: 'voided', voidReason: reason, voidedAt: now, voidedBy: user._id, updatedAt: now })
  })
  await recordAudit(db, { townId: activity.townId, actor: caller.openid, action: 'activities.void', target: activity._id, detail: { reason } })
  return readActivityDetail(db, caller, activity._id)
}

function commitEdit(db: Database, activity: ActivityDoc, after: ActivityEffect | null, write: (tx: Transaction) => Promise<void>): Promise<void> {
  return commitActivityChange(db, { townId: activity.townId, before: effectOf(activity), after, prepare: (docs) => unchangedSince(docs, activity), write })
}
