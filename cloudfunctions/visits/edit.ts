import { lastDayOf } from '../../domain/campaign'
import type { VisitEffect } from '../../domain/coverage-ledger'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { isQualifying, visitDateProblem, type CorrectVisitRequest, type VisitDetail } from '../../domain/visits'
import { signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { commitVisitChange, type TxDocs } from '../_lib/ledger'
import { recordAudit } from '../_lib/repos/audit'
import { listCampaigns } from '../_lib/repos/campaigns'
import { findVisit, type VisitDoc } from '../_lib/repos/visits'
import { readVisitDetail } from './read'
import { mayEdit } from './views'

const EDITABLE_FIELDS = ['unitName', 'coworkers', 'visitedOn', 'items', 'otherContent', 'residentName', 'phone', 'phoneDeclinedReason'] as const

function effectOf(visit: Pick<VisitDoc, 'householdId' | 'campaignId' | 'villageId' | 'visitedOn' | 'items'>): VisitEffect {
  return {
    householdId: visit.householdId,
    campaignId: visit.campaignId,
    villageId: visit.villageId,
    day: visit.visitedOn,
    qualifying: isQualifying(visit.items),
  }
}

async function editableVisit(db: Database, caller: Caller, visitId: string): Promise<VisitDoc> {
  signedInUser(caller)
  const visit = await findVisit(db, visitId)
  if (!visit) throw new AppError('NOT_FOUND', '没有找到这条入户记录', 'visitId')
  if (visit.status === 'voided') throw new AppError('CONFLICT', '这条记录已作废，不能再修改')
  if (visit.erasedAt) throw new AppError('CONFLICT', '这条记录的个人信息已按规定删除，不能再修改或作废')
  if (!mayEdit(caller, visit)) {
    throw new AppError('FORBIDDEN', '记录人只能在保存后24小时内更正或作废；超过时间请联系镇反诈办处理')
  }
  return visit
}

/** Re-reads the visit inside the transaction: a concurrent void or correction must not be overwritten. */
async function unchangedSince(docs: TxDocs, visit: VisitDoc): Promise<void> {
  const current = await docs.get<VisitDoc>('visits', visit._id)
  if (!current || current.status !== 'active' || new Date(current.updatedAt).getTime() !== new Date(visit.updatedAt).getTime()) {
    throw new AppError('CONFLICT', '这条记录刚被修改过，请刷新后再试')
  }
}

export async function correctVisit(db: Database, caller: Caller, input: CorrectVisitRequest): Promise<VisitDetail> {
  const visit = await editableVisit(db, caller, input.visitId)
  const user = signedInUser(caller)

  // A correction keeps the visit in its campaign: the new date must fall within it.
  if (input.visitedOn !== visit.visitedOn) {
    const campaign = (await listCampaigns(db, visit.townId)).find((doc) => doc._id === visit.campaignId)
    const last = campaign ? lastDayOf(campaign) : null
    const today = shanghaiDay()
    const problem =
      visitDateProblem(input.visitedOn, today, campaign?.startDay ?? null) ??
      (last && input.visitedOn > last ? `入户日期不能晚于本次活动结束日（${last}）` : null)
    if (problem) throw new AppError('INVALID_INPUT', problem, 'visitedOn')
  }
  const campaignId = visit.campaignId

  const next = {
    unitName: input.unitName,
    coworkers: input.coworkers,
    visitedOn: input.visitedOn,
    items: [...new Set(input.items)],
    otherContent: input.otherContent,
    residentName: input.residentName,
    phone: input.phone,
    phoneDeclinedReason: input.phone ? '' : input.phoneDeclinedReason,
  }
  const before: Record<string, unknown> = {}
  for (const field of EDITABLE_FIELDS) {
    if (JSON.stringify(visit[field]) !== JSON.stringify(next[field])) before[field] = visit[field]
  }
  if (Object.keys(before).length === 0) return readVisitDetail(db, caller, visit._id)

  const now = new Date()
  const _ = db.command
  await commitVisitChange(db, {
    townId: visit.townId,
    before: effectOf(visit),
    after: effectOf({ ...visit, ...next, campaignId }),
    prepare: (docs) => unchangedSince(docs, visit),
    write: async (tx) => {
      await tx.collection('visits').doc(visit._id).update({
        ...next,
        campaignId,
        qualifying: isQualifying(next.items),
        updatedAt: now,
        corrections: _.push([{ at: now, byUserId: user._id, byName: user.name, reason: input.reason, before }]),
      })
    },
  })
  await recordAudit(db, { townId: visit.townId, actor: caller.openid, action: 'visits.correct', target: visit._id, detail: { reason: input.reason, changed: Object.keys(before) } })
  return readVisitDetail(db, caller, visit._id)
}

export async function voidVisit(db: Database, caller: Caller, visitId: string, reason: string): Promise<VisitDetail> {
  const visit = await editableVisit(db, caller, visitId)
  const user = signedInUser(caller)
  const now = new Date()
  await commitVisitChange(db, {
    townId: visit.townId,
    before: effectOf(visit),
    after: null,
    prepare: (docs) => unchangedSince(docs, visit),
    write: async (tx) => {
      await tx.collection('visits').doc(visit._id).update({ status: 'voided', voidReason: reason, voidedAt: now, voidedBy: user._id, updatedAt: now })
    },
  })
  await recordAudit(db, { townId: visit.townId, actor: caller.openid, action: 'visits.void', target: visit._id, detail: { reason } })
  return readVisitDetail(db, caller, visit._id)
}
