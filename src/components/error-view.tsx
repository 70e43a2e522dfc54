import { Text, View } from '@tarojs/components'
import type { ReplyError } from '../../domain/errors'
import { BigButton } from './big-button'
import './status-view.css'

/** Errors a second try can fix; the others need a changed input or someone's help. */
export function canRetry(error: ReplyError): boolean {
  return error.code === 'NETWORK' || error.code === 'INTERNAL' || error.code === 'RATE_LIMITED'
}

export interface ErrorViewProps {
  error: ReplyError
  /** Offer 重试 (for errors a second try can fix: network, busy server). */
  onRetry?: () => void
  retrying?: boolean
}

// The protocol's messages already say what to do next (检查网络后重试,
// 联系镇反诈办...); the view adds the button that does it.
export function ErrorView({ error, onRetry, retrying = false }: ErrorViewProps) {
  return (
    <View className='status-view status-view--error'>
      <Text className='status-view__title'>没有成功</Text>
      <Text className='status-view__text'>{error.message}</Text>
      {onRetry ? (
        <BigButton onClick={onRetry} loading={retrying} loadingText='正在重试…'>
          重试
        </BigButton>
      ) : null}
    </View>
  )
}

/** A failed write under its form: the message, and a retry when it helps. */
export function InlineError({ error, onRetry }: { error: ReplyError; onRetry?: () => void }) {
  return (
    <View className='inline-error'>
      <Text className='inline-error__text'>{error.message}</Text>
      {onRetry ? (
        <BigButton kind='secondary' inline onClick={onRetry}>
          重试
        </BigButton>
      ) : null}
    </View>
  )
}
