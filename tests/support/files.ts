import { rosterFilePath, visitFilePath, type RosterExtension, type VisitFileSlot } from '../../domain/files'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { Harness } from './functions'

// Uploads as the app does it: at the path derived for the uploading user and
// the record (domain/files.ts). Through the admin SDK: the storage rule's
// part is tested over the gateway.

let uploads = 0

export async function uploadVisitFile(h: Harness, slot: VisitFileSlot, owner: { openid: string; villageId: string; requestId: string }, content: Buffer): Promise<string> {
  const cloudPath = visitFilePath(slot, { villageId: owner.villageId, uploaderId: userIdFor(owner.openid), requestId: owner.requestId })
  const { fileID } = await h.local.app.uploadFile({ cloudPath, fileContent: content })
  return fileID
}

export async function uploadRoster(h: Harness, owner: { openid: string; villageId: string }, extension: RosterExtension, content: Buffer | string): Promise<string> {
  uploads += 1
  const cloudPath = rosterFilePath({ villageId: owner.villageId, uploaderId: userIdFor(owner.openid), uploadId: `roster-${Date.now().toString(36)}-${uploads}`, extension })
  const { fileID } = await h.local.app.uploadFile({ cloudPath, fileContent: Buffer.from(content) })
  return fileID
}
