import { AUDIT_ACTION_LABELS, type AuditPage, type AuditQuery } from '../../domain/admin'
import { callerTownId } from '../_lib/access'
import { startOfShanghaiDay, addDays } from '../../domain/dates'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { decodeCursor } from '../_lib/paging'
import { listAudit } from '../_lib/repos/audit'
import { findUsersByIds, userIdFor } from '../_lib/repos/users'

// 操作记录: who exported what, who viewed a tipster's identity, who changed
// roles or town data. Office reads the town's; police read their own (the
// exports and views they made). Nothing edits or removes a record.

const PAGE_SIZE = 30

export async function auditLog(db: Database, caller: Caller, input: AuditQuery): Promise<AuditPage> {
  const townId = callerTownId(caller)
  const ownOnly = !caller.roles.includes('office')
  const docs = await listAudit(db, {
    townId,
    actor: ownOnly ? caller.openid : undefined,
    action: input.action || undefined,
    from: input.from ? startOfShanghaiDay(input.from) : undefined,
    to: input.to ? startOfShanghaiDay(addDays(input.to, 1)) : undefined,
    before: decodeCursor(input.cursor),
    limit: PAGE_SIZE + 1,
  })
  const page = docs.slice(0, PAGE_SIZE)
  const actors = await findUsersByIds(db, page.map((doc) => userIdFor(doc.actor)))
  const names = new Map(actors.map((user) => [user.openid, user.name]))
  const last = page[page.length - 1]
  return {
    entries: page.map((doc) => ({
      id: doc._id,
      at: new Date(doc.at).toISOString(),
      action: doc.action,
      actionLabel: AUDIT_ACTION_LABELS[doc.action] ?? doc.action,
      actorName: doc.actor === 'system' ? '系统（定时任务）' : names.get(doc.actor) ?? '（已注销的用户）',
      target: doc.target,
      detail: doc.detail,
    })),
    nextCursor: docs.length > PAGE_SIZE && last ? new Date(last.at).toISOString() : null,
  }
}
