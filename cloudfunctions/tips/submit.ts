import { addDays, formatShanghai, shanghaiDay, startOfShanghaiDay } from '../../domain/dates'
import { callerTownId } from '../_lib/access'
import { AppError } from '../../domain/errors'
import { happenedOnProblem, isUrgent, TIP_LIMIT_MESSAGE, TIP_LIMITS, tipReference, weekOf, type SubmittedTip, type SubmitTipRequest } from '../../domain/tips'
import type { Database } from '../_lib/cloud'
import { isDuplicateKeyError } from '../_lib/db-errors'
import type { Caller } from '../_lib/function'
import { countTip, findTip, insertTip, setTipLimit, tipLimitCounts, type TipDoc } from '../_lib/repos/tips'
import { alertPolice } from './notify'
import { townVillages } from './places'
import { contentHash, limitIdFor, receiptFor, receiptHash, tipIdFor } from '../_lib/tip-secret'

/**
 * A tip, once per requestId, written so that an anonymous one leaves nothing
 * behind that names its sender: no request log (the tip's id and receipt
 * come from the requestId through TIP_SECRET, so a retry finds the tip
 * itself), no audit record, no OPENID or user id on the tip, and rate-limit
 * counters whose ids name nobody without the secret and hold only a count.
 *
 * No transaction: every tip of a town's week moves one counters document,
 * which would make simultaneous tips collide and retry. The day's reference
 * number and the counters move in one atomic find-and-modify instead, then
 * the tip is inserted (a lost race of a double tap gives its counts back).
 * Seven database calls (bench/README.md).
 */
export async function submitTip(db: Database, caller: Caller, input: SubmitTipRequest, requestId: string): Promise<SubmittedTip> {
  const townId = callerTownId(caller)
  const user = caller.user as NonNullable<Caller['user']>
  const now = new Date()
  const today = shanghaiDay(now)
  const dateProblem = happenedOnProblem(input.happenedOn, today)
  if (dateProblem) throw new AppError('INVALID_INPUT', dateProblem, 'happenedOn')

  const id = tipIdFor(requestId)
  const receipt = receiptFor(requestId)
  const requestHash = contentHash(input)
  const hourWindow = formatShanghai(now, 'YYYYMMDDHH')
  const limits = [
    { id: limitIdFor(caller.openid, `hour:${hourWindow}`), max: TIP_LIMITS.perHour, expiresAt: new Date(Math.floor(now.getTime() / 3_600_000 + 1) * 3_600_000) },
    { id: limitIdFor(caller.openid, `day:${today}`), max: TIP_LIMITS.perDay, expiresAt: startOfShanghaiDay(addDays(today, 1)) },
  ]

  // What decides whether anything is written, read at once: a retry's tip, the sender's counts, the town's villages.
  const [existing, counts, villages] = await Promise.all([findTip(db, id), tipLimitCounts(db, limits.map((limit) => limit.id)), townVillages(db, townId)])
  if (existing) return retried(existing, requestHash, receipt)
  if (input.villageId && !villages.some((village) => village._id === input.villageId)) {
    throw new AppError('INVALID_INPUT', '没有找到这个村（社区），请重新选择', 'villageId')
  }
  if (limits.some((limit, i) => counts[i] >= limit.max)) throw new AppError('RATE_LIMITED', TIP_LIMIT_MESSAGE)

  const anonymous = input.contact.mode === 'anonymous'
  const tip: Omit<TipDoc, 'reference'> = {
    _id: id,
    townId,
    submittedOn: today,
    week: weekOf(today),
    kind: input.kind,
    transfer: input.transfer,
    urgent: isUrgent(input.transfer),
    amountLost: input.amountLost,
    happenedOn: input.happenedOn,
    story: input.story,
    identifiers: input.identifiers,
    villageId: input.villageId ?? null,
    anonymous,
    reporterId: anonymous ? null : user._id,
    contact: input.contact.mode === 'named' ? { name: input.contact.name, phone: input.contact.phone } : null,
    receiptHash: receiptHash(receipt),
    requestHash,
    evidence: { expected: input.evidenceCount, files: {} },
    status: 'submitted',
    reward: null,
    events: [{ at: now, kind: 'submitted', status: 'submitted', note: '', public: true, reward: null, byId: null, byName: '' }],
    createdAt: now,
    updatedAt: now,
  }
  const sequence = await countTip(db, tip, 1)
  const doc: TipDoc = { ...tip, reference: tipReference(today, sequence) }
  try {
    await insertTip(db, doc)
  } catch (error) {
    // The same requestId sent twice at once: the other call's tip stands, and this one's counts go back (its number stays unused).
    await countTip(db, tip, -1)
    const other = isDuplicateKeyError(error) ? await findTip(db, id) : null
    if (!other) throw error
    return retried(other, requestHash, receipt)
  }
  await Promise.all(limits.map((limit, i) => setTipLimit(db, limit.id, counts[i] + 1, limit.expiresAt)))
  if (doc.urgent) await alertPolice(db, doc)
  return submitted(doc, receipt)
}

/** A retry: the first attempt's tip, if it is this very tip. */
function retried(tip: TipDoc, requestHash: string, receipt: string): SubmittedTip {
  if (tip.requestHash !== requestHash) throw new AppError('CONFLICT', '这个请求编号已用于另一条举报，请刷新后重新提交', 'requestId')
  return submitted(tip, receipt)
}

function submitted(tip: TipDoc, receipt: string): SubmittedTip {
  return {
    reference: tip.reference,
    receipt,
    status: tip.status,
    createdAt: new Date(tip.createdAt).toISOString(),
    anonymous: tip.anonymous,
    urgent: tip.urgent,
    evidenceExpected: tip.evidence.expected,
  }
}
