import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { CreateActivityInput } from '../../domain/activities'
import { activityPhotoPath, type ActivityPhotoSlot } from '../../domain/files'
import type { Harness } from './functions'

/** The smallest JPEG worth the name: SOI, a SOF0 of 4×3, EOI. The function checks the file exists; the archive reads its size. */
export const JPEG_BYTES = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x03, 0x00, 0x04, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9,
])

/** A photo of the activity `requestId` that `openid` is about to log, uploaded where the app puts it. */
export async function uploadActivityPhoto(h: Harness, owner: { openid: string; villageId: string; requestId: string }, slot: ActivityPhotoSlot = 'photo1', content = JPEG_BYTES): Promise<string> {
  const cloudPath = activityPhotoPath(slot, { villageId: owner.villageId, uploaderId: userIdFor(owner.openid), requestId: owner.requestId })
  const { fileID } = await h.local.app.uploadFile({ cloudPath, fileContent: content })
  return fileID
}

export function activityInput(overrides: Partial<CreateActivityInput> & { villageId: string }): CreateActivityInput {
  return {
    kind: 'talk',
    heldOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    reached: 40,
    venue: '3组院坝',
    note: '院坝会讲解冒充客服退款诈骗',
    ...overrides,
  }
}
