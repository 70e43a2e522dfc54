import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { MessageTemplate } from '../../domain/messages'
import { getMessageSettings, subscribeTo } from '../services/subscribe'
import { BigButton } from './big-button'

/**
 * 订阅提醒: one tap asks WeChat for `template` (one message per acceptance) and
 * says how many the user will still receive. Shown at a natural moment: after
 * reading an alert, after submitting a tip, on a unit head's progress page.
 */
export function SubscribeButton({ template, label, id }: { template: MessageTemplate; label: string; id?: string }) {
  const [remaining, setRemaining] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')

  useEffect(() => {
    let live = true
    void getMessageSettings().then((reply) => {
      if (live && reply.ok) setRemaining(reply.data.templates.find((entry) => entry.key === template)?.remaining ?? null)
    })
    return () => {
      live = false
    }
  }, [template])

  const tap = async () => {
    setBusy(true)
    const reply = await subscribeTo([template])
    setBusy(false)
    if (reply === null) setNote('没有订阅。需要时可以再点一次。')
    else if (!reply.ok) setNote(`${reply.error.message}`)
    else {
      setRemaining(reply.data.templates.find((entry) => entry.key === template)?.remaining ?? null)
      setNote('已订阅。有新情况时会通过微信通知你一次。')
    }
  }

  return (
    <View className='subscribe' id={id}>
      <BigButton kind='secondary' loading={busy} loadingText='正在订阅…' onClick={() => void tap()}>
        {label}
      </BigButton>
      <Text className='text-block muted'>
        {note || (remaining === null ? '' : remaining > 0 ? `还可以收到 ${remaining} 条提醒。` : '现在不会收到微信提醒：点上面订阅，每点一次可收一条。')}
      </Text>
    </View>
  )
}
