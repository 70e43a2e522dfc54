import { ACTIVITY_EDIT_WINDOW_MS, ACTIVITY_KIND_LABELS, activityPlaceLabel, type ActivityDetail, type ActivityListItem } from '../../domain/activities'
import type { Caller } from '../_lib/function'
import type { ActivityDoc } from '../_lib/repos/activities'

export function mayEditActivity(caller: Caller, activity: ActivityDoc, now = new Date()): boolean {
  if (activity.status !== 'active') return false
  if (caller.roles.includes('office') && caller.user?.townId === activity.townId) return true
  return caller.user?._id === activity.authorId && now.getTime() - new Date(activity.createdAt).getTime() <= ACTIVITY_EDIT_WINDOW_MS
}

/** Activities hold no resident's personal data: a list shows them as they are. */
export function toActivityItem(activity: ActivityDoc, caller: Caller): ActivityListItem {
  return {
    id: activity._id,
    villageId: activity.villageId,
    kind: activity.kind,
    kindLabel: ACTIVITY_KIND_LABELS[activity.kind],
    placeName: activityPlaceLabel(activity),
    heldOn: activity.heldOn,
    reached: activity.reached,
    photos: activity.photoFileIDs.length,
    authorName: activity.authorName,
    status: activity.status,
    createdAt: new Date(activity.createdAt).toISOString(),
    editable: mayEditActivity(caller, activity),
  }
}

export function toActivityDetail(activity: ActivityDoc, caller: Caller, urls: Map<string, string | null>): ActivityDetail {
  return {
    ...toActivityItem(activity, caller),
    fiveIn: activity.fiveIn,
    placeId: activity.placeId,
    placeKind: activity.placeKind,
    venue: activity.venue,
    note: activity.note,
    photoUrls: activity.photoFileIDs.map((id) => urls.get(id) ?? null),
    voidReason: activity.voidReason,
    corrections: (activity.corrections ?? []).map((c) => ({ at: new Date(c.at).toISOString(), byName: c.byName, reason: c.reason, changed: Object.keys(c.before) })),
  }
}
