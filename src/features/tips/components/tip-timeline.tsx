import { Text, View } from '@tarojs/components'
import { formatShanghai } from '../../../../domain/dates'
import { REWARD_LABELS, TIP_STATUS_LABELS, type TipEventView, type TipStatus } from '../../../../domain/tips'
import './tips.css'

export function StatusBadge({ status, id }: { status: TipStatus; id?: string }) {
  return (
    <Text className={`tip-status tip-status--${status}`} id={id}>
      {TIP_STATUS_LABELS[status]}
    </Text>
  )
}

function stepTitle(step: TipEventView): string {
  if (step.kind === 'submitted') return '举报已提交'
  if (step.kind === 'status' && step.status) return TIP_STATUS_LABELS[step.status]
  if (step.kind === 'reward' && step.reward) return `举报奖励：${REWARD_LABELS[step.reward.state]} ${step.reward.amount}元`
  return '处理说明'
}

/** A tip's steps, oldest first; police also see internal notes and who took each step. */
export function TipTimeline({ steps, idPrefix }: { steps: readonly TipEventView[]; idPrefix: string }) {
  return (
    <View className='tip-timeline' id={`${idPrefix}-timeline`}>
      {steps.map((step, index) => (
        <View className='tip-step' key={`${step.at}-${index}`} id={`${idPrefix}-step-${index}`}>
          <Text className='tip-step__when'>
            {formatShanghai(new Date(step.at), 'M月D日 HH:mm')}
            {step.by ? ` · ${step.by}` : ''}
          </Text>
          <Text className='tip-step__what'>{stepTitle(step)}</Text>
          {step.note ? <Text className='tip-step__note'>{step.note}</Text> : null}
          {step.public === false ? <Text className='tip-step__internal'>（内部记录，举报人看不到）</Text> : null}
        </View>
      ))}
    </View>
  )
}
