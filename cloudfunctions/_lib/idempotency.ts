import { createHash } from 'crypto'
import { fail, type Reply } from '../../domain/errors'
import type { Database } from './cloud'
import { isDuplicateKeyError } from './db-errors'
import { claimRequest, completeRequest, findRequest, releaseRequest, type RequestDoc } from './repos/requests'

// A write runs once per (caller, requestId). The first call claims the id by
// inserting a pending record (the insert is atomic: a racing duplicate fails);
// it stores its successful reply, which every retry then receives unchanged.
// A refused or failed write releases its claim: nothing was written, so the
// client may fix the input and send it again under the same id.

const WAIT_FOR_FIRST_MS = 8000
const POLL_MS = 40
/** A claim this old was left by a call that died mid-way; a retry takes over. */
const STALE_CLAIM_MS = 60_000

export interface WriteKey {
  fn: string
  action: string
  openid: string
  requestId: string
  payload: unknown
}

export async function runOnce(
  db: Database,
  key: WriteKey,
  execute: () => Promise<Reply<unknown>>,
): Promise<Reply<unknown>> {
  const id = requestDocId(key)
  const payloadHash = hash(JSON.stringify(key.payload ?? null))
  const deadline = Date.now() + WAIT_FOR_FIRST_MS

  for (;;) {
    const existing = await findRequest(db, id)
    if (existing) {
      if (existing.payloadHash !== payloadHash) {
        return fail('CONFLICT', '这个请求编号已用于另一条内容，请刷新后重新提交', 'requestId')
      }
      if (existing.state === 'done' && existing.reply) return existing.reply
      if (Date.now() - new Date(existing.createdAt).getTime() > STALE_CLAIM_MS) {
        await releaseRequest(db, id)
        continue
      }
      // Not a refusal: the same write is under way; the client should simply retry.
      if (Date.now() > deadline) return fail('RATE_LIMITED', '上一次提交还在处理中，请稍后再试')
      await sleep(POLL_MS)
      continue
    }

    const claim: RequestDoc = {
      _id: id,
      fn: key.fn,
      action: key.action,
      openid: key.openid,
      payloadHash,
      state: 'pending',
      reply: null,
      createdAt: new Date(),
    }
    if (!(await claimRequest(db, claim, isDuplicateKeyError))) continue

    let reply: Reply<unknown>
    try {
      reply = await execute()
    } catch (error) {
      await releaseRequest(db, id).catch(() => undefined)
      throw error
    }
    if (reply.ok) await completeRequest(db, id, reply)
    else await releaseRequest(db, id)
    return reply
  }
}

function requestDocId(key: WriteKey): string {
  return `r_${hash(`${key.fn}\u0000${key.action}\u0000${key.openid}\u0000${key.requestId}`).slice(0, 40)}`
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
