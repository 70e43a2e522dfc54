import { ACTIVITY_EDIT_WINDOW_MS, ACTIVITY_KIND_LABELS, activityPlaceLabel, type ActivityDetail, type ActivityListItem } from '../../domain/activities'
import { maskFreeText } from '../../domain/mask'
import type { Caller } from '../_lib/function'
import type { ActivityDoc } from '../_lib/repos/activities'

export function mayEditActivity(caller: Caller, activity: ActivityDoc, now = new Date()): boolean {
  if (activity.status !== 'active') return false
  if (caller.roles.includes('office') && caller.user?.townId === activity.townId) return true
  return caller.user?._id === activity.authorId && now.getTime() - new Date(activity.createdAt).getTime() <= ACTIVITY_EDIT_WINDOW_MS
}

/**
 * An activity names no resident, yet numbers get typed into its text (a
 * place's name, 活动内容): shown in full to its author, the village's cadres,
 * office and police (`fullText`); masked for a unit head, as visits' 其他内容 are.
 */
export function toActivityItem(activity: ActivityDoc, caller: Caller, fullText: boolean): ActivityListItem {
  const shown = fullText || caller.user?._id === activity.authorId ? (text: string) => text : maskFreeText
  return {
    id: activity._id,
    villageId: activity.villageId,
    kind: activity.kind,
    kindLabel: ACTIVITY_KIND_LABELS[activity.kind],
    placeName: shown(activityPlaceLabel(activity)),
    heldOn: activity.heldOn,
    reached: activity.reached,
    photos: activity.photoFileIDs.length,
    authorName: activity.authorName,
    status: activity.status,
    createdAt: new Date(activity.createdAt).toISOString(),
    editable: mayEditActivity(caller, activity),
  }
}

export function toActivityDetail(activity: ActivityDoc, caller: Caller, urls: Map<string, string | null>, fullText: boolean): ActivityDetail {
  const shown = fullText || caller.user?._id === activity.authorId ? (text: string) => text : maskFreeText
  return {
    ...toActivityItem(activity, caller, fullText),
    fiveIn: activity.fiveIn,
    placeId: activity.placeId,
    placeKind: activity.placeKind,
    venue: shown(activity.venue),
    note: shown(activity.note),
    photoUrls: activity.photoFileIDs.map((id) => urls.get(id) ?? null),
    voidReason: activity.voidReason,
    corrections: (activity.corrections ?? []).map((c) => ({ at: new Date(c.at).toISOString(), byName: c.byName, reason: c.reason, changed: Object.keys(c.before) })),
  }
}
