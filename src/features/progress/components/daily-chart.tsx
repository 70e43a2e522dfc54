import { Text, View } from '@tarojs/components'
import type { DayVisits } from '../../../../domain/progress'
import { monthDay } from '../../../../domain/dates'
import './progress.css'

/** Visits per day as plain bars: no chart library in the package. */
export function DailyChart({ daily }: { daily: DayVisits[] }) {
  const max = Math.max(1, ...daily.map((day) => day.visits))
  const total = daily.reduce((sum, day) => sum + day.visits, 0)
  if (daily.length === 0) return null
  return (
    <View id='daily-chart'>
      <Text className='progress-card__line'>
        近 {Math.round(daily.length / 7)} 周共入户 {total} 次，单日最多 {max === 1 && total === 0 ? 0 : max} 次
      </Text>
      <View className='daily-chart'>
        {daily.map((day) => {
          const weekday = new Date(`${day.day}T00:00:00Z`).getUTCDay()
          return (
            <View
              key={day.day}
              className={`daily-chart__bar${weekday === 0 || weekday === 6 ? ' daily-chart__bar--weekend' : ''}`}
              style={{ height: `${Math.round((day.visits / max) * 100)}%` }}
              aria-label={`${day.day} 入户 ${day.visits} 次`}
            />
          )
        })}
      </View>
      <View className='daily-chart__axis'>
        <Text>{monthDay(daily[0].day)}</Text>
        <Text>{monthDay(daily[daily.length - 1].day)}</Text>
      </View>
    </View>
  )
}
