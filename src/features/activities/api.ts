import type { ActivityDetail, ActivityFormContext, CorrectActivityInput, ActivityPage, PlaceImportPreview, PlaceImportResult, PlaceKind, PlaceView } from '../../../domain/activities'
import type { Reply } from '../../../domain/errors'
import { activityPhotoPath, type ActivityPhotoSlot, type ExportedFile } from '../../../domain/files'
import { callFunction, newRequestId } from '../../services/cloud'
import { phoneQueue } from '../../services/phone-queue'
import { CREATE_ACTIVITY, type QueuedActivity } from './queued-activity'

// Typed calls to the `activities` function. Logging an activity goes through
// the phone's queue, as a visit does: it survives a dead signal and closing
// the app, and the server makes one record however often it is sent.

const FN = 'activities'

/** The activities saved on this phone and not yet accepted by the server. */
export const activityQueue = phoneQueue('activity-queue-v1', CREATE_ACTIVITY)

export interface ActivityPhoto {
  slot: ActivityPhotoSlot
  localPath: string
}

/** Queues the activity with its photos (uploaded to the paths derived for this caller and record) and starts sending. */
export function queueActivity(activity: QueuedActivity, photos: readonly ActivityPhoto[], { uploaderId, label }: { uploaderId: string; label: string }): string {
  const requestId = newRequestId()
  const owner = { villageId: activity.villageId, uploaderId, requestId }
  const queue = activityQueue()
  queue.enqueue({ requestId, payload: activity, files: photos.map(({ slot, localPath }) => ({ slot, localPath, cloudPath: activityPhotoPath(slot, owner) })), label })
  void queue.sync()
  return requestId
}

export function getActivityContext(): Promise<Reply<ActivityFormContext>> {
  return callFunction<ActivityFormContext>(FN, 'context')
}

export function listPlaces(villageId: string): Promise<Reply<{ places: PlaceView[] }>> {
  return callFunction<{ places: PlaceView[] }>(FN, 'places', { villageId })
}

export function addPlace(input: { villageId: string; kind: PlaceKind; name: string; address: string }, requestId: string = newRequestId()): Promise<Reply<{ place: PlaceView; created: boolean }>> {
  return callFunction(FN, 'addPlace', input, { requestId })
}

export function listActivities(query: { scope: 'mine' | 'village'; villageId?: string; cursor?: string }): Promise<Reply<ActivityPage>> {
  return callFunction<ActivityPage>(FN, 'list', query)
}

export function getActivity(activityId: string): Promise<Reply<ActivityDetail>> {
  return callFunction<ActivityDetail>(FN, 'get', { activityId })
}

export function voidActivity(input: { activityId: string; reason: string }, requestId: string = newRequestId()): Promise<Reply<ActivityDetail>> {
  return callFunction<ActivityDetail>(FN, 'void', input, { requestId })
}

export function previewPlaceImport(input: { villageId: string; fileID: string }): Promise<Reply<PlaceImportPreview>> {
  return callFunction<PlaceImportPreview>(FN, 'previewPlaceImport', input)
}

export function commitPlaceImport(input: { villageId: string; fileID: string }, requestId: string = newRequestId()): Promise<Reply<PlaceImportResult>> {
  return callFunction<PlaceImportResult>(FN, 'commitPlaceImport', input, { requestId })
}

export interface ActivityArchiveFile extends ExportedFile {
  activities: number
  photos: number
  missingPhotos: number
}

export function exportActivityArchive(input: { villageId: string; from: string; to: string }, requestId: string = newRequestId()): Promise<Reply<ActivityArchiveFile>> {
  return callFunction<ActivityArchiveFile>(FN, 'exportArchive', input, { requestId })
}

/** 更正: the author within 24 hours, office at any time; the record keeps what changed and why. */
export function correctActivity(input: CorrectActivityInput, requestId: string = newRequestId()): Promise<Reply<ActivityDetail>> {
  return callFunction<ActivityDetail>(FN, 'correct', input, { requestId })
}
