import Taro from '@tarojs/taro'
import type { SubmittedTip, SubmitTipInput } from '../../../domain/tips'
import type { TipDraft } from './form/tip-draft'

// What the tips feature keeps on the phone: the draft being written (it
// survives closing the app), a submission under way (the tip, then its
// images one by one; it survives too), and the receipt codes of tips sent
// from this phone, by which 我的举报 finds them (an anonymous tip can be
// found no other way). Nothing here is sent anywhere but to `tips`.

const DRAFT_KEY = 'tip-draft-v1'
const SENDING_KEY = 'tip-sending-v1'
const RECEIPTS_KEY = 'tip-receipts-v1'

function read<T>(key: string): T | null {
  try {
    const stored: unknown = Taro.getStorageSync(key)
    return stored && typeof stored === 'object' ? (stored as T) : null
  } catch {
    return null
  }
}

/** False when the phone refused to keep it (storage full): the caller says so. */
function write(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, value)
    return true
  } catch {
    return false
  }
}

function remove(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // Nothing kept, nothing to remove.
  }
}

export const draftStore = {
  load: (): TipDraft | null => read<TipDraft>(DRAFT_KEY),
  save: (draft: TipDraft): boolean => write(DRAFT_KEY, draft),
  clear: (): void => remove(DRAFT_KEY),
}

/** A tip on its way: sent (or not yet), and which of its images have reached the police. */
export interface Sending {
  requestId: string
  input: SubmitTipInput
  images: string[]
  /** The function's answer, once it came. */
  result: SubmittedTip | null
  uploaded: number[]
  /** Images the function refused, with why (they are not sent again). */
  refused: { index: number; message: string }[]
}

export const sendingStore = {
  load: (): Sending | null => read<Sending>(SENDING_KEY),
  save: (sending: Sending): boolean => write(SENDING_KEY, sending),
  clear: (): void => remove(SENDING_KEY),
}

export interface KeptReceipt {
  receipt: string
  reference: string
  savedAt: number
}

export const receiptStore = {
  list: (): KeptReceipt[] => {
    const stored = read<KeptReceipt[]>(RECEIPTS_KEY)
    return Array.isArray(stored) ? stored.filter((entry) => typeof entry?.receipt === 'string') : []
  },
  add: (entry: KeptReceipt): boolean => {
    const others = receiptStore.list().filter((kept) => kept.receipt !== entry.receipt)
    return write(RECEIPTS_KEY, [entry, ...others].slice(0, 50))
  },
  remove: (receipt: string): void => {
    write(
      RECEIPTS_KEY,
      receiptStore.list().filter((kept) => kept.receipt !== receipt),
    )
  },
}
