import { SIGNATURE_LABELS, VISIT_ITEM_LABELS, type VisitListItem } from '../../../domain/visits'

/** 反诈宣传、来电预警开启、其他：… as one line. */
export function contentText(visit: Pick<VisitListItem, 'items' | 'otherContent'>): string {
  const parts: string[] = visit.items.map((item) => VISIT_ITEM_LABELS[item])
  if (visit.otherContent) parts.push(`其他：${visit.otherContent}`)
  return parts.join('、') || '（无）'
}

export function signatureText(kind: VisitListItem['signatureKind']): string {
  return SIGNATURE_LABELS[kind]
}

/** Names of the fields a correction changed, as the form calls them. */
export const CORRECTED_FIELD_LABELS: Record<string, string> = {
  unitName: '单位',
  coworkers: '同行人员',
  visitedOn: '日期',
  items: '入户内容',
  otherContent: '其他内容',
  residentName: '入户对象姓名',
  phone: '联系电话',
  phoneDeclinedReason: '不留电话的原因',
}
