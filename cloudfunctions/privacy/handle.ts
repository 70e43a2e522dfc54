import { addDays, shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { retentionOf, type DataDecision, type DataRequestKind, type DataRequestStatus, type DataRequestView, type HandleDataRequest } from '../../domain/privacy'
import { signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { eraseHouseholds, eraseTips, NOTHING_ERASED, type Erased } from '../_lib/privacy/erase'
import { recordAudit } from '../_lib/repos/audit'
import { completeDataRequest, type DataRequestDoc } from '../_lib/repos/data-requests'
import { findHouseholds } from '../_lib/repos/households'
import { findTown } from '../_lib/repos/places'
import { heldHouseholds, heldTips, requesterTips } from './held'
import { dataRequestView, requireTownRequest } from './requests'

const ALLOWED: Record<DataRequestKind, DataDecision[]> = { see: ['answer', 'refuse'], erase: ['erase', 'refuse'] }
const STATUS_OF: Record<DataDecision, DataRequestStatus> = { answer: 'answered', erase: 'erased', refuse: 'refused' }

/**
 * Office's answer to a request, after confirming the requester by phone:
 * the copy of what is held, the erasure, or a refusal with its reason. The
 * request keeps what was done, by whom and when; the audit trail says so too,
 * without the personal data itself.
 */
export async function handleDataRequest(db: Database, caller: Caller, input: HandleDataRequest): Promise<DataRequestView> {
  const office = signedInUser(caller)
  const doc = await requireTownRequest(db, caller, input.dataRequestId)
  if (doc.status !== 'pending') throw new AppError('CONFLICT', '这个申请已经办理过了，请刷新列表', 'dataRequestId')
  if (!ALLOWED[doc.kind].includes(input.decision)) {
    throw new AppError('INVALID_INPUT', doc.kind === 'see' ? '这是查看申请：请选择「发送信息副本」或「未能办理」' : '这是删除申请：请选择「删除」或「未能办理」', 'decision')
  }
  const householdIds = input.decision === 'refuse' ? [] : await confirmedHouseholds(db, doc, input.householdIds)
  const now = new Date()
  let erased: Erased = NOTHING_ERASED
  let answer: DataRequestDoc['answer'] = null
  let answerKeptUntil: string | null = null
  const ownTips = doc.subject === 'tipster' ? await requesterTips(db, doc) : []
  if (input.decision === 'answer') {
    const town = await findTown(db, doc.townId)
    answerKeptUntil = addDays(shanghaiDay(now), retentionOf(town?.retention).exportDays)
    answer = { households: await heldHouseholds(db, doc.townId, householdIds), tips: heldTips(ownTips), keptUntil: answerKeptUntil }
  } else if (input.decision === 'erase') {
    erased = doc.subject === 'tipster' ? await eraseTips(db, ownTips, now) : await eraseHouseholds(db, householdIds, now)
  }
  const patch = {
    status: STATUS_OF[input.decision],
    handledAt: now,
    handledById: office._id,
    handledByName: office.name,
    reply: input.reply,
    householdIds,
    erased: input.decision === 'erase' ? { households: erased.households, visits: erased.visits, tips: erased.tips } : null,
    answer,
    answerKeptUntil,
  }
  const done = await completeDataRequest(db, doc._id, patch)
  if (!done) throw new AppError('CONFLICT', '另一位同事刚刚办理了这个申请，请刷新查看', 'dataRequestId')
  await recordAudit(db, {
    townId: doc.townId,
    actor: caller.openid,
    action: `privacy.${input.decision}Request`,
    target: doc._id,
    detail: { subject: doc.subject, kind: doc.kind, households: householdIds.length, visits: erased.visits, tips: erased.tips, files: erased.files },
  })
  return dataRequestView(db, { ...doc, ...patch }, ownTips.length)
}

/** The households office picked, each of the request's town; none for a tipster's request. */
async function confirmedHouseholds(db: Database, doc: DataRequestDoc, ids: string[]): Promise<string[]> {
  if (doc.subject === 'tipster') {
    if (ids.length > 0) throw new AppError('INVALID_INPUT', '举报人的申请不涉及住户，请不要选择住户', 'householdIds')
    return []
  }
  const unique = [...new Set(ids)]
  const found = await findHouseholds(db, unique)
  if (found.length !== unique.length || found.some((household) => household.townId !== doc.townId)) {
    throw new AppError('INVALID_INPUT', '所选住户不在本镇的登记中，请刷新后重新选择', 'householdIds')
  }
  return unique
}
