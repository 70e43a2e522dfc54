import { placeShare, placesProgress } from '../../domain/activities'
import { shanghaiDay } from '../../domain/dates'
import { callerTownId } from '../_lib/access'
import { AppError } from '../../domain/errors'
import { buildBulletin, type Bulletin, type BulletinRequest } from '../../domain/bulletin'
import { type ExportedFile } from '../../domain/files'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { listPlaceCoverage, listPlaceTotals } from '../_lib/repos/activities'
import { recordAudit } from '../_lib/repos/audit'
import { toSummary } from '../_lib/repos/campaigns'
import { bulletinWorkbook } from './bulletin-file'
import { editedAt, resolveCampaign, townPlaces } from './campaign'
import { coverageDocs } from './counters'
import { storeExport } from './files'

/** The town's bulletin for from..to, from the counters: the campaign is the one under way at the period's end. */
export async function bulletin(db: Database, caller: Caller, input: BulletinRequest): Promise<Bulletin> {
  const townId = callerTownId(caller)
  const today = shanghaiDay()
  if (input.from > today) throw new AppError('INVALID_INPUT', '开始日期不能晚于今天', 'from')
  const campaign = await resolveCampaign(db, townId, input.campaignId, input.to > today ? today : input.to, editedAt(caller))
  const [{ town, villages }, coverage, placeTotals, placeCoverage] = await Promise.all([
    townPlaces(db, townId, editedAt(caller)),
    coverageDocs(db, { campaignId: campaign._id, townId }),
    listPlaceTotals(db, townId),
    listPlaceCoverage(db, campaign._id, townId),
  ])
  const byVillage = new Map(coverage.map((doc) => [doc.villageId, doc]))
  const totals = new Map(placeTotals.map((doc) => [doc.villageId, doc]))
  const marked = new Map(placeCoverage.map((doc) => [doc.villageId, doc]))
  return buildBulletin({
    townName: town?.name ?? '',
    campaign: toSummary(campaign),
    from: input.from,
    to: input.to,
    today,
    villages: villages.map((village) => ({
      id: village._id,
      name: village.name,
      registered: village.registeredHouseholds,
      covered: byVillage.get(village._id)?.covered ?? 0,
      byDay: byVillage.get(village._id)?.byDay ?? {},
    })),
    places: {
      total: placesProgress({ totals: placeTotals, coverage: placeCoverage }, campaign, today),
      villages: villages
        .filter((village) => (totals.get(village._id)?.total ?? 0) > 0)
        .map((village) => ({ villageId: village._id, villageName: village.name, ...placeShare(totals.get(village._id)?.total ?? 0, marked.get(village._id)?.covered ?? 0) })),
    },
  })
}

export async function exportBulletin(db: Database, caller: Caller, input: BulletinRequest, requestId: string): Promise<ExportedFile> {
  const content = await bulletin(db, caller, input)
  const workbook = bulletinWorkbook(content)
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  const fileName = `${content.title}（${content.period.from}至${content.period.to}）.xlsx`
  const townId = callerTownId(caller)
  const stored = await storeExport(`exports/bulletins/${townId}/${input.from}_${input.to}_${requestId}.xlsx`, buffer, fileName)
  await recordAudit(db, {
    townId,
    actor: caller.openid,
    action: 'progress.bulletinExport',
    target: `${input.from}..${input.to}`,
    detail: { from: input.from, to: input.to, campaignId: content.campaign.id, fileID: stored.fileID },
  })
  return stored
}
