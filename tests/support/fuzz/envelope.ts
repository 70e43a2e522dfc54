import { ERROR_CODES } from '../../../domain/errors'

const CHINESE = /[\u4e00-\u9fff]/

/**
 * What is wrong with a reply's envelope, or null: `{ ok: true, data }` or
 * `{ ok: false, error: { code, message, field? } }` with a protocol code
 * other than INTERNAL and a Chinese message; and it must survive JSON, as the
 * platform sends it.
 */
export function envelopeProblem(reply: unknown): string | null {
  if (!reply || typeof reply !== 'object' || Array.isArray(reply)) return 'the reply is not an object'
  const { ok, error } = reply as { ok?: unknown; error?: unknown }
  if (typeof ok !== 'boolean') return '`ok` is not a boolean'
  try {
    JSON.stringify(reply)
  } catch (cause) {
    return `the reply cannot be sent as JSON (${(cause as Error).message})`
  }
  if (ok) return 'data' in reply ? null : 'an ok reply has no `data`'
  if (!error || typeof error !== 'object') return 'a refusal has no `error` object'
  const { code, message, field } = error as { code?: unknown; message?: unknown; field?: unknown }
  if (typeof code !== 'string' || !(ERROR_CODES as readonly string[]).includes(code)) return `error.code ${JSON.stringify(code)} is not one of ERROR_CODES`
  if (code === 'INTERNAL') return 'code INTERNAL: a client input reached an unhandled error'
  if (typeof message !== 'string' || message.trim() === '') return 'error.message is not a non-empty string'
  if (!CHINESE.test(message)) return `error.message is not Chinese: ${JSON.stringify(message)}`
  if (field !== undefined && typeof field !== 'string') return 'error.field is not a string'
  return null
}
