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
  /** Where a resident says they live (我的 → 所在村（社区）): their shares of articles count for it. */
  homeVillageId?: string | null
  /** A 区反诈办 user's district. */
  districtId?: string | null
  createdAt: Date
  updatedAt: Date
  /** When this user last changed their town's reference data (villages, units, campaigns): their own reads must not be older (_lib/cache.ts). */
  townEditedAt?: Date
  /** Last sign-in: 镇反诈办 sees who is still active. */
  lastSeenAt?: Date
  /** Failed invite-code attempts in the current window (brute-force guard). */
  inviteFailures?: { count: number; since: Date }
  /** Unread messages in 消息 (the badge on 我的); kept by repos/inbox.ts. */
  unreadMessages?: number
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

/** Users of a town, newest first, a page at a time (`before`: the last one's createdAt); with `roles`, only holders of one of them. */
export async function listTownUsers(db: Database, query: { townId: string; roles?: readonly Role[]; before?: Date; limit: number }): Promise<UserDoc[]> {
  const _ = db.command
  const where: Record<string, unknown> = { townId: query.townId }
  if (query.roles) where.roles = _.in([...query.roles])
  if (query.before) where.createdAt = _.lt(query.before)
  const { data } = await collection(db, 'users').where(where).orderBy('createdAt', 'desc').limit(query.limit).get()
  return data as UserDoc[]
}

/** How many users of the town hold `role`. */
export async function countTownRole(db: Database, townId: string, role: Role): Promise<number> {
  const { total } = await collection(db, 'users').where({ townId, roles: role }).count()
  return Number(total)
}

export async function findUsersByIds(db: Database, ids: readonly string[]): Promise<UserDoc[]> {
  if (ids.length === 0) return []
  const { data } = await collection(db, 'users').where({ _id: db.command.in([...new Set(ids)]) }).limit(1000).get()
  return data as UserDoc[]
}
