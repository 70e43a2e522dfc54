import * as v from 'valibot'
import { docId } from './fields'
import type { ExportedFile } from './files'
import { fitsIn, isOrdered, periodEntries, TO_BEFORE_FROM, tooLong } from './period'
import { VISIT_ITEM_LABELS, VISIT_ITEMS, type SignatureKind, type VisitItem } from './visits'

// 存档导出: a village's visit records as the paper 入户工作记录表, for the
// community police officer's archive.

/** An archive export covers at most a year: a whole campaign. */
export const ARCHIVE_MAX_DAYS = 366

export const exportArchiveSchema = v.pipe(
  v.object({ villageId: docId('村（社区）'), ...periodEntries }),
  v.forward(v.check((input) => isOrdered(input), TO_BEFORE_FROM), ['to']),
  v.forward(v.check((input) => fitsIn(input, ARCHIVE_MAX_DAYS), tooLong(ARCHIVE_MAX_DAYS)), ['to']),
)
export type ExportArchiveRequest = v.InferOutput<typeof exportArchiveSchema>

export interface ArchiveExport extends ExportedFile {
  /** Active visits in the file. */
  visits: number
  /** One form per staff member and day. */
  forms: number
  /** Printed pages: a long form continues on a page with its own header. */
  pages: number
  /** One worksheet per staff member. */
  staff: number
  /** Signatures whose image could not be read from storage (marked in the file). */
  missingSignatures: number
}

export const ARCHIVE_TITLE = '入户工作记录表'
export const ARCHIVE_COLUMNS = ['序号', '入户内容', '入户对象姓名', '入户对象联系电话', '入户标准地址', '入户对象签字确认', '签字日期'] as const

/** As ticked on the paper form: 反诈宣传 always printed, other items when ticked, then 其他. */
export function archiveContentText(items: readonly VisitItem[], otherContent: string): string {
  const ticked = new Set(items)
  const parts = VISIT_ITEMS.filter((item) => item === 'propaganda' || ticked.has(item)).map(
    (item) => `${ticked.has(item) ? '☑' : '☐'}${VISIT_ITEM_LABELS[item]}`,
  )
  parts.push(otherContent ? `☑其他：${otherContent}` : '☐其他')
  return parts.join(' ')
}

/** What the signature cell says besides the image: nothing for 本人签字. */
export function archiveSignatureText(signature: { kind: SignatureKind; reason: string; proxyName: string }): string {
  if (signature.kind === 'refused') return `拒签：${signature.reason}`
  if (signature.kind === 'proxy') return `代签：${signature.proxyName}，${signature.reason}`
  return ''
}

export function archivePhoneText(phone: string, declinedReason: string): string {
  return phone || (declinedReason ? `未留（${declinedReason}）` : '未留')
}
