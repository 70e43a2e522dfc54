import { Button } from '@tarojs/components'
import type { ReactNode } from 'react'
import './big-button.css'

export interface BigButtonProps {
  children: ReactNode
  onClick?: () => void
  /** Shows progress and ignores taps until the action is done. */
  loading?: boolean
  /** What the button says while loading, e.g. 正在提交…. */
  loadingText?: string
  disabled?: boolean
  kind?: 'primary' | 'secondary' | 'danger'
  /** Sits in a row with other buttons instead of filling the width. */
  inline?: boolean
  className?: string
  id?: string
}

export function BigButton({
  children,
  onClick,
  loading = false,
  loadingText = '请稍候…',
  disabled = false,
  kind = 'primary',
  inline = false,
  className = '',
  id,
}: BigButtonProps) {
  const busy = disabled || loading
  const classes = ['big-button', `big-button--${kind}`, inline ? 'big-button--inline' : '', busy ? 'big-button--busy' : '', className]
  return (
    <Button
      id={id}
      className={classes.filter(Boolean).join(' ')}
      // Only set when true: Taro's H5 button is a web component, where
      // disabled="false" still matches [disabled] and greys the button out.
      // Its loading icon is left to weapp: on H5 the web component inserts
      // the icon before the text React has just replaced, and throws.
      loading={(loading && process.env.TARO_ENV !== 'h5') || undefined}
      disabled={busy || undefined}
      onClick={() => {
        if (!loading && !disabled) onClick?.()
      }}
    >
      {loading ? loadingText : children}
    </Button>
  )
}
