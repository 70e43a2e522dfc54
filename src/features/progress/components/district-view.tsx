import { Text, View } from '@tarojs/components'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getDistrict } from '../api'
import { ProgressCard } from './progress-card'
import './progress.css'

/** 区级进度: each town against its own milestones, those needing help first, and the district's totals. */
export function DistrictView() {
  const read = useRead(getDistrict)
  if (read.error && !read.data) return <ErrorView error={read.error} onRetry={read.reload} retrying={read.loading} />
  if (!read.data) return <Loading />
  const { towns, total, today } = read.data
  return (
    <View id='district-view'>
      <View className='card' id='district-total'>
        <Text className='progress-card__big'>全区合计</Text>
        <Text className='progress-card__line'>
          {towns.length} 个镇（街道），已覆盖 {total.covered} / {total.registered} 户（{total.percent}%）
        </Text>
        <Text className='progress-card__line muted'>各镇按自己的入户宣传活动和阶段目标计算；这里只有汇总数字，没有任何一户的信息。</Text>
      </View>
      <Section title='各镇（街道）' id='district-towns'>
        {towns.length === 0 ? <EmptyView text='本区县还没有镇（街道）使用。' /> : null}
        {towns.map((town) =>
          town.progress ? (
            <ProgressCard key={town.id} id={`district-town-${town.id}`} name={town.name} progress={town.progress} today={today} extra={`${town.villages} 个村（社区）· ${town.campaign?.name ?? ''}`} />
          ) : (
            <View key={town.id} className='card' id={`district-town-${town.id}`}>
              <Text className='progress-card__name'>{town.name}</Text>
              <Text className='progress-card__line muted'>还没有设置入户宣传活动。</Text>
            </View>
          ),
        )}
      </Section>
    </View>
  )
}
