import { ACCESS } from '../../domain/access'
import {
  addEvidenceSchema,
  exportTipsSchema,
  myTipsSchema,
  revealTipSchema,
  rewardTipSchema,
  submitTipSchema,
  tipIdSchema,
  tipQueueSchema,
  tipStatsSchema,
  updateTipSchema,
} from '../../domain/tips'
import { action, defineFunction } from '../_lib/function'
import { addEvidence } from './evidence'
import { exportTips } from './export'
import { rewardTip, updateTip } from './handle'
import { formContext, getTip, myTips, queue, revealTip } from './read'
import { tipStats } from './stats'
import { submitTip } from './submit'

// 线索举报: residents' tips to the town's police, named or anonymous
// (README, 线索举报, says what anonymous protects). The two writes a tipster
// makes keep no request log: their ids come from the requestId (submit) or
// the receipt code (evidence), so the caller's OPENID is written nowhere.
export const main = defineFunction('tips', {
  form: action({
    audience: 'anyone',
    run: ({ db, caller }) => formContext(db, caller),
  }),

  submit: action({
    audience: 'anyone',
    write: true,
    idempotency: 'document-id',
    input: submitTipSchema,
    run: ({ db, caller, input, requestId }) => submitTip(db, caller, input, requestId),
  }),

  /** One evidence image of a submitted tip, authorised by its receipt code. */
  addEvidence: action({
    audience: 'anyone',
    write: true,
    idempotency: 'document-id',
    input: addEvidenceSchema,
    run: ({ db, input }) => addEvidence(db, input),
  }),

  mine: action({
    audience: 'anyone',
    input: myTipsSchema,
    run: ({ db, caller, input }) => myTips(db, caller, input.receipts),
  }),

  queue: action({
    audience: ACCESS.handleTips,
    input: tipQueueSchema,
    run: ({ db, caller, input }) => queue(db, caller, input),
  }),

  get: action({
    audience: ACCESS.handleTips,
    input: tipIdSchema,
    run: ({ db, caller, input }) => getTip(db, caller, input.tipId),
  }),

  /** The tipster's contact or the evidence: audited on every view, so a read that writes its audit record. */
  reveal: action({
    audience: ACCESS.handleTips,
    input: revealTipSchema,
    run: ({ db, caller, input }) => revealTip(db, caller, input),
  }),

  update: action({
    audience: ACCESS.handleTips,
    write: true,
    input: updateTipSchema,
    run: ({ db, caller, input }) => updateTip(db, caller, input),
  }),

  reward: action({
    audience: ACCESS.handleTips,
    write: true,
    input: rewardTipSchema,
    run: ({ db, caller, input }) => rewardTip(db, caller, input),
  }),

  export: action({
    audience: ACCESS.handleTips,
    write: true,
    input: exportTipsSchema,
    run: ({ db, caller, input, requestId }) => exportTips(db, caller, input, requestId),
  }),

  stats: action({
    audience: ACCESS.countTips,
    input: tipStatsSchema,
    run: ({ db, caller, input }) => tipStats(db, caller, input),
  }),
})
