import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { Hotline, PlaceRef } from '../../../../domain/account'
import { addDays, type DayString } from '../../../../domain/dates'
import type { ReplyError } from '../../../../domain/errors'
import { MAX_STORY, TIP_KINDS, TRANSFER_LABELS, TRANSFER_STATES, type TransferState } from '../../../../domain/tips'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { fieldOf, firstError, tipDraftErrors, type TipDraft, type TipErrors } from '../form/tip-draft'
import { draftStore } from '../phone-store'
import { EvidencePicker } from './evidence-picker'
import { IdentifierList } from './identifier-list'
import { UrgentPanel } from './urgent-panel'
import '../../../components/form-field.css'
import './tips.css'

const KIND_CHOICES = TIP_KINDS.map((kind) => ({ value: kind.key, label: kind.label }))
const TRANSFER_CHOICES = TRANSFER_STATES.map((state) => ({ value: state, label: TRANSFER_LABELS[state] }))

export interface TipFormProps {
  initial: TipDraft
  today: DayString
  hotlines: readonly Hotline[]
  /** Villages of the town (empty when they could not be loaded: the field is optional). */
  villages: readonly PlaceRef[]
  /** The signed-in user's name, offered for a named tip. */
  userName: string
  /** Sends the tip; a refusal comes back to be shown next to its field. */
  onSubmit: (draft: TipDraft) => Promise<ReplyError | null>
  submitting: boolean
}

/**
 * 网上举报. The first question is whether money has left: if it left within
 * the day, the call to stop it comes first, and the form after. Everything
 * typed is kept on the phone as it is typed.
 */
export function TipForm({ initial, today, hotlines, villages, userName, onSubmit, submitting }: TipFormProps) {
  const [draft, setDraft] = useState<TipDraft>(initial)
  const [errors, setErrors] = useState<TipErrors>({})
  const [tried, setTried] = useState(false)
  const [failure, setFailure] = useState<ReplyError | null>(null)
  const [unsaved, setUnsaved] = useState(false)

  // Taps can come faster than the page re-renders (weapp renders through
  // setData): each change applies to the latest draft, not to the one this render saw.
  const update = (patch: Partial<TipDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    setUnsaved(!draftStore.save(draft))
    // After a first 提交, errors follow the fields as they are fixed.
    if (tried) setErrors(tipDraftErrors(draft, today))
  }, [draft, tried, today])

  useEffect(() => {
    const field = firstError(errors)
    if (field && tried) void Taro.pageScrollTo({ selector: `#field-${field}`, duration: 200 }).catch(() => undefined)
  }, [errors, tried])

  const submit = async () => {
    setTried(true)
    setFailure(null)
    const found = tipDraftErrors(draft, today)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const refusal = await onSubmit(draft)
    if (!refusal) return
    if (refusal.field && refusal.code === 'INVALID_INPUT' && fieldOf(refusal.field) !== 'form') setErrors({ [fieldOf(refusal.field)]: refusal.message })
    else setFailure(refusal)
  }

  const urgentFirst = draft.transfer === 'recent' && !draft.urgentSeen
  const identifierErrors = Object.fromEntries(draft.identifiers.map((_, index) => [index, errors[`identifier-${index}`]]))

  return (
    <View className='tip-form' id='tip-form'>
      <FormField label='钱已经转出去了吗？' name='transfer' error={errors.transfer}>
        <ChoiceList<TransferState> choices={TRANSFER_CHOICES} value={draft.transfer ?? undefined} onChange={(transfer) => update({ transfer })} idPrefix='tip-transfer' />
      </FormField>
      {draft.transfer === 'recent' ? <UrgentPanel hotlines={hotlines} onContinue={draft.urgentSeen ? undefined : () => update({ urgentSeen: true })} /> : null}
      {draft.transfer === 'earlier' ? (
        <View className='notice' id='tip-earlier'>
          <Text>请尽快带上转账记录和身份证到派出所报案。下面的网上举报可以先把情况告诉民警。</Text>
        </View>
      ) : null}
      {draft.transfer === null || urgentFirst ? null : (
        <View>
          <FormField label='是哪一类诈骗？' name='kind' error={errors.kind} hint='拿不准就选“其他”。'>
            <ChoiceList choices={KIND_CHOICES} value={draft.kind ?? undefined} onChange={(kind) => update({ kind })} idPrefix='tip-kind' />
          </FormField>

          <FormField label='发生了什么？' name='story' error={errors.story} hint='对方怎么联系您、说了什么、让您做什么。'>
            <Textarea
              className='tip-textarea'
              id='tip-story'
              value={draft.story}
              maxlength={MAX_STORY}
              autoHeight
              placeholder='例如：有人打电话自称公安局，说我的银行卡涉嫌洗钱……'
              onInput={(event) => update({ story: event.detail.value })}
            />
            <Text className='tip-count'>
              {[...draft.story].length}/{MAX_STORY}
            </Text>
          </FormField>

          <HappenedOnField value={draft.happenedOn} today={today} error={errors.happenedOn} onChange={(happenedOn) => update({ happenedOn })} />

          <IdentifierList rows={draft.identifiers} onChange={(change) => setDraft((current) => ({ ...current, identifiers: change(current.identifiers) }))} errors={identifierErrors} error={errors.identifiers} />

          {draft.transfer !== 'none' ? (
            <FormField label='损失金额（元）' name='amountLost' error={errors.amountLost}>
              <Input className='text-input' id='tip-amount' type='number' maxlength={8} value={draft.amountLost} placeholder='例如 3000' onInput={(event) => update({ amountLost: event.detail.value })} />
            </FormField>
          ) : null}

          <EvidencePicker images={draft.images} onChange={(change) => setDraft((current) => ({ ...current, images: change(current.images) }))} error={errors.evidence} />

          {villages.length > 0 ? (
            <FormField label='您住在哪个村（社区）？（可不填）' name='villageId' error={errors.villageId} hint='只用于统计各村的情况。村子小、又匿名举报的，可以不填。'>
              <ChoiceList
                choices={[{ value: '', label: '不填' }, ...villages.map((village) => ({ value: village.id, label: village.name }))]}
                value={draft.villageId ?? ''}
                onChange={(villageId) => update({ villageId: villageId || null })}
                idPrefix='tip-village'
              />
            </FormField>
          ) : null}

          <ContactField draft={draft} userName={userName} errors={errors} onChange={update} />

          {unsaved ? (
            <View className='notice' id='tip-unsaved'>
              <Text>手机存储空间不足，这份举报没能保存在手机上：关闭小程序前请先提交。</Text>
            </View>
          ) : null}
          {failure ? <InlineError error={failure} /> : null}
          <BigButton id='tip-submit' loading={submitting} loadingText='正在提交…' onClick={() => void submit()}>
            提交举报
          </BigButton>
          <Text className='tip-explain'>填写的内容会自动保存在手机上，关闭小程序后回来可以接着填。</Text>
        </View>
      )}
    </View>
  )
}

function HappenedOnField({ value, today, error, onChange }: { value: DayString; today: DayString; error?: string; onChange: (day: DayString) => void }) {
  const quick = [
    { value: today, label: '今天' },
    { value: addDays(today, -1), label: '昨天' },
    { value: addDays(today, -2), label: '前天' },
  ]
  const isQuick = quick.some((choice) => choice.value === value)
  return (
    <FormField label='什么时候发生的？' name='happenedOn' error={error}>
      <ChoiceList choices={quick} value={isQuick ? value : undefined} onChange={onChange} idPrefix='tip-day' />
      <Picker mode='date' value={value} end={today} onChange={(event) => onChange(String(event.detail.value))}>
        <View className='form-field__picker' id='tip-day-other'>
          <Text>{isQuick ? '更早的日期 ›' : `已选：${value}（点此修改）`}</Text>
        </View>
      </Picker>
    </FormField>
  )
}

function ContactField({ draft, userName, errors, onChange }: { draft: TipDraft; userName: string; errors: TipErrors; onChange: (patch: Partial<TipDraft>) => void }) {
  const choose = (mode: 'anonymous' | 'named') => {
    if (mode === 'anonymous') onChange({ anonymous: true })
    else onChange({ anonymous: false, contactName: draft.contactName || (userName === '微信用户' ? '' : userName) })
  }
  return (
    <View>
      <FormField label='匿名举报，还是留下联系方式？' name='contact' error={errors.contact}>
        <ChoiceList
          choices={[
            { value: 'anonymous', label: '匿名举报' },
            { value: 'named', label: '留下联系方式' },
          ]}
          value={draft.anonymous === null ? undefined : draft.anonymous ? 'anonymous' : 'named'}
          onChange={choose}
          idPrefix='tip-contact'
        />
        {draft.anonymous === true ? (
          <Text className='tip-explain' id='tip-anonymous-explain'>
            匿名举报不保存您的微信身份、姓名和电话，民警无法联系您，也不会发微信通知给您。提交后会给您一个回执码：请抄下来，凭它在「我的举报」查看进度、领取奖励。
          </Text>
        ) : null}
        {draft.anonymous === false ? (
          <Text className='tip-explain'>只有派出所民警能看到您的联系方式，他们可能打电话向您核实情况。有进展时可以微信通知您。</Text>
        ) : null}
      </FormField>
      {draft.anonymous === false ? (
        <View>
          <FormField label='您的姓名' name='contact-name' error={errors['contact-name']}>
            <Input className='text-input' id='tip-contact-name' maxlength={20} value={draft.contactName} placeholder='怎么称呼您' onInput={(event) => onChange({ contactName: event.detail.value })} />
          </FormField>
          <FormField label='您的电话' name='contact-phone' error={errors['contact-phone']}>
            <Input className='text-input' id='tip-contact-phone' type='number' maxlength={13} value={draft.contactPhone} placeholder='手机号或座机号' onInput={(event) => onChange({ contactPhone: event.detail.value })} />
          </FormField>
        </View>
      ) : null}
    </View>
  )
}
