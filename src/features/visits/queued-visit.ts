import type { VisitFileSlot } from '../../../domain/files'
import type { CreateVisitInput } from '../../../domain/visits'
import type { QueuedCall, QueuedWrite } from '../../services/offline-queue'

// A visit as it waits in the phone's queue: the `visits.create` payload but
// for the ids of its files (the signature image, a photo), which exist only
// once the queue has uploaded them. No Taro here: the function tests send it.

type WithoutFileID<T> = T extends unknown ? Omit<T, 'fileID'> : never

export type QueuedVisit = Omit<CreateVisitInput, 'signature' | 'photoFileID'> & {
  signature: WithoutFileID<CreateVisitInput['signature']>
}

export type QueuedVisitWrite = QueuedWrite<QueuedVisit, VisitFileSlot>

/**
 * The payload `visits.create` takes, with the uploaded files' ids in their
 * places. A signature without its image gets an empty id, which the function
 * refuses by name (签名图片无效): the queue uploads every file first.
 */
export function withVisitFiles(visit: QueuedVisit, fileIDs: Partial<Record<VisitFileSlot, string>>): CreateVisitInput {
  const { signature } = visit
  return {
    ...visit,
    signature: signature.kind === 'refused' ? signature : { ...signature, fileID: fileIDs.signature ?? '' },
    ...(fileIDs.photo ? { photoFileID: fileIDs.photo } : {}),
  }
}

export const CREATE_VISIT: QueuedCall<QueuedVisit, VisitFileSlot> = { fn: 'visits', action: 'create', withFiles: withVisitFiles }
