import { createHash } from 'crypto'
import type { Role } from '../../../domain/roles'
import type { Database } from '../cloud'
import { collection } from '../collections'

export interface UserDoc {
  _id: string
  openid: string
  name: string
  roles: Role[]
  townId: string | null
  villageId: string | null
  unitId: string | null
  createdAt: Date
  updatedAt: Date
  /** Failed invite-code attempts in the current window (brute-force guard). */
  inviteFailures?: { count: number; since: Date }
}

// The id is derived from the openid, so two first calls racing each other
// cannot create two users: the second insert collides on _id.
export function userIdFor(openid: string): string {
  return `u_${createHash('sha256').update(openid).digest('hex').slice(0, 24)}`
}

export async function findUserByOpenid(db: Database, openid: string): Promise<UserDoc | null> {
  const { data } = await collection(db, 'users').doc(userIdFor(openid)).get()
  return (data?.[0] as UserDoc | undefined) ?? null
}

export async function insertUser(db: Database, user: UserDoc): Promise<void> {
  await collection(db, 'users').add(user)
}

export async function updateUser(db: Database, userId: string, patch: Partial<Omit<UserDoc, '_id'>>): Promise<void> {
  await collection(db, 'users').doc(userId).update(patch)
}
