import { TIP_TRANSITIONS, type EvidenceProgress, type MyTip, type TipDetail, type TipEventView, type TipRow } from '../../domain/tips'
import type { TipDoc, TipEvent } from '../_lib/repos/tips'

// What each reader gets of a tip. The tipster: what they sent and the public
// steps, never who handled it. Police: everything but the contact and the
// evidence, which come only through `reveal` (audited). Nobody else gets a tip.

const EXCERPT_CHARS = 60

export function evidenceProgress(doc: TipDoc): EvidenceProgress {
  return { expected: doc.evidence.expected, received: Object.keys(doc.evidence.files ?? {}).length }
}

function eventView(event: TipEvent, forPolice: boolean): TipEventView {
  const view: TipEventView = {
    at: new Date(event.at).toISOString(),
    kind: event.kind,
    status: event.status,
    note: event.note,
    reward: event.reward,
  }
  if (forPolice) {
    view.public = event.public
    view.by = event.byName
  }
  return view
}

export function toMyTip(doc: TipDoc, receipt: string | null): MyTip {
  return {
    reference: doc.reference,
    kind: doc.kind,
    status: doc.status,
    anonymous: doc.anonymous,
    receipt,
    createdAt: new Date(doc.createdAt).toISOString(),
    updatedAt: new Date(doc.updatedAt).toISOString(),
    happenedOn: doc.happenedOn,
    story: doc.story,
    identifiers: doc.identifiers,
    amountLost: doc.amountLost,
    evidence: evidenceProgress(doc),
    reward: doc.reward,
    timeline: doc.events.filter((event) => event.public).map((event) => eventView(event, false)),
  }
}

export function toRow(doc: TipDoc, villageName: string | null): TipRow {
  const chars = [...doc.story]
  return {
    id: doc._id,
    reference: doc.reference,
    kind: doc.kind,
    status: doc.status,
    urgent: doc.urgent,
    transfer: doc.transfer,
    amountLost: doc.amountLost,
    createdAt: new Date(doc.createdAt).toISOString(),
    villageName,
    anonymous: doc.anonymous,
    evidence: evidenceProgress(doc),
    excerpt: chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS - 1).join('')}…` : doc.story,
  }
}

export function toDetail(doc: TipDoc, villageName: string | null): TipDetail {
  return {
    ...toRow(doc, villageName),
    story: doc.story,
    happenedOn: doc.happenedOn,
    identifiers: doc.identifiers,
    reward: doc.reward,
    timeline: doc.events.map((event) => eventView(event, true)),
    next: [...TIP_TRANSITIONS[doc.status]],
    hasContact: !doc.anonymous && doc.contact !== null,
  }
}
