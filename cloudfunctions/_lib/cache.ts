// Reference data (villages, campaigns) changes a few times a year; a function
// instance serves many calls, so it keeps what it read for a short while
// instead of asking the database on every visit.

const entries = new Map<string, { at: number; value: Promise<unknown> }>()

export const REFERENCE_TTL_MS = 30_000

export function cached<T>(key: string, load: () => Promise<T>, ttlMs = REFERENCE_TTL_MS, now = Date.now()): Promise<T> {
  const entry = entries.get(key)
  if (entry && now - entry.at < ttlMs) return entry.value as Promise<T>
  const value = load()
  entries.set(key, { at: now, value })
  // A failed read must not be remembered.
  value.catch(() => entries.delete(key))
  return value
}

export function clearCache(): void {
  entries.clear()
}
