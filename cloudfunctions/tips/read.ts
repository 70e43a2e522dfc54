import { AppError } from '../../domain/errors'
import { callerTownId } from '../_lib/access'
import type { MyTips, RevealedTip, TipDetail, TipFormContext, TipPage, TipQueueQuery } from '../../domain/tips'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { recordAudit } from '../_lib/repos/audit'
import { findTip, listReporterTips, listTipsByReceipts, queuePage, type TipDoc } from '../_lib/repos/tips'
import { evidenceLinks } from './evidence'
import { townVillages, villageNames } from './places'
import { receiptHash } from '../_lib/tip-secret'
import { toDetail, toMyTip, toRow } from './views'

const PAGE_SIZE = 20

/** What the form offers: the villages of the caller's town (saying one's own is optional). */
export async function formContext(db: Database, caller: Caller): Promise<TipFormContext> {
  const villages = await townVillages(db, callerTownId(caller))
  return { villages: villages.map((village) => ({ id: village._id, name: village.name })) }
}

/**
 * 我的举报: the caller's named tips, and the tips whose receipt codes the
 * phone keeps (an anonymous tip is found by its receipt only: it holds
 * nothing of its sender). Whoever holds a receipt sent that tip.
 */
export async function myTips(db: Database, caller: Caller, receipts: string[]): Promise<MyTips> {
  const wanted = [...new Set(receipts)]
  const hashes = new Map(wanted.map((receipt) => [receiptHash(receipt), receipt]))
  const [own, found] = await Promise.all([caller.user ? listReporterTips(db, caller.user._id) : Promise.resolve([]), listTipsByReceipts(db, [...hashes.keys()])])
  const byId = new Map<string, { doc: TipDoc; receipt: string | null }>()
  for (const doc of own) byId.set(doc._id, { doc, receipt: null })
  for (const doc of found) byId.set(doc._id, { doc, receipt: hashes.get(doc.receiptHash) ?? null })
  const foundHashes = new Set(found.map((doc) => doc.receiptHash))
  return {
    tips: [...byId.values()].sort((a, b) => new Date(b.doc.createdAt).getTime() - new Date(a.doc.createdAt).getTime()).map(({ doc, receipt }) => toMyTip(doc, receipt)),
    unknownReceipts: [...hashes.entries()].filter(([hash]) => !foundHashes.has(hash)).map(([, receipt]) => receipt),
  }
}

/** The police queue of the officer's town. */
export async function queue(db: Database, caller: Caller, input: TipQueueQuery): Promise<TipPage> {
  const townId = callerTownId(caller)
  if (input.from && input.to && input.from > input.to) throw new AppError('INVALID_INPUT', '开始日期不能晚于结束日期', 'to')
  const [docs, names] = await Promise.all([queuePage(db, { ...input, townId }, input.offset, PAGE_SIZE + 1), villageNames(db, townId)])
  return {
    tips: docs.slice(0, PAGE_SIZE).map((doc) => toRow(doc, doc.villageId ? (names.get(doc.villageId) ?? null) : null)),
    nextOffset: docs.length > PAGE_SIZE ? input.offset + PAGE_SIZE : null,
  }
}

/** A tip of the officer's own town; another town's is as good as missing. */
export async function policeTip(db: Database, caller: Caller, tipId: string): Promise<TipDoc> {
  const townId = callerTownId(caller)
  const tip = await findTip(db, tipId)
  if (!tip || tip.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这条举报', 'tipId')
  return tip
}

export async function detailOf(db: Database, tip: TipDoc): Promise<TipDetail> {
  const names = await villageNames(db, tip.townId)
  return toDetail(tip, tip.villageId ? (names.get(tip.villageId) ?? null) : null)
}

export async function getTip(db: Database, caller: Caller, tipId: string): Promise<TipDetail> {
  return detailOf(db, await policeTip(db, caller, tipId))
}

/** A named tipster's contact, or the evidence: each view is audited, with who looked. */
export async function revealTip(db: Database, caller: Caller, input: { tipId: string; what: 'contact' | 'evidence' }): Promise<RevealedTip> {
  const tip = await policeTip(db, caller, input.tipId)
  let revealed: RevealedTip
  if (input.what === 'contact') {
    if (tip.anonymous || !tip.contact) throw new AppError('INVALID_INPUT', '这是匿名举报，没有举报人的联系方式', 'what')
    revealed = { what: 'contact', contact: tip.contact }
  } else {
    if (Object.keys(tip.evidence.files).length === 0) throw new AppError('INVALID_INPUT', '这条举报还没有收到证据图片', 'what')
    revealed = { what: 'evidence', images: await evidenceLinks(tip) }
  }
  await recordAudit(db, {
    townId: tip.townId,
    actor: caller.openid,
    action: input.what === 'contact' ? 'tips.viewContact' : 'tips.viewEvidence',
    target: tip._id,
    detail: { reference: tip.reference, byUserId: caller.user?._id ?? null, ...(revealed.what === 'evidence' ? { images: revealed.images.length } : {}) },
  })
  return revealed
}
