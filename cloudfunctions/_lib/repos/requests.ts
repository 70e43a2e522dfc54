import type { Reply } from '../../../domain/errors'
import type { Database } from '../cloud'
import { collection } from '../collections'

/** One client write, keyed by who sent it and its requestId (see idempotency.ts). */
export interface RequestDoc {
  _id: string
  fn: string
  action: string
  openid: string
  payloadHash: string
  state: 'pending' | 'done'
  reply: Reply<unknown> | null
  createdAt: Date
}

export async function findRequest(db: Database, id: string): Promise<RequestDoc | null> {
  const { data } = await collection(db, 'requests').doc(id).get()
  return (data?.[0] as RequestDoc | undefined) ?? null
}

/** Resolves false when another call already claimed this id. */
export async function claimRequest(db: Database, doc: RequestDoc, isDuplicate: (error: unknown) => boolean): Promise<boolean> {
  try {
    await collection(db, 'requests').add(doc)
    return true
  } catch (error) {
    if (isDuplicate(error)) return false
    throw error
  }
}

export async function completeRequest(db: Database, id: string, reply: Reply<unknown>): Promise<void> {
  await collection(db, 'requests').doc(id).update({ state: 'done', reply })
}

export async function releaseRequest(db: Database, id: string): Promise<void> {
  await collection(db, 'requests').doc(id).remove()
}

export async function purgeRequestsBefore(db: Database, before: Date): Promise<number> {
  const _ = db.command
  const { deleted } = await collection(db, 'requests').where({ createdAt: _.lt(before) }).remove()
  return Number(deleted ?? 0)
}
