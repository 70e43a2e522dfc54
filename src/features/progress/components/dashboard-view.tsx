import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Dashboard } from '../../../../domain/progress'
import { monthDay } from '../../../../domain/dates'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getDashboard } from '../api'
import { DailyChart } from './daily-chart'
import { PlacesCard } from './places-card'
import { ProgressCard } from './progress-card'
import './progress.css'

const SCOPE_NOTE: Record<Dashboard['scope'], string> = {
  town: '全镇各村（社区），需要帮扶的排在前面',
  unit: '本单位包联的村（社区），需要帮扶的排在前面',
  village: '本村（社区）',
}

/**
 * 进度看板: the scope's total, this week, eight weeks of visits, then every
 * village, most in need first. `focusVillageId` (a reminder's link) puts that
 * village first, under its own heading.
 */
export function DashboardView({ footer, focusVillageId }: { footer?: ReactNode; focusVillageId?: string }) {
  const read = useRead(getDashboard)
  if (read.loading && !read.data) return <Loading text='正在统计进度…' />
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} />
  const dashboard = read.data
  if (!dashboard) return null
  const { thisWeek, today } = dashboard
  const focus = dashboard.scope !== 'village' ? dashboard.villages.find((village) => village.id === focusVillageId) : undefined
  return (
    <View id='dashboard'>
      <Text className='progress-card__line muted'>
        {dashboard.campaign.name} · 统计到{monthDay(today)}
      </Text>
      {focus ? (
        <Section title={`${focus.name}的进度`} id='dashboard-focus'>
          <ProgressCard
            id={`focus-${focus.id}`}
            name={focus.name}
            progress={focus.progress}
            today={today}
            extra={`本周入户 ${focus.visitsThisWeek} 次，新覆盖 ${focus.newlyCoveredThisWeek} 户${focus.unitName ? ` · ${focus.unitName}` : ''}`}
          />
        </Section>
      ) : null}
      <ProgressCard id='dashboard-total' name={dashboard.scopeName} progress={dashboard.total} today={today} big />
      {dashboard.places ? <PlacesCard places={dashboard.places} /> : null}

      <Section title='本周' id='dashboard-week'>
        <View className='card'>
          <Text className='progress-card__line'>
            {monthDay(thisWeek.from)}以来入户 {thisWeek.visits} 次，新覆盖 {thisWeek.newlyCovered} 户
          </Text>
          <Text className='progress-card__line'>
            已覆盖户数：周一 {thisWeek.coveredAtWeekStart} 户 → 现在 {thisWeek.coveredNow} 户
          </Text>
        </View>
      </Section>

      <Section title='每天入户次数' id='dashboard-daily'>
        <View className='card'>
          <DailyChart daily={dashboard.daily} />
        </View>
      </Section>

      {dashboard.units.length > 0 ? (
        <Section title='各包联单位' id='dashboard-units'>
          {dashboard.units.map((unit) => (
            <ProgressCard key={unit.id} name={`${unit.name}（${unit.villages}个村社）`} progress={unit.progress} today={today} />
          ))}
        </Section>
      ) : null}

      {dashboard.scope !== 'village' ? (
        <Section title='各村（社区）' id='dashboard-villages'>
          <Text className='progress-card__line muted'>{SCOPE_NOTE[dashboard.scope]}</Text>
          {dashboard.villages.map((village) => (
            <ProgressCard
              key={village.id}
              id={`village-${village.id}`}
              name={village.name}
              progress={village.progress}
              today={today}
              extra={`本周入户 ${village.visitsThisWeek} 次，新覆盖 ${village.newlyCoveredThisWeek} 户${village.unitName ? ` · ${village.unitName}` : ''}${village.places?.total ? ` · 重点场所 ${village.places.covered}/${village.places.total} 处` : ''}`}
            />
          ))}
        </Section>
      ) : null}
      {footer}
    </View>
  )
}
