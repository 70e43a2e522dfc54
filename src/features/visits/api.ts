import { visitFilePath, type VisitFileSlot } from '../../../domain/files'
import type { Reply } from '../../../domain/errors'
import type { VisitDetail, VisitFormContext, VisitPage, VisitPeriod } from '../../../domain/visits'
import { callFunction, newRequestId } from '../../services/cloud'
import { phoneQueue } from '../../services/phone-queue'
import { CREATE_VISIT, type QueuedVisit } from './queued-visit'

// Typed calls to the `visits` function. Creating a visit goes through the
// phone's queue, so that it survives a dead signal and closing the app.

const VISITS_FN = 'visits'

/** The visits saved on this phone and not yet accepted by the server. */
export const visitQueue = phoneQueue('visit-queue-v2', CREATE_VISIT)

/** A file the visit carries, kept on the phone (see services/upload.ts keepFile) until it is uploaded. */
export interface VisitFile {
  slot: VisitFileSlot
  localPath: string
}

/**
 * Logs a visit without waiting for the network: the queue uploads its files
 * to the paths derived for the uploader and this record, then calls
 * `visits.create`, now or when the signal returns, always under the requestId
 * returned here, so the server makes one visit however often it is sent.
 */
export function queueVisit(visit: QueuedVisit, files: readonly VisitFile[], { uploaderId, label }: { uploaderId: string; label: string }): string {
  const requestId = newRequestId()
  const owner = { villageId: visit.villageId, uploaderId, requestId }
  const queue = visitQueue()
  queue.enqueue({ requestId, payload: visit, files: files.map(({ slot, localPath }) => ({ slot, localPath, cloudPath: visitFilePath(slot, owner) })), label })
  void queue.sync()
  return requestId
}

export function getFormContext(): Promise<Reply<VisitFormContext>> {
  return callFunction<VisitFormContext>(VISITS_FN, 'context')
}

export interface ListVisitsQuery {
  scope: 'mine' | 'village'
  villageId?: string
  period: VisitPeriod
  query?: string
  cursor?: string
}

export function listVisits(query: ListVisitsQuery): Promise<Reply<VisitPage>> {
  return callFunction<VisitPage>(VISITS_FN, 'list', query)
}

export function getVisit(visitId: string): Promise<Reply<VisitDetail>> {
  return callFunction<VisitDetail>(VISITS_FN, 'get', { visitId })
}

export interface CorrectVisitInput {
  visitId: string
  unitName: string
  coworkers: string[]
  visitedOn: string
  items: string[]
  otherContent: string
  residentName: string
  phone: string
  phoneDeclinedReason: string
  reason: string
}

export function correctVisit(input: CorrectVisitInput, requestId: string = newRequestId()): Promise<Reply<VisitDetail>> {
  return callFunction<VisitDetail>(VISITS_FN, 'correct', input, { requestId })
}

export function voidVisit(input: { visitId: string; reason: string }, requestId: string = newRequestId()): Promise<Reply<VisitDetail>> {
  return callFunction<VisitDetail>(VISITS_FN, 'void', input, { requestId })
}
