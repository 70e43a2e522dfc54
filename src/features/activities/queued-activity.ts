import type { CreateActivityInput } from '../../../domain/activities'
import { ACTIVITY_PHOTO_SLOTS, type ActivityPhotoSlot } from '../../../domain/files'
import type { QueuedCall, QueuedWrite } from '../../services/offline-queue'

// An activity as it waits in the phone's queue (the same outbox as visits,
// its own list): the `activities.create` payload but for its photos' ids,
// which exist only once the queue has uploaded them. No Taro here: the
// function tests send it.

export type QueuedActivity = Omit<CreateActivityInput, 'photoFileIDs'>

export type QueuedActivityWrite = QueuedWrite<QueuedActivity, ActivityPhotoSlot>

/** The payload `activities.create` takes: the uploaded photos' ids, in slot order. */
export function withActivityFiles(activity: QueuedActivity, fileIDs: Partial<Record<ActivityPhotoSlot, string>>): CreateActivityInput {
  return { ...activity, photoFileIDs: ACTIVITY_PHOTO_SLOTS.flatMap((slot) => fileIDs[slot] ?? []) }
}

export const CREATE_ACTIVITY: QueuedCall<QueuedActivity, ActivityPhotoSlot> = { fn: 'activities', action: 'create', withFiles: withActivityFiles }
