import { View } from '@tarojs/components'
import type { Progress } from '../../../../domain/coverage'
import './progress.css'

/** Covered share as a bar, with a mark at the target of the milestone in view. */
export function ProgressBar({ progress }: { progress: Progress }) {
  const filled = Math.min(progress.percent, 100)
  const target = progress.milestone ? Math.min(progress.milestone.targetPercent, 100) : null
  return (
    <View className={`progress-bar status--${progress.status}`} aria-label={`已覆盖${progress.percent}%`}>
      <View className='progress-bar__fill' style={{ width: `${filled}%` }} />
      {target !== null ? <View className='progress-bar__target' style={{ left: `${target}%` }} /> : null}
    </View>
  )
}
