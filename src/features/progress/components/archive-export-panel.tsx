import { Text, View } from '@tarojs/components'
import type { Me } from '../../../../domain/account'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { useRead } from '../../../hooks/use-read'
import { getDashboard } from '../api'
import { ArchiveExport } from './archive-export'

/**
 * Who may export which village: a cadre their own; office and police any of
 * the town's (the dashboard lists them, with the campaign's first day).
 */
export function ArchiveExportPanel({ me }: { me: Me }) {
  const read = useRead(getDashboard)
  const townWide = me.roles.includes('office') || me.roles.includes('police')
  if (!townWide && !(me.roles.includes('cadre') && me.village)) {
    return (
      <View className='notice' id='archive-forbidden'>
        <Text>入户记录存档只能由镇反诈办、派出所民警和本村（社区）的村社干部导出。</Text>
      </View>
    )
  }
  if (read.loading && !read.data) return <Loading />
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} />
  if (!read.data) return null
  const villages = townWide
    ? [...read.data.villages].sort((a, b) => a.name.localeCompare(b.name, 'zh')).map(({ id, name }) => ({ id, name }))
    : me.village
      ? [me.village]
      : []
  return <ArchiveExport villages={villages} from={read.data.campaign.startDay} />
}
