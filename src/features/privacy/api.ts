import type { PlaceRef } from '../../../domain/account'
import type { Reply } from '../../../domain/errors'
import type {
  DataRequestDetail,
  DataRequestPage,
  DataRequestStatus,
  DataRequestView,
  HandleDataRequest,
  MyDataRequest,
  PrivacyNotice,
  RetentionSettings,
  SubmitDataRequestInput,
} from '../../../domain/privacy'
import { callFunction } from '../../services/cloud'

// Typed calls to the `privacy` function: the notice, residents' requests to
// see or delete their data, office handling them, the retention settings.

const FN = 'privacy'

export interface RetentionView {
  settings: RetentionSettings
  lastPurge: import('../../../domain/privacy').PurgeReport | null
}

export const getNotice = (): Promise<Reply<PrivacyNotice>> => callFunction<PrivacyNotice>(FN, 'notice')
export const submitDataRequest = (input: SubmitDataRequestInput, requestId: string) => callFunction<MyDataRequest>(FN, 'submitRequest', input, { requestId })
export const getMyRequests = (): Promise<Reply<MyDataRequest[]>> => callFunction<MyDataRequest[]>(FN, 'myRequests')
export const listDataRequests = (query: { status?: DataRequestStatus; cursor?: string }) => callFunction<DataRequestPage>(FN, 'requests', query)
export const getDataRequest = (dataRequestId: string) => callFunction<DataRequestDetail>(FN, 'request', { dataRequestId })
export const handleDataRequest = (input: HandleDataRequest, requestId: string) => callFunction<DataRequestView>(FN, 'handleRequest', input, { requestId })
export const getRetention = (): Promise<Reply<RetentionView>> => callFunction<RetentionView>(FN, 'retention')
export const saveRetention = (input: RetentionSettings, requestId: string) => callFunction<RetentionView>(FN, 'saveRetention', input, { requestId })

/** The villages of the user's town, to say which one the household is in. */
export const getTownVillages = (): Promise<Reply<PlaceRef[]>> => callFunction<PlaceRef[]>('account', 'townVillages')
