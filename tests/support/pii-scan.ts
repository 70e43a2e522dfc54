// The reply scanner: finds full phone numbers and ID-card-number-like runs in
// a function's reply and decides, from the harness database, whether the
// caller may see them. The policy (README, Security): a resident's full phone
// goes to the record's author, the cadres of the record's village and the
// office and police of its town; never to a unit head or a resident. Public
// work numbers (town hotlines, a village's police officer) and numbers in a
// published article go to anyone; a draft's, to the office and police of its town.
// ID-number-like runs follow the same rule as a phone, but are never public.
// A tip's numbers (the tipster's contact, the suspect's numbers, anything in
// its story) go only to the police of its town and to its sender: the named
// tipster, or whoever presents its receipt code; never to office, cadres or
// unit heads. A resident's request to see their data (dataRequests) holds
// their numbers and the copy office sent them: the requester and the office
// of its town may see it.
import Database from 'better-sqlite3'
import path from 'path'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { receiptHash } from '../../cloudfunctions/_lib/tip-secret'
import { normaliseReceipt, RECEIPT_LENGTH } from '../../domain/tips'

export type PersonalDataKind = 'phone' | 'id-number'

/** A run of digits in a reply that looks like personal data. */
export interface PersonalDataHit {
  kind: PersonalDataKind
  /** As it appears in the reply. */
  text: string
  /** Digits only (a mobile without +86): what records are matched on. */
  digits: string
  /** Where in the reply, e.g. `data.items[3].otherContent`. */
  at: string
}

export interface PersonalDataLeak extends PersonalDataHit {
  /** Why the caller may not see it. */
  why: string
}

// Digits glued to ASCII letters or digits are part of an id or a hash, and a
// digit run after "1." is a decimal fraction: neither is a phone. Chinese text
// around a number (电话13812341234) does not protect it.
const START = '(?<![0-9A-Za-z]|[0-9][.])'
const END = '(?![0-9A-Za-z]|[.][0-9])'
const PATTERNS: { kind: PersonalDataKind; pattern: RegExp }[] = [
  { kind: 'id-number', pattern: new RegExp(`${START}\\d{17}[\\dXx]${END}`, 'g') },
  { kind: 'id-number', pattern: new RegExp(`${START}\\d{15}${END}`, 'g') },
  // Mobiles as people write them: 13812341234, 138 1234 1234, 138-1234-1234, +86 138…
  { kind: 'phone', pattern: new RegExp(`${START}(?:\\+?86[- ]?)?1[3-9]\\d(?:[- ]?\\d{4}){2}${END}`, 'g') },
  // Landlines with the area code (010, 02x, or four digits): 023-47651042, 02347651042.
  { kind: 'phone', pattern: new RegExp(`${START}0(?:10|2\\d|[3-9]\\d{2})[- ]?\\d{7,8}${END}`, 'g') },
]

function digitsOf(kind: PersonalDataKind, text: string): string {
  const digits = text.replace(/[^0-9Xx]/g, '').toUpperCase()
  return kind === 'phone' && digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits
}

/** Every phone and ID-number-like run in a value (strings, numbers and keys, at any depth). */
export function findPersonalData(value: unknown, at = ''): PersonalDataHit[] {
  const hits: PersonalDataHit[] = []
  const visit = (node: unknown, where: string, depth: number): void => {
    if (depth > 200) return
    if (typeof node === 'string') scanText(node, where, hits)
    else if (typeof node === 'number' && Number.isFinite(node)) scanText(String(node), where, hits)
    else if (Array.isArray(node)) node.forEach((item, index) => visit(item, `${where}[${index}]`, depth + 1))
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const path = where ? `${where}.${key}` : key
        scanText(key, `${path} (key)`, hits)
        visit(child, path, depth + 1)
      }
    }
  }
  visit(value, at, 0)
  return hits
}

function scanText(raw: string, at: string, hits: PersonalDataHit[]): void {
  if (!/\d{7}/.test(raw.replace(/[-\s]/g, '')) && !/[\uff10-\uff19]/.test(raw)) return
  const text = raw.normalize('NFKC')
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) hits.push({ kind, text: match[0], digits: digitsOf(kind, match[0]), at })
  }
}

// ---------------------------------------------------------------- the harness database, read-only

interface StoredUser {
  _id: string
  roles?: string[]
  townId?: string | null
  villageId?: string | null
}

/** A record that holds a number: who wrote it and where it belongs. */
interface Holder {
  collection: string
  id: string
  townId: string | null
  villageId: string | null
  /** A visit's author (user id). */
  authorId: string | null
  /** A household's creator (openid). */
  createdBy: string | null
  /** A named tip's sender (user id). */
  reporterId: string | null
  /** A tip's receipt hash: whoever presents the receipt sent it. */
  receiptHash: string | null
  /** A data request's requester (user id). */
  requesterId: string | null
}

/**
 * Reads the local CloudBase's SQLite file with a second, read-only connection
 * (WAL lets it see every commit the server acknowledged). Opened on the first
 * number found, so replies without one cost no query.
 */
export class PersonalDataReader {
  private db: Database.Database | null = null

  constructor(private readonly dataDir: string) {}

  private connection(): Database.Database {
    if (!this.db) this.db = new Database(path.join(this.dataDir, 'local.db'), { readonly: true, fileMustExist: true })
    return this.db
  }

  private rows(sql: string, ...params: unknown[]): Record<string, unknown>[] {
    try {
      const texts = this.connection().prepare(sql).pluck().all(...params) as string[]
      return texts.map((text) => JSON.parse(text) as Record<string, unknown>)
    } catch (error) {
      // A collection the test never created holds nothing.
      if (/no such table/.test((error as Error).message)) return []
      throw error
    }
  }

  user(openid: string): StoredUser | null {
    return (this.rows('SELECT data FROM c_users WHERE id = ?', userIdFor(openid))[0] as unknown as StoredUser | undefined) ?? null
  }

  /**
   * A town's name, region and hotlines are what its residents are shown:
   * whatever office typed there (any run of digits) is public. (The fuzz
   * types the same numbers into activities, which it reaches first, and into
   * the town's name.)
   */
  townTexts(): Set<string> {
    const found = new Set<string>()
    for (const town of this.rows('SELECT data FROM c_towns')) {
      for (const hit of findPersonalData([town.name, town.region, town.hotlines])) found.add(hit.digits)
    }
    // And what it was shown before (the audit trail of 修改镇（街道）信息 keeps the old name).
    for (const entry of this.rows("SELECT data FROM c_audit WHERE json_extract(data, '$.action') = 'admin.saveTown'")) {
      for (const hit of findPersonalData(entry.detail)) found.add(hit.digits)
    }
    return found
  }

  /** Town hotlines and the villages' police officers: work numbers anyone may call. */
  publicNumbers(): Set<string> {
    const numbers = new Set<string>()
    for (const digits of this.townTexts()) numbers.add(digits)
    for (const village of this.rows('SELECT data FROM c_villages')) {
      for (const hit of findPersonalData((village.policeOfficer as { phone?: unknown } | undefined)?.phone)) numbers.add(hit.digits)
    }
    // What office and police published for everyone to read (a station's number, a scammer's number to beware of).
    for (const article of this.rows("SELECT data FROM c_articles WHERE json_extract(data, '$.status') = 'published'")) {
      for (const hit of findPersonalData([article.title, article.summary, article.keyPoints, article.body])) numbers.add(hit.digits)
    }
    return numbers
  }

  /** Visits, households, activities and key places holding the number anywhere (phone, 其他内容, 活动内容, corrections…). */
  holders(digits: string): Holder[] {
    const like = `%${digits.slice(-4)}%`
    const holders: Holder[] = []
    // An article not (or no longer) published is seen by the office and police of its town only.
    for (const collection of ['visits', 'households', 'tips', 'dataRequests', 'articles', 'activities', 'keyPlaces']) {
      for (const doc of this.rows(`SELECT data FROM "c_${collection}" WHERE data LIKE ?`, like)) {
        if (!findPersonalData(doc).some((hit) => hit.digits === digits)) continue
        holders.push({
          collection,
          id: String(doc._id),
          townId: typeof doc.townId === 'string' ? doc.townId : null,
          villageId: typeof doc.villageId === 'string' ? doc.villageId : null,
          authorId: typeof doc.authorId === 'string' ? doc.authorId : null,
          createdBy: typeof doc.createdBy === 'string' ? doc.createdBy : null,
          reporterId: typeof doc.reporterId === 'string' ? doc.reporterId : null,
          receiptHash: typeof doc.receiptHash === 'string' ? doc.receiptHash : null,
          requesterId: typeof doc.requesterId === 'string' ? doc.requesterId : null,
        })
      }
    }
    return holders
  }

  close(): void {
    if (this.db?.open) this.db.close()
    this.db = null
  }
}

// ---------------------------------------------------------------- entitlement

export interface ScanContext {
  /** The caller's openid; null for a caller without WeChat identity. */
  openid: string | null
  /** What the caller sent: a number nobody's record holds may be echoed back to its sender. */
  event?: unknown
  reader: PersonalDataReader
}

/** The hits in `reply` the caller may not see, with the reason for each. */
export function personalDataLeaks(reply: unknown, context: ScanContext): PersonalDataLeak[] {
  const hits = findPersonalData(reply)
  if (hits.length === 0) return []
  const { reader, openid } = context
  const user = openid ? reader.user(openid) : null
  const roles = user?.roles ?? (openid ? ['resident'] : [])
  const who = `${openid ?? '(no openid)'} (roles ${roles.join(',') || 'none'})`
  const townWide = roles.includes('office') || roles.includes('police')
  let publicNumbers: Set<string> | null = null
  let townTexts: Set<string> | null = null
  let sent: Set<string> | null = null
  const holders = new Map<string, Holder[]>()

  let presented: Set<string> | null = null
  const presentedReceipts = (): Set<string> => (presented ??= receiptHashesIn(context.event))
  const entitledToTip = (holder: Holder): boolean =>
    (roles.includes('police') && holder.townId !== null && user?.townId === holder.townId) ||
    (holder.reporterId !== null && holder.reporterId === user?._id) ||
    (holder.receiptHash !== null && presentedReceipts().has(holder.receiptHash))
  const entitled = (holder: Holder): boolean => {
    if (holder.collection === 'tips') return entitledToTip(holder)
    if (holder.collection === 'dataRequests') {
      return (holder.requesterId !== null && holder.requesterId === user?._id) || (roles.includes('office') && holder.townId !== null && user?.townId === holder.townId)
    }
    return (
      Boolean(user) &&
      ((holder.authorId !== null && holder.authorId === user?._id) ||
        (holder.createdBy !== null && holder.createdBy === openid) ||
        (roles.includes('cadre') && holder.villageId !== null && user?.villageId === holder.villageId) ||
        (townWide && holder.townId !== null && user?.townId === holder.townId))
    )
  }

  const leaks: PersonalDataLeak[] = []
  for (const hit of hits) {
    publicNumbers ??= reader.publicNumbers()
    if (hit.kind === 'phone' && publicNumbers.has(hit.digits)) continue
    townTexts ??= reader.townTexts()
    if (townTexts.has(hit.digits)) continue
    if (!holders.has(hit.digits)) holders.set(hit.digits, reader.holders(hit.digits))
    const held = holders.get(hit.digits) ?? []
    if (held.length > 0) {
      if (held.some(entitled)) continue
      const records = held.map((h) => `${h.collection} ${h.id} (village ${h.villageId}, author ${h.authorId ?? h.createdBy})`).join(', ')
      leaks.push({ ...hit, why: `held by ${records}; ${who} is not its author, a cadre of its village, nor office/police of its town (a tip: police of its town, its sender or the holder of its receipt)` })
      continue
    }
    sent ??= new Set(findPersonalData(context.event).map((h) => h.digits))
    if (sent.has(hit.digits) || townWide) continue
    leaks.push({ ...hit, why: `no record holds it and the caller did not send it; only office/police may see such a number, not ${who}` })
  }
  return leaks
}

/** The receipt hashes of every receipt-code-like string the caller sent (tips.mine, tips.addEvidence). */
function receiptHashesIn(event: unknown): Set<string> {
  const hashes = new Set<string>()
  const visit = (node: unknown, depth: number): void => {
    if (depth > 50) return
    if (typeof node === 'string') {
      const receipt = normaliseReceipt(node)
      if (receipt.length === RECEIPT_LENGTH && process.env.TIP_SECRET) hashes.add(receiptHash(receipt))
    } else if (Array.isArray(node)) node.forEach((item) => visit(item, depth + 1))
    else if (node && typeof node === 'object') Object.values(node).forEach((child) => visit(child, depth + 1))
  }
  visit(event, 0)
  return hashes
}

/** Thrown by the harness's `call` when a reply carries what its caller may not see. */
export class PersonalDataLeakError extends Error {
  constructor(
    readonly label: string,
    readonly reply: unknown,
    readonly leaks: PersonalDataLeak[],
  ) {
    super(`${label}: the reply carries personal data the caller may not see:\n${leaks.map((leak) => `  ${leak.kind} "${leak.text}" at ${leak.at}: ${leak.why}`).join('\n')}`)
    this.name = 'PersonalDataLeakError'
  }
}

export function assertNoPersonalDataLeak(label: string, reply: unknown, context: ScanContext): void {
  const leaks = personalDataLeaks(reply, context)
  if (leaks.length > 0) throw new PersonalDataLeakError(label, reply, leaks)
}
