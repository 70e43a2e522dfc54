import { createHash } from 'crypto'
import { AppError } from '../../domain/errors'
import { EVIDENCE_WINDOW_DAYS, MAX_EVIDENCE_BYTES, type EvidenceProgress } from '../../domain/tips'
import { cloudApp, type Database } from '../_lib/cloud'
import { evidenceKey, findTip, findTipByReceipt, setEvidenceFile, type TipDoc } from '../_lib/repos/tips'
import { temporaryUrls } from '../_lib/storage'
import { cleanEvidenceImage, NotAnImageError } from './image'
import { receiptHash } from '../_lib/tip-secret'
import { evidenceProgress } from './views'

// Evidence reaches storage through this function only, one compressed image
// per call: a file a phone uploads itself (wx.cloud.uploadFile) is recorded
// as its uploader's, which would name an anonymous tipster. The function
// stores it, as nobody, under tips/<tip id>/, a path no client may write
// (database/storage-rules.json) or read, and no other function accepts.
// The receipt code says the caller sent the tip.

export interface AddedEvidence extends EvidenceProgress {
  index: number
}

export async function addEvidence(db: Database, input: { receipt: string; index: number; image: string }): Promise<AddedEvidence> {
  const tip = await findTipByReceipt(db, receiptHash(input.receipt))
  if (!tip) throw new AppError('NOT_FOUND', '没有找到这条举报，请核对回执码', 'receipt')
  if (input.index >= tip.evidence.expected) {
    throw new AppError('INVALID_INPUT', `这条举报提交时说有${tip.evidence.expected}张图片，没有第${input.index + 1}张`, 'index')
  }
  if (Date.now() - new Date(tip.createdAt).getTime() > EVIDENCE_WINDOW_DAYS * 24 * 3600_000) {
    throw new AppError('INVALID_INPUT', `举报提交已超过${EVIDENCE_WINDOW_DAYS}天，不能再补充图片；新的证据请到派出所提供`, 'receipt')
  }
  const raw = Buffer.from(input.image, 'base64')
  if (raw.length > MAX_EVIDENCE_BYTES) throw new AppError('INVALID_INPUT', '图片太大，请重新选择（会自动压缩）', 'image')
  let image
  try {
    image = cleanEvidenceImage(raw)
  } catch (error) {
    if (error instanceof NotAnImageError) throw new AppError('INVALID_INPUT', '这不是图片：只能上传照片或截图（JPG、PNG），请重新选择', 'image')
    throw error
  }
  const sha256 = createHash('sha256').update(image.bytes).digest('hex')
  const key = evidenceKey(input.index)
  const held = tip.evidence.files[key]
  if (held) return sameOrRefused(tip, held.sha256, sha256, input.index)

  const cloudPath = `tips/${tip._id}/${key}-${sha256.slice(0, 12)}.${image.type === 'png' ? 'png' : 'jpg'}`
  const { fileID } = await cloudApp().uploadFile({ cloudPath, fileContent: image.bytes })
  const file = { fileID, sha256, bytes: image.bytes.length, at: new Date() }
  if (await setEvidenceFile(db, tip._id, key, file)) {
    return { index: input.index, ...evidenceProgress({ ...tip, evidence: { ...tip.evidence, files: { ...tip.evidence.files, [key]: file } } }) }
  }
  // Another upload of this slot got there first.
  const now = await findTip(db, tip._id)
  const winner = now?.evidence.files[key]
  if (winner?.sha256 !== sha256) await cloudApp().deleteFile({ fileList: [fileID] })
  if (!now || !winner) throw new AppError('CONFLICT', '图片没有保存成功，请重试', 'image')
  return sameOrRefused(now, winner.sha256, sha256, input.index)
}

/** A repeated upload of the same image is the same answer; another image for a taken slot is refused (evidence is never replaced). */
function sameOrRefused(tip: TipDoc, held: string, sent: string, index: number): AddedEvidence {
  if (held !== sent) throw new AppError('CONFLICT', `第${index + 1}张图片已经上传过另一张，不能替换；新的证据请到派出所提供`, 'index')
  return { index, ...evidenceProgress(tip) }
}

/** Temporary links (2 hours) to a tip's evidence, in slot order. */
export async function evidenceLinks(tip: TipDoc): Promise<{ index: number; url: string | null }[]> {
  const slots = Object.entries(tip.evidence.files)
    .map(([key, file]) => ({ index: Number(key.slice(1)), fileID: file?.fileID ?? '' }))
    .sort((a, b) => a.index - b.index)
  const urls = await temporaryUrls(slots.map((slot) => slot.fileID))
  return slots.map((slot) => ({ index: slot.index, url: urls.get(slot.fileID) ?? null }))
}
