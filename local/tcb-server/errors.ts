// Errors travel to the SDK as `{ code, message }` in an HTTP 200 reply; the SDK
// turns any reply carrying `code` into a thrown TcbError. The codes below are
// CloudBase's documented ones wherever one fits (docs.cloudbase.net error
// codes), so callers written against local runs branch the same way in
// production. See README.md for the list and the ones that are guesses.

export const ErrorCode = {
  /** Documented: the collection does not exist (reads and writes). */
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  /** Not confirmed for CloudBase: createCollection of an existing name. */
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  /** Documented (with CloudBase's own spelling): unsupported or illegal operator. */
  INVALID_OPERATOR: 'DATABASE_INVALID_OPERRATOR',
  /** Documented general database failure; duplicates use it with an E11000 message. */
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  /** The SDK's runTransaction retries on exactly this code. */
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  /** CloudBase's code for a transaction that no longer exists (committed, aborted, aborted by a conflict, or past its lifetime). */
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  /** Documented general code: the current state does not permit the operation. */
  INVALID_OPERATION: 'INVALID_OPERATION',
  INVALID_ACTION: 'INVALID_ACTION',
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ENV: 'INVALID_ENV',
  /** Documented general code (认证参数非法: bad, missing or stale signature); what tcb-api answers on the wire for a bad signature is not confirmed. */
  SIGN_PARAM_INVALID: 'SIGN_PARAM_INVALID',
  SYS_ERR: 'SYS_ERR',
  /** Per-file code in storage replies (the node-sdk's own constant). */
  STORAGE_FILE_NONEXIST: 'STORAGE_FILE_NONEXIST',
} as const

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode]

export class TcbServerError extends Error {
  constructor(
    readonly code: ErrorCodeValue,
    message: string,
  ) {
    super(message)
    this.name = 'TcbServerError'
  }
}

/** The message prefix MongoDB (and so CloudBase) uses; callers detect duplicates with /E11000/. */
export const duplicateKeyError = (collection: string, index: string, key: string): TcbServerError =>
  new TcbServerError(
    ErrorCode.REQUEST_FAILED,
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  )

export const collectionNotExist = (collection: string): TcbServerError =>
  new TcbServerError(
    ErrorCode.COLLECTION_NOT_EXIST,
    `[ResourceNotFound] Db or Table not exist: collection "${collection}" does not exist (create it first)`,
  )
