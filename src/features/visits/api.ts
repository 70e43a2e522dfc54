import type { Reply } from '../../../domain/errors'
import type { VisitDetail, VisitFormContext, VisitPage, VisitPeriod } from '../../../domain/visits'
import { callFunction, newRequestId } from '../../services/cloud'

// Typed calls to the `visits` function. Creating a visit does not go through
// here: it is queued (services/visit-queue.ts) so that it survives a dead
// signal, and the queue sends `visits.create` itself.

export const VISITS_FN = 'visits'

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
