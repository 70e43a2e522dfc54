import { householdAddress, villageHouseholdAddress } from '../../../../domain/address'
import { HOUSEHOLD_FIELDS, type HouseholdChoice } from '../../../../domain/household-choice'
import { fieldErrors } from '../../../../domain/validate'
import {
  createVisitSchema,
  visitDateProblem,
  VISIT_ITEMS,
  type CreateVisitInput,
  type SignatureKind,
  type VisitFormContext,
  type VisitItem,
} from '../../../../domain/visits'

// The paper 入户工作记录表 as form state, and the one way from it to the
// payload `visits.create` takes. Checks use the function's own schema
// (domain/visits.ts), so the message next to a field is the server's.

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

/** Stands for the signature image while checking a draft: the queue fills in the real id when it uploads. */
export const PENDING_SIGNATURE = 'cloud://pending/signature.png'

export interface PayloadParts {
  villageId: string
  /** Left out until the queue has uploaded the image and writes its id here. */
  signatureFileID?: string
  photoFileID?: string
}

/** The `visits.create` payload. Blank co-worker rows are dropped, not refused. */
export function toPayload(draft: VisitDraft, parts: PayloadParts): CreateVisitInput {
  const payload: CreateVisitInput = {
    villageId: parts.villageId,
    unitName: draft.unitName,
    coworkers: draft.coworkers.map((name) => name.trim()).filter(Boolean),
    visitedOn: draft.visitedOn,
    items: VISIT_ITEMS.filter((item) => draft.items.includes(item)),
    otherContent: draft.otherChecked ? draft.otherContent : '',
    residentName: draft.residentName,
    phone: draft.phoneDeclined ? '' : draft.phone,
    phoneDeclinedReason: draft.phoneDeclined ? draft.phoneDeclinedReason : '',
    signature: signatureOf(draft, parts.signatureFileID),
  }
  const household = draft.household
  if (household?.kind === 'registered') payload.householdId = household.id
  if (household?.kind === 'new') {
    payload.newHousehold = {
      group: parseGroup(household.group),
      door: household.door,
      headName: household.headName,
      phone: household.phone,
    }
  }
  if (parts.photoFileID) payload.photoFileID = parts.photoFileID
  if (draft.location) payload.location = draft.location
  return payload
}

function signatureOf(draft: VisitDraft, fileID: string | undefined): CreateVisitInput['signature'] {
  if (draft.signatureKind === 'refused') return { kind: 'refused', reason: draft.signatureReason }
  // The type wants the fileID the server requires; the queue writes it in before sending.
  const file = (fileID === undefined ? {} : { fileID }) as { fileID: string }
  if (draft.signatureKind === 'proxy') return { kind: 'proxy', ...file, proxyName: draft.proxyName, reason: draft.signatureReason }
  return { kind: 'signed', ...file }
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
  const payload = toPayload(draft, { villageId, signatureFileID: PENDING_SIGNATURE })
  for (const [path, message] of Object.entries(fieldErrors(createVisitSchema, payload))) add(fieldOf(path), message)
  // The schema checks the rules across fields (something ticked; a phone or
  // a reason) only once every field is valid. Check them now too, with the
  // other fields stood in, so every message shows at the first tap on 保存.
  // One probe per rule: the schema stops at the first rule that fails.
  for (const rule of ['content', 'phone'] as const) {
    for (const [path, message] of Object.entries(fieldErrors(createVisitSchema, crossFieldProbe(payload, check.today, rule)))) add(fieldOf(path), message)
  }

  if (!errors.visitedOn) {
    const problem = visitDateProblem(draft.visitedOn, check.today, check.campaignStart)
    if (problem) add('visitedOn', problem)
  }
  if (!draft.household) add('household', '请从户籍名册中选择入户对象，或新登记一户')
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

/** A payload valid in everything but the fields of one cross-field rule, which keep the draft's values. */
function crossFieldProbe(payload: CreateVisitInput, today: string, rule: 'content' | 'phone'): CreateVisitInput {
  const content = rule === 'content' ? { items: payload.items, otherContent: payload.otherContent } : { items: ['propaganda' as const], otherContent: '' }
  const phone = rule === 'phone' ? { phone: payload.phone, phoneDeclinedReason: payload.phoneDeclinedReason } : { phone: '', phoneDeclinedReason: 'probe' }
  return {
    villageId: 'probe',
    householdId: 'probe',
    unitName: 'probe',
    coworkers: [],
    visitedOn: today,
    residentName: 'probe',
    signature: { kind: 'refused', reason: 'probe' },
    ...content,
    ...phone,
  }
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

/** The form state again from a queued payload, to fix what the server refused. */
export function draftFromPayload(payload: Record<string, unknown>, fallback: VisitDraft): VisitDraft {
  const input = payload as Partial<CreateVisitInput>
  const signature = (input.signature ?? { kind: 'signed' }) as { kind: SignatureKind; reason?: string; proxyName?: string }
  let household: HouseholdChoice = null
  if (input.householdId) household = { kind: 'registered', id: input.householdId, address: '', headName: '', phone: '' }
  else if (input.newHousehold) {
    const fresh = input.newHousehold
    household = { kind: 'new', group: fresh.group ? String(fresh.group) : '', door: fresh.door, headName: fresh.headName, phone: fresh.phone ?? '' }
  }
  return {
    ...fallback,
    unitName: input.unitName ?? fallback.unitName,
    coworkers: input.coworkers ?? [],
    visitedOn: input.visitedOn ?? fallback.visitedOn,
    items: (input.items ?? []).filter((item): item is VisitItem => (VISIT_ITEMS as readonly string[]).includes(item)),
    otherChecked: Boolean(input.otherContent),
    otherContent: input.otherContent ?? '',
    household,
    residentName: input.residentName ?? '',
    phone: input.phone ?? '',
    phoneDeclined: !input.phone && Boolean(input.phoneDeclinedReason),
    phoneDeclinedReason: input.phoneDeclinedReason ?? '',
    signatureKind: signature.kind,
    signatureReason: signature.reason ?? '',
    proxyName: signature.proxyName ?? '',
    photoPath: null,
    location: input.location ?? null,
  }
}

/**
 * A fixed payload for a refused visit: the edited fields, with the signature's
 * kind and image and the photo as first saved (the queue uploads them again).
 */
export function fixedPayload(draft: VisitDraft, original: Record<string, unknown>): Record<string, unknown> {
  const before = original as unknown as CreateVisitInput
  const fileID = 'fileID' in before.signature ? before.signature.fileID : undefined
  const next = toPayload({ ...draft, signatureKind: before.signature.kind }, { villageId: before.villageId, signatureFileID: fileID, photoFileID: before.photoFileID })
  return next as unknown as Record<string, unknown>
}
