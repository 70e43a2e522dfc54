import type { Database } from '../cloud'
import { collection } from '../collections'

export interface AuditEntry {
  townId: string | null
  /** openid of who did it, or `system` for timers. */
  actor: string
  /** `<function>.<action>`, e.g. `account.createInvite`. */
  action: string
  target: string
  detail?: Record<string, unknown>
}

export async function recordAudit(db: Database, entry: AuditEntry, at = new Date()): Promise<void> {
  await collection(db, 'audit').add({ ...entry, detail: entry.detail ?? {}, at })
}

export interface AuditDoc extends AuditEntry {
  _id: string
  detail: Record<string, unknown>
  at: Date
}

/**
 * A town's audit trail, newest first, a page at a time (`before` is the last
 * entry's instant), optionally one actor's and within from..to. Read only:
 * no function edits or removes an audit record.
 */
export async function listAudit(
  db: Database,
  query: { townId: string; actor?: string; action?: string; from?: Date; to?: Date; before?: Date; limit: number },
): Promise<AuditDoc[]> {
  const _ = db.command
  const where: Record<string, unknown> = { townId: query.townId }
  if (query.actor) where.actor = query.actor
  if (query.action) where.action = query.action
  const upTo = [query.to, query.before].filter((instant): instant is Date => Boolean(instant)).sort((a, b) => a.getTime() - b.getTime())[0]
  if (query.from && upTo) where.at = _.gte(query.from).and(_.lt(upTo))
  else if (query.from) where.at = _.gte(query.from)
  else if (upTo) where.at = _.lt(upTo)
  const { data } = await collection(db, 'audit').where(where).orderBy('at', 'desc').limit(query.limit).get()
  return data as AuditDoc[]
}

/**
 * The actions whose audit record carries a file made for download
 * (detail.fileID): the retention purge finds the files through them. A roster
 * uploaded for import holds residents' data too.
 */
export const FILE_ACTIONS = ['progress.bulletinExport', 'progress.exportArchive', 'activities.exportArchive', 'tips.export', 'households.commitImport'] as const

/** A town's records of made files after `after` and before `before`, oldest first (index townId+action+at). */
export async function listExportsSince(db: Database, query: { townId: string; after: Date | null; before: Date; limit: number }): Promise<AuditDoc[]> {
  const _ = db.command
  const at = query.after ? _.and(_.gt(query.after), _.lt(query.before)) : _.lt(query.before)
  const { data } = await collection(db, 'audit')
    .where({ townId: query.townId, action: _.in([...FILE_ACTIONS]), at })
    .orderBy('at', 'asc')
    .limit(query.limit)
    .get()
  return data as AuditDoc[]
}
