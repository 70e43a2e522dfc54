import { correctVisitSchema, createVisitSchema, getVisitSchema, listVisitsSchema, voidVisitSchema } from '../../domain/visits'
import { ACCESS } from '../../domain/access'
import { action, defineFunction } from '../_lib/function'
import { createVisit } from './create'
import { correctVisit, voidVisit } from './edit'
import { formContext, listVisits, readVisitDetail } from './read'

export const main = defineFunction('visits', {
  context: action({
    audience: ACCESS.logVisits,
    run: ({ db, caller }) => formContext(db, caller),
  }),

  create: action({
    audience: ACCESS.logVisits,
    write: true,
    idempotency: 'document-id',
    input: createVisitSchema,
    run: ({ db, caller, input, requestId }) => createVisit(db, caller, input, requestId),
  }),

  correct: action({
    audience: ACCESS.editVisits,
    write: true,
    input: correctVisitSchema,
    run: ({ db, caller, input }) => correctVisit(db, caller, input),
  }),

  void: action({
    audience: ACCESS.editVisits,
    write: true,
    input: voidVisitSchema,
    run: ({ db, caller, input }) => voidVisit(db, caller, input.visitId, input.reason),
  }),

  list: action({
    audience: ACCESS.readVisits,
    input: listVisitsSchema,
    run: ({ db, caller, input }) => listVisits(db, caller, input),
  }),

  get: action({
    audience: ACCESS.readVisits,
    input: getVisitSchema,
    run: ({ db, caller, input }) => readVisitDetail(db, caller, input.visitId),
  }),
})
