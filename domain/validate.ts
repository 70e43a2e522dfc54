import * as v from 'valibot'
import { DEFAULT_MESSAGES, type ReplyError } from './errors'

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ReplyError }

/**
 * Parses input against a schema and turns the first problem into the protocol's
 * error: code INVALID_INPUT, the schema's Chinese message, and the field path.
 * The form and the function both call this, so a rule lives in one place.
 */
export function parseInput<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
): Parsed<v.InferOutput<TSchema>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  if (result.success) return { ok: true, value: result.output }
  const issue = result.issues[0]
  const field = issue.path?.map((item) => String(item.key)).join('.')
  return {
    ok: false,
    error: {
      code: 'INVALID_INPUT',
      message: chineseOrDefault(issue.message, field),
      ...(field ? { field } : {}),
    },
  }
}

/** Every issue, keyed by field: what a form shows next to each input. */
export function fieldErrors<TSchema extends v.GenericSchema>(schema: TSchema, input: unknown): Record<string, string> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  const errors: Record<string, string> = {}
  if (result.success) return errors
  for (const issue of result.issues) {
    const field = issue.path?.map((item) => String(item.key)).join('.') ?? ''
    if (!(field in errors)) errors[field] = chineseOrDefault(issue.message, field)
  }
  return errors
}

// Schemas in domain/ carry Chinese messages; valibot's own English fallback
// (for a schema that forgot one) must never reach a user.
function chineseOrDefault(message: string, field: string | undefined): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message
  return field ? `${field} 填写有误` : DEFAULT_MESSAGES.INVALID_INPUT
}
