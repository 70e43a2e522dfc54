import { Input, Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import { IDENTIFIER_LABELS } from '../../../../domain/tip-identifiers'
import { formatReceipt, normaliseReceipt, receiptSchema, REWARD_LABELS, TIP_KIND_LABELS, type MyTip } from '../../../../domain/tips'
import { parseInput } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { EmptyView } from '../../../components/coming-soon'
import { ErrorView } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getMyTips } from '../api'
import { receiptStore } from '../phone-store'
import { StatusBadge, TipTimeline } from './tip-timeline'
import '../../../components/form-field.css'
import './tips.css'

/**
 * 我的举报: the signed-in user's named tips, and every tip whose receipt code
 * this phone keeps (an anonymous one can be found no other way). A code from
 * another phone can be typed in; a kept one can be forgotten.
 */
export function MyTipsView() {
  const [receipts, setReceipts] = useState(() => receiptStore.list().map((kept) => kept.receipt))
  const load = useCallback(() => getMyTips(receipts), [receipts])
  const mine = useRead(load)

  const forget = (receipt: string) => {
    receiptStore.remove(receipt)
    setReceipts((current) => current.filter((kept) => kept !== receipt))
  }

  return (
    <View id='my-tips'>
      <ReceiptLookup
        onFound={(receipt, reference) => {
          receiptStore.add({ receipt, reference, savedAt: Date.now() })
          setReceipts((current) => [receipt, ...current.filter((kept) => kept !== receipt)])
        }}
      />
      <Section title='举报记录' id='my-tips-list'>
        {mine.error ? <ErrorView error={mine.error} onRetry={mine.reload} retrying={mine.loading} /> : null}
        {!mine.data && !mine.error ? <Loading /> : null}
        {mine.data && mine.data.tips.length === 0 ? <EmptyView text='还没有举报记录。在「举报」页提交的举报会出现在这里；匿名举报请输入回执码查询。' /> : null}
        {mine.data?.tips.map((tip) => <MyTipCard key={tip.reference} tip={tip} onForget={forget} />)}
      </Section>
    </View>
  )
}

function MyTipCard({ tip, onForget }: { tip: MyTip; onForget: (receipt: string) => void }) {
  const [open, setOpen] = useState(false)
  const id = `my-tip-${tip.reference}`
  return (
    <View className='card tip-card' id={id}>
      <View className='tip-card__head'>
        <Text className='tip-card__reference'>{tip.reference}</Text>
        <StatusBadge status={tip.status} id={`${id}-status`} />
      </View>
      <Text className='text-block muted'>
        {TIP_KIND_LABELS[tip.kind]} · {formatShanghai(new Date(tip.createdAt), 'YYYY年M月D日 HH:mm')}提交 · {tip.anonymous ? '匿名' : '实名'}
      </Text>
      {tip.evidence.expected > 0 ? (
        <Text className='text-block muted'>
          证据图片：已收到 {tip.evidence.received}/{tip.evidence.expected} 张
        </Text>
      ) : null}
      {tip.reward ? (
        <Text className='text-block' id={`${id}-reward`}>
          举报奖励：{REWARD_LABELS[tip.reward.state]} {tip.reward.amount}元
        </Text>
      ) : null}
      <TipTimeline steps={tip.timeline} idPrefix={id} />
      {open ? (
        <View className='tip-card'>
          <Text className='text-block'>{tip.story}</Text>
          {tip.identifiers.map((identifier, index) => (
            <Text className='text-block muted' key={index}>
              {IDENTIFIER_LABELS[identifier.kind]}：{identifier.value}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='button-row'>
        <BigButton kind='secondary' inline onClick={() => setOpen(!open)}>
          {open ? '收起' : '看我写的内容'}
        </BigButton>
        {tip.receipt ? (
          <BigButton kind='secondary' inline id={`${id}-forget`} onClick={() => onForget(tip.receipt as string)}>
            不在本机保存
          </BigButton>
        ) : null}
      </View>
    </View>
  )
}

/** Looks a tip up by a receipt code typed in (from another phone, or written down). */
function ReceiptLookup({ onFound }: { onFound: (receipt: string, reference: string) => void }) {
  const [text, setText] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const look = async () => {
    const parsed = parseInput(receiptSchema, text)
    if (!parsed.ok) return setError(parsed.error.message)
    setBusy(true)
    setError('')
    const reply = await getMyTips([parsed.value])
    setBusy(false)
    if (!reply.ok) return setError(reply.error.message)
    const found = reply.data.tips.find((tip) => tip.receipt === parsed.value)
    if (!found) return setError('没有找到这个回执码对应的举报，请核对后重新输入')
    setText('')
    onFound(parsed.value, found.reference)
  }

  return (
    <Section title='用回执码查询' id='receipt-lookup'>
      <FormField label='回执码（16位字母和数字）' name='receipt' error={error}>
        <Input
          className='text-input'
          id='receipt-input'
          maxlength={19}
          value={text}
          placeholder='例如 ABCD-EFGH-JKMN-PQRS'
          onInput={(event) => setText(formatReceipt(normaliseReceipt(event.detail.value)).slice(0, 19))}
        />
      </FormField>
      <BigButton kind='secondary' id='receipt-look-up' loading={busy} loadingText='正在查询…' onClick={() => void look()}>
        查询
      </BigButton>
    </Section>
  )
}
