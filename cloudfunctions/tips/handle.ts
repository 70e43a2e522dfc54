import { AppError } from '../../domain/errors'
import {
  moveProblem,
  REWARD_LABELS,
  REWARD_PHRASES,
  rewardProblem,
  TIP_STATUS_LABELS,
  TIP_STATUS_PHRASES,
  type RewardTipRequest,
  type TipDetail,
  type UpdateTipRequest,
} from '../../domain/tips'
import { callerTownId, signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { tipStatsIdFor, type TipDoc, type TipEvent } from '../_lib/repos/tips'
import { tellTipster } from './notify'
import { detailOf } from './read'
import { inTransaction, readDoc } from './transaction'

/** A tip's handling record stays readable: a tip with this many steps takes no more. */
export const MAX_EVENTS = 200

/**
 * A status change with a note, or a note alone. The tip and the counters of
 * its week move in one transaction; then the named tipster is told (a public
 * step only).
 */
export async function updateTip(db: Database, caller: Caller, input: UpdateTipRequest): Promise<TipDetail> {
  const townId = callerTownId(caller)
  const officer = signedInUser(caller)
  const _ = db.command
  const now = new Date()
  const { tip, moved } = await inTransaction(db, async (tx) => {
    const current = await readDoc<TipDoc>(tx, 'tips', input.tipId)
    if (!current || current.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这条举报', 'tipId')
    const status = input.status && input.status !== current.status ? input.status : null
    if (input.status && !status && !input.note) throw new AppError('INVALID_INPUT', moveProblem(current.status, input.status) ?? '', 'status')
    if (status) {
      const problem = moveProblem(current.status, status)
      if (problem) throw new AppError('CONFLICT', problem, 'status')
    }
    if (current.events.length >= MAX_EVENTS) throw new AppError('INVALID_INPUT', '这条举报的处理记录已满，请在办案系统中继续记录', 'note')
    const events = steps({ at: now, kind: status ? 'status' : 'note', status, reward: null, byId: officer._id, byName: officer.name }, input.note, input.notePublic)
    const next: TipDoc = { ...current, _id: input.tipId, status: status ?? current.status, events: [...current.events, ...events], updatedAt: now }
    await tx.collection('tips').doc(input.tipId).update({ status: next.status, events: _.set(next.events), updatedAt: now })
    // The week's counts move with it, unread (its tips may be coming in meanwhile).
    if (status) await tx.collection('tipStats').doc(tipStatsIdFor(current.townId, current.week)).update({ byStatus: { [current.status]: _.inc(-1), [status]: _.inc(1) } })
    return { tip: next, moved: events[0] }
  })
  // The tipster hears of a new status, and of a note meant for them.
  if (moved.public) {
    const phrase = TIP_STATUS_PHRASES[moved.status ?? tip.status]
    await tellTipster(db, tip, phrase, moved.note || `举报状态：${TIP_STATUS_LABELS[tip.status]}`)
  }
  return detailOf(db, tip)
}

/**
 * The steps one action records. A new status or reward is the tipster's to
 * see; a note goes with it when it is meant for them, else it becomes an
 * internal step of its own beside it. A note alone is public or internal as chosen.
 */
function steps(step: Omit<TipEvent, 'note' | 'public'>, note: string, notePublic: boolean): TipEvent[] {
  if (step.kind === 'note') return [{ ...step, note, public: notePublic }]
  if (!note || notePublic) return [{ ...step, note, public: true }]
  return [
    { ...step, note: '', public: true },
    { ...step, kind: 'note', status: null, reward: null, note, public: false },
  ]
}

/** 举报奖励: 拟奖励, then 已发放, with an amount; the named tipster is told. */
export async function rewardTip(db: Database, caller: Caller, input: RewardTipRequest): Promise<TipDetail> {
  const townId = callerTownId(caller)
  const officer = signedInUser(caller)
  const _ = db.command
  const now = new Date()
  const tip = await inTransaction(db, async (tx) => {
    const current = await readDoc<TipDoc>(tx, 'tips', input.tipId)
    if (!current || current.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这条举报', 'tipId')
    const problem = rewardProblem(current.status, current.reward?.state ?? null)
    if (problem) throw new AppError('CONFLICT', problem, 'state')
    if (current.events.length >= MAX_EVENTS) throw new AppError('INVALID_INPUT', '这条举报的处理记录已满，请在办案系统中继续记录', 'note')
    const reward = { state: input.state, amount: input.amount }
    const events = steps({ at: now, kind: 'reward', status: null, reward, byId: officer._id, byName: officer.name }, input.note, input.notePublic)
    const next: TipDoc = { ...current, _id: input.tipId, reward, events: [...current.events, ...events], updatedAt: now }
    await tx.collection('tips').doc(input.tipId).update({ reward: _.set(reward), events: _.set(next.events), updatedAt: now })
    return next
  })
  await tellTipster(db, tip, REWARD_PHRASES[input.state], input.notePublic && input.note ? input.note : `${REWARD_LABELS[input.state]}${input.amount}元`)
  return detailOf(db, tip)
}
