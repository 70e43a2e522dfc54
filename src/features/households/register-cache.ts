import Taro from '@tarojs/taro'
import { normaliseAddress } from '../../../domain/address'
import type { Reply } from '../../../domain/errors'
import type { HouseholdView } from '../../../domain/roster'
import { getRegisterPage } from './api'

// The village's household register kept on the phone, so a cadre finds the
// household at the door without signal. It is stored in pages of 1000 (one
// storage key each: a weapp key holds at most 1 MB), under a new generation
// each refresh, so a refresh cut short leaves the previous copy whole.

const PREFIX = 'household-register-v1'

export interface CachedRegister {
  villageId: string
  /** When the copy was downloaded (ms since epoch). */
  savedAt: number
  households: HouseholdView[]
}

interface Meta {
  savedAt: number
  chunks: number
  total: number
}

const metaKey = (villageId: string) => `${PREFIX}:${villageId}`
const chunkKey = (villageId: string, savedAt: number, index: number) => `${PREFIX}:${villageId}:${savedAt}:${index}`

function readStorage(key: string): unknown {
  try {
    return Taro.getStorageSync(key)
  } catch {
    return ''
  }
}

export function readCachedRegister(villageId: string): CachedRegister | null {
  const meta = readStorage(metaKey(villageId)) as Meta | ''
  if (!meta || typeof meta !== 'object') return null
  const households: HouseholdView[] = []
  for (let index = 0; index < meta.chunks; index += 1) {
    const chunk = readStorage(chunkKey(villageId, meta.savedAt, index))
    if (!Array.isArray(chunk)) return null
    households.push(...(chunk as HouseholdView[]))
  }
  return { villageId, savedAt: meta.savedAt, households }
}

function writeCachedRegister(villageId: string, pages: HouseholdView[][], savedAt: number): void {
  const previous = readStorage(metaKey(villageId)) as Meta | ''
  pages.forEach((page, index) => Taro.setStorageSync(chunkKey(villageId, savedAt, index), page))
  const meta: Meta = { savedAt, chunks: pages.length, total: pages.reduce((sum, page) => sum + page.length, 0) }
  Taro.setStorageSync(metaKey(villageId), meta)
  if (previous && typeof previous === 'object' && previous.savedAt !== savedAt) {
    for (let index = 0; index < previous.chunks; index += 1) {
      try {
        Taro.removeStorageSync(chunkKey(villageId, previous.savedAt, index))
      } catch {
        // A leftover page costs space, not correctness: the meta no longer points at it.
      }
    }
  }
}

/** Downloads the whole register, page by page, and keeps it; `onProgress` hears how many came so far. */
export async function downloadRegister(villageId: string, onProgress?: (loaded: number) => void): Promise<Reply<CachedRegister>> {
  const pages: HouseholdView[][] = []
  let offset: number | null = 0
  let loaded = 0
  while (offset !== null) {
    const reply = await getRegisterPage(villageId, offset)
    if (!reply.ok) return reply
    pages.push(reply.data.households)
    loaded += reply.data.households.length
    onProgress?.(loaded)
    offset = reply.data.nextOffset
  }
  const savedAt = Date.now()
  try {
    writeCachedRegister(villageId, pages, savedAt)
  } catch {
    // Storage full: the register still serves this session from memory.
  }
  return { ok: true, data: { villageId, savedAt, households: pages.flat() } }
}

/**
 * Households matching what the cadre typed: part of the head's name, of the
 * address (also as people write it: 三组12 finds 3组12号), or four or more
 * digits of the phone. Name matches come first.
 */
export function searchHouseholds(households: readonly HouseholdView[], query: string, limit = 20): { hits: HouseholdView[]; more: number } {
  const text = query.normalize('NFKC').replace(/\s/g, '')
  if (!text) return { hits: [], more: 0 }
  const address = normaliseAddress(text)?.key
  const looseAddress = address?.replace(/号$/, '')
  const digits = text.replace(/\D/g, '')
  const scored: { household: HouseholdView; score: number }[] = []
  for (const household of households) {
    let score = 0
    if (household.headName.startsWith(text)) score = 4
    else if (household.headName.includes(text)) score = 3
    else if (household.address.includes(text) || (address && household.address.includes(address))) score = 2
    else if (looseAddress && household.address.includes(looseAddress)) score = 1.5
    else if (digits.length >= 4 && household.phone.replace(/\D/g, '').includes(digits)) score = 1
    if (score > 0) scored.push({ household, score })
  }
  scored.sort((a, b) => b.score - a.score)
  return { hits: scored.slice(0, limit).map((entry) => entry.household), more: Math.max(scored.length - limit, 0) }
}
