import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { addDays, monthDay, shanghaiDay } from '../../../../domain/dates'
import { weekOf, type TipStats } from '../../../../domain/tips'
import { ChoiceList } from '../../../components/choice-list'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getTipStats } from '../api'
import './tip-queue.css'

const PERIODS = [
  { value: 1, label: '本周' },
  { value: 4, label: '近4周' },
  { value: 12, label: '近12周' },
  { value: 52, label: '近一年' },
]

/** 举报统计: how many tips, of which kinds, how far handled, from which villages, week by week; never who, never what. */
export function TipStatsView() {
  const [weeks, setWeeks] = useState(4)
  const today = shanghaiDay()
  const load = useCallback(() => getTipStats({ from: addDays(weekOf(today), -7 * (weeks - 1)), to: today }), [weeks, today])
  const stats = useRead(load)
  return (
    <View id='tip-stats'>
      <ChoiceList choices={PERIODS} value={weeks} onChange={setWeeks} idPrefix='tip-stats-period' />
      {stats.error ? <ErrorView error={stats.error} onRetry={stats.reload} retrying={stats.loading} /> : null}
      {!stats.data && !stats.error ? <Loading /> : null}
      {stats.data ? <Counts stats={stats.data} /> : null}
    </View>
  )
}

function Counts({ stats }: { stats: TipStats }) {
  return (
    <View>
      <Text className='text-block muted'>
        {monthDay(stats.from)}至{monthDay(stats.to)}（按提交时间，状态为现在的处理情况）
      </Text>
      <View className='card tip-totals' id='tip-stats-totals'>
        <Total number={stats.total} label='举报总数' id='tip-stats-total' />
        <Total number={stats.urgent} label='其中紧急' />
      </View>
      <Bars title='按诈骗类型' rows={stats.byKind.map((row) => ({ label: row.label, count: row.count }))} id='tip-stats-kind' />
      <Bars title='按处理状态' rows={stats.byStatus.map((row) => ({ label: row.label, count: row.count }))} id='tip-stats-status' />
      <Bars title='按村（社区）' rows={stats.byVillage.map((row) => ({ label: row.name, count: row.count }))} id='tip-stats-village' />
      <Bars title='按周' rows={stats.byWeek.map((row) => ({ label: `${monthDay(row.week)}起`, count: row.total }))} id='tip-stats-week' />
    </View>
  )
}

function Total({ number, label, id }: { number: number; label: string; id?: string }) {
  return (
    <View className='tip-total'>
      <Text className='tip-total__number' id={id}>
        {number}
      </Text>
      <Text className='tip-total__label'>{label}</Text>
    </View>
  )
}

function Bars({ title, rows, id }: { title: string; rows: { label: string; count: number }[]; id: string }) {
  const most = Math.max(1, ...rows.map((row) => row.count))
  return (
    <Section title={title} id={id}>
      <View className='card'>
        {rows.length === 0 ? <Text className='text-block muted'>这段时间没有举报。</Text> : null}
        {rows.map((row) => (
          <View className='tip-bar' key={row.label}>
            <Text className='tip-bar__label'>{row.label}</Text>
            <View className='tip-bar__track'>
              <View className='tip-bar__fill' style={{ width: `${Math.round((row.count / most) * 100)}%` }} />
            </View>
            <Text className='tip-bar__count'>{row.count}</Text>
          </View>
        ))}
      </View>
    </Section>
  )
}
