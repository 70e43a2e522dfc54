import { maskAddress, maskFreeText, maskName } from '../../domain/mask'
import { maskPhone } from '../../domain/phone'
import { ERASED_LABEL } from '../../domain/privacy'
import { AUTHOR_EDIT_WINDOW_MS, type VisitDetail, type VisitListItem } from '../../domain/visits'
import type { Caller } from '../_lib/function'
import type { VisitDoc } from '../_lib/repos/visits'

export function mayEdit(caller: Caller, visit: VisitDoc, now = new Date()): boolean {
  if (visit.status !== 'active' || visit.erasedAt) return false
  if (caller.roles.includes('office') && caller.user?.townId === visit.townId) return true
  return caller.user?._id === visit.authorId && now.getTime() - new Date(visit.createdAt).getTime() <= AUTHOR_EDIT_WINDOW_MS
}

/** The author sees their own records in full, also in lists: they must tell their visits apart. */
export function isAuthor(caller: Caller, visit: VisitDoc): boolean {
  return Boolean(caller.user) && caller.user?._id === visit.authorId
}

/** A row of a list: the resident masked, numbers typed into 其他内容 too, unless the caller wrote it. */
export function toListItem(visit: VisitDoc, caller: Caller): VisitListItem {
  const own = isAuthor(caller, visit)
  return {
    id: visit._id,
    villageId: visit.villageId,
    visitedOn: visit.visitedOn,
    residentName: visit.erasedAt ? ERASED_LABEL : own ? visit.residentName : maskName(visit.residentName),
    phone: own ? visit.phone : maskPhone(visit.phone),
    address: own ? visit.address : maskAddress(visit.address),
    items: visit.items,
    otherContent: own ? visit.otherContent : maskFreeText(visit.otherContent),
    signatureKind: visit.signature.kind,
    authorName: visit.authorName,
    status: visit.status,
    createdAt: new Date(visit.createdAt).toISOString(),
    editable: mayEdit(caller, visit),
  }
}

export function toDetail(visit: VisitDoc, caller: Caller, urls: { signature: string | null; photo: string | null }): VisitDetail {
  return {
    ...toListItem(visit, caller),
    residentName: visit.erasedAt ? ERASED_LABEL : visit.residentName,
    phone: visit.phone,
    phoneDeclinedReason: visit.phoneDeclinedReason,
    address: visit.address,
    otherContent: visit.otherContent,
    householdId: visit.householdId,
    unitName: visit.unitName,
    staff: [visit.authorName, ...visit.coworkers],
    coworkers: visit.coworkers,
    signature: { kind: visit.signature.kind, reason: visit.signature.reason, proxyName: visit.signature.proxyName, imageUrl: urls.signature },
    photoUrl: urls.photo,
    voidReason: visit.voidReason,
    corrections: (visit.corrections ?? []).map((c) => ({
      at: new Date(c.at).toISOString(),
      byName: c.byName,
      reason: c.reason,
      changed: Object.keys(c.before),
    })),
  }
}
