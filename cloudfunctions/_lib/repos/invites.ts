import type { StaffRole } from '../../../domain/roles'
import type { Database } from '../cloud'
import { collection } from '../collections'

export interface InviteDoc {
  /** The code itself: redeeming reads the invite by id, inside a transaction. */
  _id: string
  townId: string
  role: StaffRole
  villageId: string | null
  unitId: string | null
  note: string
  createdBy: string
  createdAt: Date
  expiresAt: Date
  usedBy: string | null
  usedAt: Date | null
  revokedAt: Date | null
}

export async function findInvite(db: Database, code: string): Promise<InviteDoc | null> {
  const { data } = await collection(db, 'invites').doc(code).get()
  return (data?.[0] as InviteDoc | undefined) ?? null
}

export async function insertInvite(db: Database, invite: InviteDoc): Promise<void> {
  await collection(db, 'invites').add(invite)
}

export async function listRecentInvites(db: Database, townId: string, limit = 200): Promise<InviteDoc[]> {
  const { data } = await collection(db, 'invites').where({ townId }).orderBy('createdAt', 'desc').limit(limit).get()
  return data as InviteDoc[]
}
