// Where a client may upload, derived from who uploads and for which record.
// The storage rule (database/storage-rules.json) lets a client write only at
// these paths and never over someone else's file; a function accepts a fileID
// only at the path it derives for the caller and the record. So no record can
// be made to point at a file its author did not upload for it.

/** A user's id as the functions give it out (`Me.userId`): `u_` + 24 hex digits. */
export const UPLOADER_ID = /^u_[0-9a-f]{24}$/

export const VISIT_FILES = { signature: 'signature.png', photo: 'photo.jpg' } as const
export type VisitFileSlot = keyof typeof VISIT_FILES

export interface VisitFileOwner {
  villageId: string
  /** The uploading user's id. */
  uploaderId: string
  /** The visit's requestId: a retried upload lands on the same path. */
  requestId: string
}

export function visitFilePath(slot: VisitFileSlot, owner: VisitFileOwner): string {
  return `visits/${owner.villageId}/${owner.uploaderId}/${owner.requestId}/${VISIT_FILES[slot]}`
}

/** An activity's photos (宣传台账): photo1.jpg … photo9.jpg under the activity's requestId. */
export const ACTIVITY_PHOTO_SLOTS = ['photo1', 'photo2', 'photo3', 'photo4', 'photo5', 'photo6', 'photo7', 'photo8', 'photo9'] as const
export type ActivityPhotoSlot = (typeof ACTIVITY_PHOTO_SLOTS)[number]

export function activityPhotoPath(slot: ActivityPhotoSlot, owner: VisitFileOwner): string {
  return `activities/${owner.villageId}/${owner.uploaderId}/${owner.requestId}/${slot}.jpg`
}

/** Whether the fileID is one of the photos the uploader put under this activity's path. */
export function isActivityPhoto(fileID: string, owner: VisitFileOwner): boolean {
  return ACTIVITY_PHOTO_SLOTS.some((slot) => isFileAt(fileID, activityPhotoPath(slot, owner)))
}

export const ROSTER_EXTENSIONS = ['xlsx', 'csv'] as const
export type RosterExtension = (typeof ROSTER_EXTENSIONS)[number]

export function rosterFilePath(owner: { villageId: string; uploaderId: string; uploadId: string; extension: RosterExtension }): string {
  return `imports/${owner.villageId}/${owner.uploaderId}/${owner.uploadId}.${owner.extension}`
}

/** A list of key places (重点场所) for a village: beside the roster files, under `places-`. */
export function placesFilePath(owner: { villageId: string; uploaderId: string; uploadId: string; extension: RosterExtension }): string {
  return rosterFilePath({ ...owner, uploadId: `places-${owner.uploadId}` })
}

/** A roster file the caller uploaded for the village: its extension, or null when the path is not one. */
export function rosterFileExtension(fileID: string, villageId: string, uploaderId: string): RosterExtension | null {
  const path = cloudPathOf(fileID)
  const match = path ? /^imports\/([^/]+)\/([^/]+)\/[A-Za-z0-9_-]{8,64}\.(xlsx|csv)$/.exec(path) : null
  if (!match || match[1] !== villageId || match[2] !== uploaderId) return null
  return match[3] as RosterExtension
}

export const ARTICLE_IMAGE_EXTENSIONS = ['jpg', 'png'] as const
export type ArticleImageExtension = (typeof ARTICLE_IMAGE_EXTENSIONS)[number]

export interface ArticleFileOwner {
  /** The article's fileKey: the client's requestId of the write that created it. */
  fileKey: string
  /** The uploading user's id. */
  uploaderId: string
}

/** An article's image (cover or body): under the article and its uploader; `imageId` is fresh per image. */
export function articleImagePath(owner: ArticleFileOwner, imageId: string, extension: ArticleImageExtension): string {
  return `articles/${owner.fileKey}/${owner.uploaderId}/${imageId}.${extension}`
}

/** Whether the fileID is an image the uploader put under the article's fileKey. */
export function isArticleImage(fileID: string, owner: ArticleFileOwner): boolean {
  const path = cloudPathOf(fileID)
  const match = path ? /^articles\/([A-Za-z0-9_-]{8,64})\/(u_[0-9a-f]{24})\/[A-Za-z0-9_-]{8,64}\.(jpg|png)$/.exec(path) : null
  return Boolean(match && match[1] === owner.fileKey && match[2] === owner.uploaderId)
}

/** `cloud://<env>.<bucket>/<path>` → `<path>`; null for anything else. */
export function cloudPathOf(fileID: string): string | null {
  const match = /^cloud:\/\/[^/\s]+\/(\S+)$/.exec(fileID)
  return match ? match[1] : null
}

/** The fileID names exactly the file at `cloudPath` (in whatever environment). */
export function isFileAt(fileID: string, cloudPath: string): boolean {
  return cloudPathOf(fileID) === cloudPath
}

/** A file a function stored for the caller (an export), with a temporary link. */
export interface ExportedFile {
  fileID: string
  /** A temporary download URL (2 hours). */
  url: string
  fileName: string
}
