import { createHash, createHmac } from 'crypto'
import { AppError } from '../../domain/errors'
import { RECEIPT_ALPHABET, RECEIPT_LENGTH } from '../../domain/tips'

// Everything that could tie a tip to its sender is keyed by TIP_SECRET, a
// secret in the function's environment and never in the database: the tip's
// id and receipt code come from the client's requestId through it (so a
// retry finds the same tip, with no request log holding the caller's OPENID),
// and the per-person rate-limit counters are named through it (so no counter
// names a person). Without the secret, nothing in the database maps a tip to
// anyone; README, 线索举报, says what it does and does not protect against.

const MIN_SECRET_LENGTH = 32

let warned = false

function secret(): string {
  const value = process.env.TIP_SECRET ?? ''
  if (value.length >= MIN_SECRET_LENGTH) return value
  if (!warned) {
    // Says what is missing, never a value.
    console.error(`[tips] TIP_SECRET is not set (or shorter than ${MIN_SECRET_LENGTH} characters): tips cannot be accepted or looked up`)
    warned = true
  }
  throw new AppError('INTERNAL', '网上举报暂时不可用，请直接拨打上面的电话举报')
}

function mac(purpose: string, value: string): Buffer {
  return createHmac('sha256', secret()).update(`${purpose}\u0000${value}`).digest()
}

/** The tip a requestId makes: a retry lands on the same id. */
export function tipIdFor(requestId: string): string {
  return `tp_${mac('tip', requestId).toString('hex').slice(0, 32)}`
}

/** The 回执码 handed to the sender of the tip a requestId makes (80 bits, in an unambiguous alphabet). */
export function receiptFor(requestId: string): string {
  const bytes = mac('receipt', requestId)
  let receipt = ''
  for (let i = 0; i < RECEIPT_LENGTH; i += 1) receipt += RECEIPT_ALPHABET[bytes[i] % RECEIPT_ALPHABET.length]
  return receipt
}

/** What the tip stores of its receipt code: the code itself is only on the sender's phone. */
export function receiptHash(receipt: string): string {
  return mac('receipt-hash', receipt).toString('hex')
}

/** A rate-limit counter's id for one person and one window: names nobody without the secret. */
export function limitIdFor(openid: string, window: string): string {
  return `tl_${mac('limit', `${openid}\u0000${window}`).toString('hex').slice(0, 32)}`
}

/** A tip's content, to tell a retry from another tip sent under the same requestId. */
export function contentHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32)
}
