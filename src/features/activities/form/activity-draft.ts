import { ACTIVITY_KIND_LABELS, createActivitySchema, FIVE_IN_LABELS, hasFiveIn, hasPhotos, hasPlace, needsPlace, NO_FIVE_IN, NO_PHOTO, NO_PLACE, PLACE_KIND_LABELS, type ActivityKind, type FiveIn, type PlaceKind, type PlaceView } from '../../../../domain/activities'
import { fieldErrors } from '../../../../domain/validate'
import type { QueuedActivity } from '../queued-activity'

// The 宣传台账 form's state, its checks (the function's own schema, so every
// message is the one the server would give) and the payload it queues. No
// Taro here: unit-testable.

export type PlaceChoice = { mode: 'listed'; placeId: string } | { mode: 'new'; kind: PlaceKind | null; name: string; address: string } | { mode: 'none' }

export interface ActivityDraft {
  villageId: string
  kind: ActivityKind | null
  fiveIn: FiveIn | null
  place: PlaceChoice
  venue: string
  heldOn: string
  reached: string
  note: string
  /** Kept local paths of the photos, in order. */
  photos: string[]
  location: { latitude: number; longitude: number } | null
}

export type DraftField = 'kind' | 'fiveIn' | 'place' | 'placeKind' | 'placeName' | 'venue' | 'heldOn' | 'reached' | 'note' | 'photos' | 'form'
export type DraftErrors = Partial<Record<DraftField, string>>

export function emptyDraft(villageId: string, today: string): ActivityDraft {
  return { villageId, kind: null, fiveIn: null, place: { mode: 'none' }, venue: '', heldOn: today, reached: '', note: '', photos: [], location: null }
}

/** After a save: the next record at the same village and day, same kind (a row of posters), other fields blank. */
export function nextDraft(draft: ActivityDraft): ActivityDraft {
  return { ...emptyDraft(draft.villageId, draft.heldOn), kind: draft.kind, fiveIn: draft.fiveIn }
}

export function toPayload(draft: ActivityDraft): QueuedActivity {
  const reached = draft.reached.trim() === '' ? Number.NaN : Number(draft.reached.trim())
  return {
    villageId: draft.villageId,
    kind: (draft.kind ?? undefined) as ActivityKind,
    ...(draft.kind === 'fiveIn' && draft.fiveIn ? { fiveIn: draft.fiveIn } : {}),
    ...(draft.place.mode === 'listed' ? { placeId: draft.place.placeId } : {}),
    ...(draft.place.mode === 'new' ? { newPlace: { kind: (draft.place.kind ?? undefined) as PlaceKind, name: draft.place.name, address: draft.place.address } } : {}),
    heldOn: draft.heldOn,
    reached,
    venue: draft.place.mode === 'none' ? draft.venue : '',
    note: draft.note,
    ...(draft.location ? { location: draft.location } : {}),
  }
}

const FIELD_OF: Record<string, DraftField> = {
  kind: 'kind',
  fiveIn: 'fiveIn',
  placeId: 'place',
  'newPlace.kind': 'placeKind',
  'newPlace.name': 'placeName',
  'newPlace.address': 'placeName',
  venue: 'venue',
  heldOn: 'heldOn',
  reached: 'reached',
  note: 'note',
  photoFileIDs: 'photos',
}

/** Every problem of the draft by field, with the function's messages. */
export function draftErrors(draft: ActivityDraft): DraftErrors {
  const payload = { ...toPayload(draft), photoFileIDs: draft.photos.map((_, i) => `cloud://phone/photo${i + 1}.jpg`) }
  const errors: DraftErrors = {}
  for (const [path, message] of Object.entries(fieldErrors(createActivitySchema, payload))) {
    const field = FIELD_OF[path] ?? 'form'
    errors[field] ??= message
  }
  // The schema's rules across fields run once every field is valid; the form
  // applies them to the draft as well, so every message shows at the first tap.
  const payloadOf = { ...toPayload(draft), photoFileIDs: payload.photoFileIDs }
  if (draft.kind) {
    const kind = { ...payloadOf, kind: draft.kind }
    if (!hasFiveIn(kind)) errors.fiveIn ??= NO_FIVE_IN
    if (needsPlace(draft.kind) && draft.place.mode === 'none') errors.place ??= '请选择场所，或新添加一个场所'
    else if (!hasPlace(kind)) errors.place ??= NO_PLACE
    if (!hasPhotos(kind)) errors.photos ??= NO_PHOTO
  }
  return errors
}

/** What the user recognises in the outbox, e.g. 悬挂横幅/标语 · 新华集贸市场. */
export function activityLabel(draft: ActivityDraft, places: readonly PlaceView[]): string {
  const kind = draft.kind ? (draft.kind === 'fiveIn' && draft.fiveIn ? FIVE_IN_LABELS[draft.fiveIn] : ACTIVITY_KIND_LABELS[draft.kind]) : '宣传活动'
  const where = draft.place.mode === 'listed' ? (places.find((place) => place.id === (draft.place as { placeId: string }).placeId)?.name ?? '') : draft.place.mode === 'new' ? draft.place.name : draft.venue
  return where ? `${kind} · ${where}` : kind
}

export function placeOptionLabel(place: PlaceView): string {
  return `${PLACE_KIND_LABELS[place.kind]}｜${place.name}${place.covered ? '（已覆盖）' : ''}`
}
