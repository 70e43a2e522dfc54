// Reference data (villages, campaigns, the town) changes a few times a year; a
// function instance serves many calls, so it keeps what it read for a short
// while instead of asking the database on every visit.
//
// How long an edit takes to reach everyone: production runs many instances,
// each with its own copy, so an office edit reaches every user within
// REFERENCE_TTL_MS. The editor sees it at once: their user document (read on
// every call anyway) carries when they last changed the town, and a copy
// older than that is read again for them (`notBefore`).

const entries = new Map<string, { at: number; value: Promise<unknown> }>()

export const REFERENCE_TTL_MS = 30_000

export interface CacheOptions {
  /** A copy read before this instant is stale for this caller (they changed the data since). */
  notBefore?: Date | number | null
  ttlMs?: number
  now?: number
}

export function cached<T>(key: string, load: () => Promise<T>, { notBefore = null, ttlMs = REFERENCE_TTL_MS, now = Date.now() }: CacheOptions = {}): Promise<T> {
  const entry = entries.get(key)
  const fresh = entry && now - entry.at < ttlMs && (notBefore === null || entry.at >= new Date(notBefore).getTime())
  if (entry && fresh) return entry.value as Promise<T>
  const value = load()
  entries.set(key, { at: now, value })
  // A failed read must not be remembered.
  value.catch(() => entries.delete(key))
  return value
}

/** Drops this instance's copies whose key starts with one of `prefixes` (the instance that made an edit). */
export function forget(...prefixes: string[]): void {
  for (const key of [...entries.keys()]) if (prefixes.some((prefix) => key.startsWith(prefix))) entries.delete(key)
}

export function clearCache(): void {
  entries.clear()
}
