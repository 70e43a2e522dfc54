import { ACCESS } from '../../domain/access'
import { dataRequestIdSchema, dataRequestQuerySchema, handleDataRequestSchema, retentionSchema, submitDataRequestSchema } from '../../domain/privacy'
import { action, defineFunction } from '../_lib/function'
import { privacyNotice } from './notice'
import { handleDataRequest } from './handle'
import { dataRequestDetail, listDataRequests, myDataRequests, submitDataRequest } from './requests'
import { retention, saveRetention } from './retention'

// 个人信息保护: the notice with the town's retention periods, residents'
// requests to see or delete what is held about them, office handling them
// (recorded), and the retention settings the nightly purge applies
// (cloudfunctions/_lib/privacy/purge.ts, run by maintenance).
export const main = defineFunction('privacy', {
  notice: action({
    audience: 'anyone',
    run: ({ db, caller }) => privacyNotice(db, caller),
  }),

  submitRequest: action({
    audience: 'anyone',
    write: true,
    input: submitDataRequestSchema,
    run: ({ db, caller, input, requestId }) => submitDataRequest(db, caller, input, requestId),
  }),

  myRequests: action({
    audience: 'anyone',
    run: ({ db, caller }) => myDataRequests(db, caller),
  }),

  requests: action({
    audience: ACCESS.handleDataRequests,
    input: dataRequestQuerySchema,
    run: ({ db, caller, input }) => listDataRequests(db, caller, input),
  }),

  request: action({
    audience: ACCESS.handleDataRequests,
    input: dataRequestIdSchema,
    run: ({ db, caller, input }) => dataRequestDetail(db, caller, input.dataRequestId),
  }),

  handleRequest: action({
    audience: ACCESS.handleDataRequests,
    write: true,
    input: handleDataRequestSchema,
    run: ({ db, caller, input }) => handleDataRequest(db, caller, input),
  }),

  retention: action({
    audience: ACCESS.setRetention,
    run: ({ db, caller }) => retention(db, caller),
  }),

  saveRetention: action({
    audience: ACCESS.setRetention,
    write: true,
    input: retentionSchema,
    run: ({ db, caller, input }) => saveRetention(db, caller, input),
  }),
})
