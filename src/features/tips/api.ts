import type { ExportedFile } from '../../../domain/files'
import type { Reply } from '../../../domain/errors'
import type {
  ExportTipsRequest,
  MyTips,
  RevealedTip,
  RewardTipRequest,
  SubmittedTip,
  SubmitTipInput,
  TipDetail,
  TipFormContext,
  TipPage,
  TipQueueQuery,
  TipStats,
  TipStatsRequest,
  UpdateTipRequest,
} from '../../../domain/tips'
import { callFunction, newRequestId } from '../../services/cloud'

// Typed calls to the `tips` function.

const TIPS_FN = 'tips'

export function getTipForm(): Promise<Reply<TipFormContext>> {
  return callFunction<TipFormContext>(TIPS_FN, 'form')
}

/** Sent under the draft's own requestId: a retry after a lost reply is the same tip. */
export function submitTip(input: SubmitTipInput, requestId: string): Promise<Reply<SubmittedTip>> {
  return callFunction<SubmittedTip>(TIPS_FN, 'submit', input, { requestId })
}

export interface AddedEvidence {
  index: number
  expected: number
  received: number
}

/** One compressed image (base64) of a submitted tip; a repeat of the same image is answered the same. */
export function addEvidence(receipt: string, index: number, image: string): Promise<Reply<AddedEvidence>> {
  return callFunction<AddedEvidence>(TIPS_FN, 'addEvidence', { receipt, index, image }, { requestId: newRequestId() })
}

export function getMyTips(receipts: string[]): Promise<Reply<MyTips>> {
  return callFunction<MyTips>(TIPS_FN, 'mine', { receipts })
}

export function getTipQueue(query: Partial<TipQueueQuery>): Promise<Reply<TipPage>> {
  return callFunction<TipPage>(TIPS_FN, 'queue', query)
}

export function getTip(tipId: string): Promise<Reply<TipDetail>> {
  return callFunction<TipDetail>(TIPS_FN, 'get', { tipId })
}

/** The tipster's contact or the evidence: the server records every view. */
export function revealTip(tipId: string, what: 'contact' | 'evidence'): Promise<Reply<RevealedTip>> {
  return callFunction<RevealedTip>(TIPS_FN, 'reveal', { tipId, what })
}

export function updateTip(input: UpdateTipRequest, requestId: string): Promise<Reply<TipDetail>> {
  return callFunction<TipDetail>(TIPS_FN, 'update', input, { requestId })
}

export function rewardTip(input: RewardTipRequest, requestId: string): Promise<Reply<TipDetail>> {
  return callFunction<TipDetail>(TIPS_FN, 'reward', input, { requestId })
}

export function exportTips(input: ExportTipsRequest, requestId: string): Promise<Reply<ExportedFile & { tips: number }>> {
  return callFunction<ExportedFile & { tips: number }>(TIPS_FN, 'export', input, { requestId })
}

export function getTipStats(input: TipStatsRequest): Promise<Reply<TipStats>> {
  return callFunction<TipStats>(TIPS_FN, 'stats', input)
}
