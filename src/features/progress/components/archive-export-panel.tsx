import type { PlaceRef } from '../../../../domain/account'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { useRead } from '../../../hooks/use-read'
import { getDashboard } from '../api'
import { ArchiveExport } from './archive-export'

/** The village's archive, from the campaign's first day by default (read from the dashboard). */
export function ArchiveExportPanel({ village }: { village: PlaceRef }) {
  const read = useRead(getDashboard)
  if (read.loading && !read.data) return <Loading />
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} />
  if (!read.data) return null
  return <ArchiveExport village={village} from={read.data.campaign.startDay} />
}
