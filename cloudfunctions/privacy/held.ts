import { TIP_KIND_LABELS, TIP_STATUS_LABELS } from '../../domain/tips'
import type { HeldHousehold, HeldTip } from '../../domain/privacy'
import type { Database } from '../_lib/cloud'
import type { DataRequestDoc } from '../_lib/repos/data-requests'
import { findHouseholds } from '../_lib/repos/households'
import { listVillages } from '../_lib/repos/places'
import { listReporterTips, listTipsByReceipts, type TipDoc } from '../_lib/repos/tips'
import { listVisitsOfHouseholds } from '../_lib/repos/visits'

// What is held about a requester: the copy office sends when asked to see it,
// and what an erasure covers.

/** The requester's own tips in the town: those sent under their name, and those whose receipts they gave. */
export async function requesterTips(db: Database, doc: DataRequestDoc): Promise<TipDoc[]> {
  const [named, byReceipt] = await Promise.all([listReporterTips(db, doc.requesterId, 200), listTipsByReceipts(db, doc.receiptHashes)])
  const tips = new Map([...named, ...byReceipt].filter((tip) => tip.townId === doc.townId).map((tip) => [tip._id, tip]))
  return [...tips.values()]
}

export function heldTips(tips: TipDoc[]): HeldTip[] {
  return tips.map((tip) => ({
    reference: tip.reference,
    submittedOn: tip.submittedOn,
    kindLabel: TIP_KIND_LABELS[tip.kind] ?? tip.kind,
    story: tip.story,
    contact: tip.contact,
    evidenceImages: Object.keys(tip.evidence?.files ?? {}).length,
    statusLabel: TIP_STATUS_LABELS[tip.status] ?? tip.status,
  }))
}

/** The households office confirmed, with every visit to them: what a member of the household may read of their own records. */
export async function heldHouseholds(db: Database, townId: string, householdIds: string[]): Promise<HeldHousehold[]> {
  const [households, visits, villages] = await Promise.all([findHouseholds(db, householdIds), listVisitsOfHouseholds(db, householdIds), listVillages(db, townId)])
  const names = new Map(villages.map((village) => [village._id, village.name]))
  return households.map((household) => ({
    villageName: names.get(household.villageId) ?? '',
    address: household.address,
    headName: household.headName,
    phone: household.phone,
    visits: visits
      .filter((visit) => visit.householdId === household._id && visit.status === 'active')
      .sort((a, b) => a.visitedOn.localeCompare(b.visitedOn))
      .map((visit) => ({
        visitedOn: visit.visitedOn,
        unitName: visit.unitName,
        staff: [visit.authorName, ...visit.coworkers],
        items: visit.items,
        otherContent: visit.otherContent,
        residentName: visit.residentName,
        phone: visit.phone,
        signatureKind: visit.signature.kind,
        hasSignatureImage: Boolean(visit.signature.fileID),
        hasPhoto: Boolean(visit.photoFileID),
        hasLocation: Boolean(visit.location),
      })),
  }))
}
