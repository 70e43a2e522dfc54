// CloudBase (MongoDB underneath) and the local server refuse a second document
// with the same _id or unique key; callers use that to make writes idempotent.
export function isDuplicateKeyError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  const text = `${String(code ?? '')} ${String(message ?? '')}`
  return /DUPLICATE|E11000|duplicate key/i.test(text)
}
