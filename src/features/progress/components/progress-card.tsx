import { Text, View } from '@tarojs/components'
import { STATUS_LABELS, type Progress } from '../../../../domain/coverage'
import { monthDay } from '../../../../domain/dates'
import { ProgressBar } from './progress-bar'
import './progress.css'

export interface ProgressCardProps {
  name: string
  progress: Progress
  today: string
  /** e.g. 本周入户 12 次，新覆盖 9 户 */
  extra?: string
  id?: string
  big?: boolean
}

/** One village, unit or the town: how far, against which milestone, and what it takes to get there. */
export function ProgressCard({ name, progress, today, extra, id, big = false }: ProgressCardProps) {
  const { milestone } = progress
  const toGo = milestone ? Math.max(milestone.targetHouseholds - progress.covered, 0) : 0
  return (
    <View className={`card progress-card status--${progress.status}`} id={id}>
      <View className='progress-card__head'>
        <Text className={big ? 'progress-card__big' : 'progress-card__name'}>{name}</Text>
        <Text className={`status-tag status--${progress.status}`}>{STATUS_LABELS[progress.status]}</Text>
      </View>
      <ProgressBar progress={progress} />
      <Text className='progress-card__line'>
        已覆盖 {progress.covered} / {progress.registered} 户（{progress.percent}%）
      </Text>
      {milestone ? (
        <Text className='progress-card__line'>
          {milestone.passed
            ? `目标期限${monthDay(milestone.day, today)}已过，覆盖 ${milestone.targetPercent}% 还差 ${toGo} 户`
            : toGo === 0
              ? `已达到${monthDay(milestone.day, today)}前 ${milestone.targetPercent}% 的目标`
              : `${monthDay(milestone.day, today)}前要达到 ${milestone.targetPercent}%：还差 ${toGo} 户，剩 ${milestone.daysLeft} 天，每天约 ${progress.neededPerDay} 户`}
        </Text>
      ) : null}
      {extra ? <Text className='progress-card__line'>{extra}</Text> : null}
    </View>
  )
}
