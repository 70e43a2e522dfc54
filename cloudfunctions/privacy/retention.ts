import type { PurgeReport, RetentionSettings } from '../../domain/privacy'
import { retentionOf } from '../../domain/privacy'
import { AppError } from '../../domain/errors'
import { callerTownId } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { recordAudit } from '../_lib/repos/audit'
import { findTown, updateTown } from '../_lib/repos/places'
import { findPurgeState } from '../_lib/repos/purges'

export interface RetentionView {
  settings: RetentionSettings
  /** What the nightly purge last removed in this town; null before its first run. */
  lastPurge: PurgeReport | null
}

export async function retention(db: Database, caller: Caller): Promise<RetentionView> {
  const townId = callerTownId(caller)
  const [town, state] = await Promise.all([findTown(db, townId), findPurgeState(db, townId)])
  return { settings: retentionOf(town?.retention), lastPurge: state?.lastReport ?? null }
}

export async function saveRetention(db: Database, caller: Caller, input: RetentionSettings): Promise<RetentionView> {
  const townId = callerTownId(caller)
  const town = await findTown(db, townId)
  if (!town) throw new AppError('NOT_FOUND', '没有找到本镇的资料，请联系管理员')
  const before = retentionOf(town.retention)
  await updateTown(db, townId, { retention: input })
  await recordAudit(db, { townId, actor: caller.openid, action: 'privacy.saveRetention', target: townId, detail: { before, after: input } })
  return retention(db, caller)
}
