import { exportArchiveSchema } from '../../domain/archive'
import { bulletinSchema } from '../../domain/bulletin'
import { dashboardSchema } from '../../domain/progress'
import { recountSchema } from '../../domain/recount'
import { ACCESS } from '../../domain/access'
import { action, defineFunction } from '../_lib/function'
import { exportArchive } from './archive'
import { bulletin, exportBulletin } from './bulletin'
import { dashboard } from './dashboard'
import { districtOverview } from './district'
import { recount } from './recount'

// 进度与通报: progress against the campaign's milestones, bulletins, the
// archive of visit records for the police, and the recount that checks the
// counters everything here reads.
export const main = defineFunction('progress', {
  dashboard: action({
    audience: ACCESS.watchProgress,
    input: dashboardSchema,
    run: ({ db, caller, input }) => dashboard(db, caller, input),
  }),

  bulletin: action({
    audience: ACCESS.publishBulletins,
    input: bulletinSchema,
    run: ({ db, caller, input }) => bulletin(db, caller, input),
  }),

  bulletinExport: action({
    audience: ACCESS.publishBulletins,
    write: true,
    input: bulletinSchema,
    run: ({ db, caller, input, requestId }) => exportBulletin(db, caller, input, requestId),
  }),

  exportArchive: action({
    audience: ACCESS.exportArchive,
    write: true,
    input: exportArchiveSchema,
    run: ({ db, caller, input, requestId }) => exportArchive(db, caller, input, requestId),
  }),

  /** 区级进度: every town of the caller's district, read-only. */
  district: action({
    audience: ACCESS.watchDistrict,
    run: ({ db, caller }) => districtOverview(db, caller),
  }),

  recount: action({
    audience: ACCESS.recount,
    write: true,
    input: recountSchema,
    run: ({ db, caller, input }) => recount(db, caller, input),
  }),
})
