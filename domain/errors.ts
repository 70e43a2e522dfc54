// Stable error codes of the function protocol. Clients branch on `code`; the
// Chinese `message` is for the user and may be reworded at any time.
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ReplyError {
  code: ErrorCode | ClientErrorCode
  message: string
  /** The offending input, as a dotted path into the payload (e.g. `phone`). */
  field?: string
}

/** Codes only the client produces, when no reply arrived at all. */
export type ClientErrorCode = 'NETWORK'

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ReplyError }

export const DEFAULT_MESSAGES: Record<ErrorCode | ClientErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录后再操作',
  FORBIDDEN: '你没有权限进行这项操作，如需开通请联系镇反诈办',
  NOT_FOUND: '没有找到相关内容，可能已被删除',
  CONFLICT: '操作冲突，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统出了点问题，请稍后重试；如果一直不行，请联系镇反诈办',
  NETWORK: '网络不通，请检查网络后重试',
}

/** A refusal a handler raises on purpose: it becomes `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], field?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }
}

export function ok<T>(data: T): Reply<T> {
  return { ok: true, data }
}

export function fail(code: ErrorCode | ClientErrorCode, message?: string, field?: string): Reply<never> {
  const error: ReplyError = { code, message: message ?? DEFAULT_MESSAGES[code] }
  if (field !== undefined) error.field = field
  return { ok: false, error }
}
