import { correctVisitSchema, createVisitSchema, getVisitSchema, listVisitsSchema, voidVisitSchema } from '../../domain/visits'
import { action, defineFunction } from '../_lib/function'
import { createVisit } from './create'
import { correctVisit, voidVisit } from './edit'
import { formContext, listVisits, readVisitDetail } from './read'

const STAFF = ['cadre', 'unit_head', 'office', 'police'] as const

export const main = defineFunction('visits', {
  context: action({
    audience: ['cadre'],
    run: ({ db, caller }) => formContext(db, caller),
  }),

  create: action({
    audience: ['cadre'],
    write: true,
    idempotency: 'document-id',
    input: createVisitSchema,
    run: ({ db, caller, input, requestId }) => createVisit(db, caller, input, requestId as string),
  }),

  correct: action({
    audience: ['cadre', 'office'],
    write: true,
    input: correctVisitSchema,
    run: ({ db, caller, input }) => correctVisit(db, caller, input),
  }),

  void: action({
    audience: ['cadre', 'office'],
    write: true,
    input: voidVisitSchema,
    run: ({ db, caller, input }) => voidVisit(db, caller, input.visitId, input.reason),
  }),

  list: action({
    audience: STAFF,
    input: listVisitsSchema,
    run: ({ db, caller, input }) => listVisits(db, caller, input),
  }),

  get: action({
    audience: STAFF,
    input: getVisitSchema,
    run: ({ db, caller, input }) => readVisitDetail(db, caller, input.visitId),
  }),
})
