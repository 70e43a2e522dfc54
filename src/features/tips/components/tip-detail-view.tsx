import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { formatShanghai } from '../../../../domain/dates'
import type { ReplyError } from '../../../../domain/errors'
import { IDENTIFIER_LABELS } from '../../../../domain/tip-identifiers'
import {
  REWARD_LABELS,
  REWARD_STATES,
  TIP_KIND_LABELS,
  TIP_STATUS_LABELS,
  TRANSFER_LABELS,
  type RevealedTip,
  type RewardState,
  type TipDetail,
  type TipStatus,
} from '../../../../domain/tips'
import { BigButton } from '../../../components/big-button'
import { CheckList } from '../../../components/check-list'
import { ChoiceList } from '../../../components/choice-list'
import { ErrorView, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { InfoRow } from '../../../components/info-row'
import { Loading } from '../../../components/loading'
import { PhoneCallButton } from '../../../components/phone-call-button'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { useWrite } from '../../../hooks/use-write'
import { getTip, revealTip, rewardTip, updateTip } from '../api'
import { StatusBadge, TipTimeline } from './tip-timeline'
import '../../../components/form-field.css'
import './tip-queue.css'
import './tips.css'

/** A tip for police: what was sent, the tipster's contact and the evidence on a tap each (audited), its steps, and the next step. */
export function TipDetailView({ tipId }: { tipId: string }) {
  const load = useCallback(() => getTip(tipId), [tipId])
  const tip = useRead(load)
  if (tip.error) return <ErrorView error={tip.error} onRetry={tip.reload} retrying={tip.loading} />
  if (!tip.data) return <Loading />
  const detail = tip.data
  const changed = (next: TipDetail) => tip.setData(() => next)
  return (
    <View id='tip-detail'>
      <View className='card tip-card'>
        <View className='tip-card__head'>
          <Text className='tip-card__reference' id='tip-detail-reference'>
            {detail.reference}
          </Text>
          <StatusBadge status={detail.status} id='tip-detail-status' />
        </View>
        {detail.urgent ? <Text className='tip-badge'>紧急：24小时内已转账，先止付</Text> : null}
        <InfoRow label='提交时间' value={formatShanghai(new Date(detail.createdAt), 'YYYY-MM-DD HH:mm')} />
        <InfoRow label='诈骗类型' value={TIP_KIND_LABELS[detail.kind]} />
        <InfoRow label='发生日期' value={detail.happenedOn} />
        <InfoRow label='是否转账' value={TRANSFER_LABELS[detail.transfer]} />
        {detail.amountLost > 0 ? <InfoRow label='损失金额' value={`${detail.amountLost}元`} /> : null}
        <InfoRow label='所在村（社区）' value={detail.villageName ?? '未填写'} />
        {detail.reward ? <InfoRow label='举报奖励' value={`${REWARD_LABELS[detail.reward.state]} ${detail.reward.amount}元`} /> : null}
      </View>
      <Section title='事情经过'>
        <View className='card'>
          <Text className='text-block' id='tip-detail-story'>
            {detail.story}
          </Text>
        </View>
      </Section>
      {detail.identifiers.length > 0 ? (
        <Section title='对方号码或账号'>
          <View className='card' id='tip-detail-identifiers'>
            {detail.identifiers.map((identifier, index) => (
              <InfoRow key={index} label={IDENTIFIER_LABELS[identifier.kind]} value={identifier.value} />
            ))}
            {detail.identifiers.some((identifier) => identifier.kind === 'url') ? <Text className='tip-warning'>网址可能是诈骗网站：请勿在手机上直接打开。</Text> : null}
          </View>
        </Section>
      ) : null}
      <Section title='举报人'>
        <Reveal tip={detail} what='contact' />
      </Section>
      <Section title='证据图片'>
        <Reveal tip={detail} what='evidence' />
      </Section>
      <Section title='处理记录'>
        <TipTimeline steps={detail.timeline} idPrefix='tip-detail' />
      </Section>
      <Section title='处理' id='tip-handle'>
        <StepForm tip={detail} onChanged={changed} />
      </Section>
      {detail.status !== 'submitted' && detail.status !== 'rejected' && detail.reward?.state !== 'paid' ? (
        <Section title='举报奖励' id='tip-reward'>
          <RewardForm tip={detail} onChanged={changed} />
        </Section>
      ) : null}
    </View>
  )
}

/** The contact or the evidence, asked for on a tap: the server records each view. */
function Reveal({ tip, what }: { tip: TipDetail; what: 'contact' | 'evidence' }) {
  const [shown, setShown] = useState<RevealedTip | null>(null)
  const [error, setError] = useState<ReplyError | null>(null)
  const [busy, setBusy] = useState(false)
  if (what === 'contact' && !tip.hasContact) {
    return (
      <View className='card'>
        <Text className='text-block'>匿名举报：没有举报人的任何信息。举报人凭回执码查看进度，领奖时出示回执码。</Text>
      </View>
    )
  }
  if (what === 'evidence' && tip.evidence.received === 0) {
    return (
      <View className='card'>
        <Text className='text-block'>{tip.evidence.expected > 0 ? `举报人说有${tip.evidence.expected}张图片，还没有收到。` : '没有证据图片。'}</Text>
      </View>
    )
  }
  const ask = async () => {
    setBusy(true)
    setError(null)
    const reply = await revealTip(tip.id, what)
    setBusy(false)
    if (reply.ok) setShown(reply.data)
    else setError(reply.error)
  }
  if (shown?.what === 'contact') {
    return (
      <View className='card' id='tip-contact'>
        <InfoRow label='姓名' value={shown.contact.name} />
        <PhoneCallButton label='联系电话' number={shown.contact.phone} />
      </View>
    )
  }
  if (shown?.what === 'evidence') {
    const urls = shown.images.flatMap((image) => (image.url ? [image.url] : []))
    return (
      <View className='card' id='tip-evidence'>
        <View className='tip-evidence'>
          {shown.images.map((image) =>
            image.url ? (
              <Image key={image.index} className='tip-evidence__image' src={image.url} mode='aspectFit' onClick={() => void Taro.previewImage({ urls, current: image.url as string }).catch(() => undefined)} />
            ) : (
              <Text key={image.index} className='text-block muted'>
                第{image.index + 1}张暂时打不开
              </Text>
            ),
          )}
        </View>
        <Text className='text-block muted'>链接2小时内有效。点图片可放大。</Text>
      </View>
    )
  }
  return (
    <View className='card'>
      <Text className='text-block muted'>{what === 'contact' ? '实名举报。' : `共${tip.evidence.received}张（举报人说有${tip.evidence.expected}张）。`}查看会被记录在案。</Text>
      <BigButton kind='secondary' id={`tip-reveal-${what}`} loading={busy} loadingText='正在打开…' onClick={() => void ask()}>
        {what === 'contact' ? '查看举报人联系方式' : '查看证据图片'}
      </BigButton>
      {error ? <InlineError error={error} /> : null}
    </View>
  )
}

function StepForm({ tip, onChanged }: { tip: TipDetail; onChanged: (tip: TipDetail) => void }) {
  const [status, setStatus] = useState<TipStatus | undefined>()
  const [note, setNote] = useState('')
  const [internal, setInternal] = useState(false)
  const [problem, setProblem] = useState('')
  const send = useCallback((input: Parameters<typeof updateTip>[0], requestId: string) => updateTip(input, requestId), [])
  const write = useWrite(send)
  const save = async () => {
    setProblem('')
    if (!status && !note.trim()) return setProblem('请选择新的状态，或填写处理说明')
    if (status === 'rejected' && (!note.trim() || internal)) return setProblem('不予受理请写明原因（会告诉举报人）')
    const reply = await write.run({ tipId: tip.id, status, note: note.trim(), notePublic: !internal })
    if (!reply.ok) return
    setStatus(undefined)
    setNote('')
    onChanged(reply.data)
  }
  return (
    <View className='card' id='tip-step-form'>
      {tip.next.length > 0 ? (
        <FormField label='改为' name='status'>
          <ChoiceList choices={tip.next.map((next) => ({ value: next, label: TIP_STATUS_LABELS[next] }))} value={status} onChange={setStatus} idPrefix='tip-next' />
        </FormField>
      ) : (
        <Text className='text-block muted'>已办结，可以继续添加处理说明。</Text>
      )}
      <FormField label='处理说明' name='note' error={problem} hint={internal ? '内部记录：举报人看不到。' : '会告诉举报人（实名的会收到微信通知）。'}>
        <Textarea className='tip-textarea' id='tip-note' value={note} maxlength={300} autoHeight placeholder='例如：已联系银行止付，请保持电话畅通' onInput={(event) => setNote(event.detail.value)} />
      </FormField>
      <CheckList choices={[{ value: 'internal', label: '只作内部记录，不告诉举报人' }]} values={internal ? ['internal'] : []} onChange={(next) => setInternal(next.length > 0)} idPrefix='tip-note' />
      <BigButton id='tip-step-save' loading={write.pending} loadingText='正在保存…' onClick={() => void save()}>
        {status ? `改为「${TIP_STATUS_LABELS[status]}」` : '添加处理说明'}
      </BigButton>
      {write.error ? <InlineError error={write.error} onRetry={write.error.code === 'NETWORK' ? () => void save() : undefined} /> : null}
    </View>
  )
}

function RewardForm({ tip, onChanged }: { tip: TipDetail; onChanged: (tip: TipDetail) => void }) {
  const [state, setState] = useState<RewardState>(tip.reward?.state === 'proposed' ? 'paid' : 'proposed')
  const [amount, setAmount] = useState(tip.reward ? String(tip.reward.amount) : '')
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState('')
  const send = useCallback((input: Parameters<typeof rewardTip>[0], requestId: string) => rewardTip(input, requestId), [])
  const write = useWrite(send)
  const save = async () => {
    setProblem('')
    if (!/^\d{1,7}$/.test(amount) || Number(amount) < 1) return setProblem('请填写奖励金额（整数元）')
    const reply = await write.run({ tipId: tip.id, state, amount: Number(amount), note: note.trim(), notePublic: true })
    if (reply.ok) onChanged(reply.data)
  }
  return (
    <View className='card' id='tip-reward-form'>
      <ChoiceList choices={REWARD_STATES.map((value) => ({ value, label: REWARD_LABELS[value] }))} value={state} onChange={setState} idPrefix='tip-reward-state' />
      <FormField label='奖励金额（元）' name='reward-amount' error={problem}>
        <Input className='text-input' id='tip-reward-amount' type='number' maxlength={7} value={amount} onInput={(event) => setAmount(event.detail.value)} />
      </FormField>
      <FormField label='奖励说明（会告诉举报人）' name='reward-note'>
        <Input className='text-input' id='tip-reward-note' maxlength={200} value={note} placeholder='例如：请带回执码到派出所领取' onInput={(event) => setNote(event.detail.value)} />
      </FormField>
      <BigButton kind='secondary' id='tip-reward-save' loading={write.pending} loadingText='正在保存…' onClick={() => void save()}>
        保存奖励记录
      </BigButton>
      {write.error ? <InlineError error={write.error} /> : null}
    </View>
  )
}
