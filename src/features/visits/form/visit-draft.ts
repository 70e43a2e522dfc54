import { householdAddress, villageHouseholdAddress } from '../../../../domain/address'
import { HOUSEHOLD_FIELDS, type HouseholdChoice } from '../../../../domain/household-choice'
import { fieldErrors } from '../../../../domain/validate'
import {
  createVisitSchema,
  hasContent,
  hasOneHousehold,
  hasPhoneOrReason,
  NO_CONTENT,
  NO_HOUSEHOLD,
  NO_PHONE,
  visitDateProblem,
  VISIT_ITEMS,
  type SignatureKind,
  type VisitFormContext,
  type VisitItem,
} from '../../../../domain/visits'
import type { QueuedVisit } from '../queued-visit'

// The paper 入户工作记录表 as form state, and the one way from it to the
// visit the queue sends (queued-visit.ts). Checks use the function's own
// schema and rules (domain/visits.ts), so the message next to a field is the
// server's.

export const MAX_COWORKERS = 5

export interface VisitDraft {
  unitName: string
  coworkers: string[]
  visitedOn: string
  items: VisitItem[]
  otherChecked: boolean
  otherContent: string
  household: HouseholdChoice
  residentName: string
  phone: string
  phoneDeclined: boolean
  phoneDeclinedReason: string
  signatureKind: SignatureKind
  signatureReason: string
  proxyName: string
  /** A chosen photo's temporary path, until saved. */
  photoPath: string | null
  location: { latitude: number; longitude: number } | null
}

/** Where an error shows: one name per field on screen (also the FormField's DOM id). */
export const FORM_FIELDS = [
  'unitName',
  'coworkers',
  'visitedOn',
  'items',
  ...HOUSEHOLD_FIELDS,
  'residentName',
  'phone',
  'phoneDeclinedReason',
  'signature',
  'signature-reason',
  'signature-proxyName',
  'photo',
  'location',
] as const
export type FormFieldName = (typeof FORM_FIELDS)[number] | 'form'
export type DraftErrors = Partial<Record<FormFieldName, string>>

export function emptyDraft(context: Pick<VisitFormContext, 'defaultUnitName'>, today: string): VisitDraft {
  return {
    unitName: context.defaultUnitName,
    coworkers: [],
    visitedOn: today,
    items: [],
    otherChecked: false,
    otherContent: '',
    household: null,
    residentName: '',
    phone: '',
    phoneDeclined: false,
    phoneDeclinedReason: '',
    signatureKind: 'signed',
    signatureReason: '',
    proxyName: '',
    photoPath: null,
    location: null,
  }
}

/** After saving one household: the team, unit and day stay for the next door. */
export function nextDraft(saved: VisitDraft, context: Pick<VisitFormContext, 'defaultUnitName'>): VisitDraft {
  return { ...emptyDraft(context, saved.visitedOn), unitName: saved.unitName, coworkers: saved.coworkers }
}

/** Maps a payload path (from the schema or a server refusal) to the field that shows it. */
export function fieldOf(path: string | undefined): FormFieldName {
  if (!path) return 'form'
  const [head, second] = path.split('.')
  if (head === 'coworkers' || head === 'items' || head === 'unitName' || head === 'visitedOn') return head
  if (head === 'residentName' || head === 'phone' || head === 'phoneDeclinedReason') return head
  if (head === 'otherContent') return 'items'
  if (head === 'householdId') return 'household'
  if (head === 'newHousehold') {
    if (second === 'group' || second === 'door' || second === 'headName' || second === 'phone') return `newHousehold-${second}`
    return 'household'
  }
  if (head === 'signature') {
    if (second === 'reason') return 'signature-reason'
    if (second === 'proxyName') return 'signature-proxyName'
    return 'signature'
  }
  if (head === 'photoFileID') return 'photo'
  if (head === 'location') return 'location'
  return 'form'
}

function parseGroup(text: string): number | null {
  const trimmed = text.trim()
  if (!trimmed) return null
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

/** The visit as the queue keeps it. Blank co-worker rows are dropped, not refused. */
export function toPayload(draft: VisitDraft, villageId: string): QueuedVisit {
  const visit: QueuedVisit = {
    villageId,
    unitName: draft.unitName,
    coworkers: draft.coworkers.map((name) => name.trim()).filter(Boolean),
    visitedOn: draft.visitedOn,
    items: VISIT_ITEMS.filter((item) => draft.items.includes(item)),
    otherContent: draft.otherChecked ? draft.otherContent : '',
    residentName: draft.residentName,
    phone: draft.phoneDeclined ? '' : draft.phone,
    phoneDeclinedReason: draft.phoneDeclined ? draft.phoneDeclinedReason : '',
    signature: signatureOf(draft),
  }
  const household = draft.household
  if (household?.kind === 'registered') visit.householdId = household.id
  if (household?.kind === 'new') {
    visit.newHousehold = {
      group: parseGroup(household.group),
      door: household.door,
      headName: household.headName,
      phone: household.phone,
    }
  }
  if (draft.location) visit.location = draft.location
  return visit
}

function signatureOf(draft: VisitDraft): QueuedVisit['signature'] {
  if (draft.signatureKind === 'refused') return { kind: 'refused', reason: draft.signatureReason }
  if (draft.signatureKind === 'proxy') return { kind: 'proxy', proxyName: draft.proxyName, reason: draft.signatureReason }
  return { kind: 'signed' }
}

export interface CheckContext {
  village: { name: string; kind: 'village' | 'community' }
  today: string
  campaignStart: string | null
  /** The pad has no signature (only asked when the kind needs one). */
  signatureEmpty: boolean
}

/**
 * Every problem, by field: the schema's own messages, the date rule the
 * function applies, the address rule of the register, and the pad.
 */
export function draftErrors(draft: VisitDraft, check: CheckContext, villageId: string): DraftErrors {
  const errors: DraftErrors = {}
  const add = (field: FormFieldName, message: string) => {
    if (!errors[field]) errors[field] = message
  }
  const visit = toPayload(draft, villageId)
  for (const [path, message] of Object.entries(fieldErrors(createVisitSchema, visit))) {
    // The image's id is the queue's to write in once uploaded; whether there is a drawing is the pad's to say (below).
    if (path !== 'signature.fileID') add(fieldOf(path), message)
  }
  // The schema applies these only once every field is valid (the image's id
  // included): apply them now too, so every message shows at the first tap.
  if (!hasOneHousehold(visit)) add('household', NO_HOUSEHOLD)
  if (!hasContent(visit)) add('items', NO_CONTENT)
  if (!hasPhoneOrReason(visit)) add('phone', NO_PHONE)

  if (!errors.visitedOn) {
    const problem = visitDateProblem(draft.visitedOn, check.today, check.campaignStart)
    if (problem) add('visitedOn', problem)
  }
  if (draft.household?.kind === 'new') {
    const group = parseGroup(draft.household.group)
    if (Number.isNaN(group)) add('newHousehold-group', '组应为数字')
    else {
      const parsed = villageHouseholdAddress(check.village, group, draft.household.door)
      // An empty door is the schema's to name (请填写门牌号); the group rule still shows now.
      if ('problems' in parsed) for (const found of parsed.problems) if (found.field === 'group' || draft.household.door.trim()) add(`newHousehold-${found.field}`, found.message)
    }
  }
  // With 不愿留电话 ticked, the missing piece is the reason: say so there.
  if (draft.phoneDeclined && errors.phone && !errors.phoneDeclinedReason) {
    errors.phoneDeclinedReason = errors.phone
    delete errors.phone
  }
  if (draft.signatureKind !== 'refused' && check.signatureEmpty) add('signature', '请让入户对象在框内签字；不能签字的，请选择拒签或代签')
  return errors
}

/** The first field with an error, in the order they appear on screen. */
export function firstErrorField(errors: DraftErrors): FormFieldName | null {
  if (errors.form) return 'form'
  return FORM_FIELDS.find((field) => errors[field]) ?? null
}

/** What the queue list shows for a saved visit: who, where, when. */
export function visitLabel(draft: VisitDraft, village: { name: string }): string {
  const household = draft.household
  let place = ''
  if (household?.kind === 'registered') place = household.address
  if (household?.kind === 'new') {
    const group = parseGroup(household.group)
    const parsed = householdAddress(Number.isNaN(group) ? null : group, household.door, { villageName: village.name })
    place = 'address' in parsed ? parsed.address.label : household.door
  }
  return [draft.residentName.trim(), place, draft.visitedOn].filter(Boolean).join(' · ')
}

/** The form state again from a queued visit, to fix what the server refused. */
export function draftFromPayload(visit: QueuedVisit): VisitDraft {
  const { signature, newHousehold } = visit
  let household: HouseholdChoice = null
  if (visit.householdId) household = { kind: 'registered', id: visit.householdId, address: '', headName: '', phone: '' }
  else if (newHousehold) {
    household = { kind: 'new', group: newHousehold.group ? String(newHousehold.group) : '', door: newHousehold.door, headName: newHousehold.headName, phone: newHousehold.phone ?? '' }
  }
  return {
    unitName: visit.unitName,
    coworkers: visit.coworkers ?? [],
    visitedOn: visit.visitedOn,
    items: visit.items,
    otherChecked: Boolean(visit.otherContent),
    otherContent: visit.otherContent ?? '',
    household,
    residentName: visit.residentName,
    phone: visit.phone ?? '',
    phoneDeclined: !visit.phone && Boolean(visit.phoneDeclinedReason),
    phoneDeclinedReason: visit.phoneDeclinedReason ?? '',
    signatureKind: signature.kind,
    signatureReason: signature.kind === 'signed' ? '' : signature.reason,
    proxyName: signature.kind === 'proxy' ? signature.proxyName : '',
    photoPath: null,
    location: visit.location ?? null,
  }
}

/**
 * A refused visit, fixed: the edited fields, with the signature's kind as
 * first saved (its image and the photo stay in the queue and upload again).
 */
export function fixedPayload(draft: VisitDraft, original: QueuedVisit): QueuedVisit {
  return toPayload({ ...draft, signatureKind: original.signature.kind }, original.villageId)
}
