import type { Reply } from '../../../domain/errors'
import type { ArchiveExport } from '../../../domain/archive'
import type { Bulletin } from '../../../domain/bulletin'
import type { ExportedFile } from '../../../domain/files'
import type { Dashboard, DistrictOverview } from '../../../domain/progress'
import type { RecountReport } from '../../../domain/recount'
import { callFunction } from '../../services/cloud'

export interface Period {
  from: string
  to: string
}

export const getDashboard = (campaignId?: string): Promise<Reply<Dashboard>> =>
  callFunction<Dashboard>('progress', 'dashboard', campaignId ? { campaignId } : {})

export const getBulletin = (period: Period): Promise<Reply<Bulletin>> => callFunction<Bulletin>('progress', 'bulletin', period)

export const exportBulletin = (period: Period, requestId: string): Promise<Reply<ExportedFile>> =>
  callFunction<ExportedFile>('progress', 'bulletinExport', period, { requestId })

export const exportArchive = (payload: Period & { villageId: string }, requestId: string): Promise<Reply<ArchiveExport>> =>
  callFunction<ArchiveExport>('progress', 'exportArchive', payload, { requestId })

/** Recounts the town, or one village (to finish what a town-wide call left pending). */
export const recount = (villageId: string | null, requestId: string): Promise<Reply<RecountReport>> =>
  callFunction<RecountReport>('progress', 'recount', villageId ? { villageId } : {}, { requestId })

/** 区级进度: every town of the caller's district. */
export const getDistrict = (): Promise<Reply<DistrictOverview>> => callFunction<DistrictOverview>('progress', 'district')
