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
