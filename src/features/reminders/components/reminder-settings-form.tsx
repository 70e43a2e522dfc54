import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { fieldErrors } from '../../../../domain/validate'
import { DEFAULT_TOWN_REMINDER_SETTINGS, updateReminderSettingsSchema, type ReminderSettingsView, type UpdateReminderSettingsInput } from '../../../../domain/reminders'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { canRetry, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { useWrite } from '../../../hooks/use-write'
import { updateSettings } from '../api'
import './reminders.css'

const ON_OFF = [
  { value: 'on', label: '开' },
  { value: 'off', label: '关' },
] as const

/** Big choices instead of a time wheel; the stored value is offered too when it is not one of them. */
const withCurrent = (options: string[], current: string) => (options.includes(current) ? options : [...options, current].sort()).map((value) => ({ value, label: value }))
const QUIET_FROM = ['19:00', '20:00', '21:00', '22:00', '23:00']
const QUIET_TO = ['06:00', '07:00', '08:00', '09:00']
const LEAD_DAYS = [3, 5, 7, 10, 14]

/** 提醒设置: the town's (timer, quiet hours, cadres) and the campaign's (days before a milestone). */
export function ReminderSettingsForm({ initial, onSaved }: { initial: ReminderSettingsView; onSaved: (saved: ReminderSettingsView) => void }) {
  const quiet = initial.settings.quietHours
  const [input, setInput] = useState<UpdateReminderSettingsInput>({
    scheduled: initial.settings.scheduled,
    quietHoursOn: quiet !== null,
    quietFrom: quiet?.from ?? DEFAULT_TOWN_REMINDER_SETTINGS.quietHours?.from ?? '21:00',
    quietTo: quiet?.to ?? DEFAULT_TOWN_REMINDER_SETTINGS.quietHours?.to ?? '08:00',
    includeCadres: initial.settings.includeCadres,
    leadDays: initial.campaign?.leadDays ?? 7,
    ...(initial.campaign ? { campaignId: initial.campaign.id } : {}),
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saved, setSaved] = useState(false)
  const save = useWrite(updateSettings)

  const change = (patch: Partial<UpdateReminderSettingsInput>) => {
    setInput((current) => ({ ...current, ...patch }))
    setSaved(false)
    setErrors({})
  }

  const submit = async () => {
    const found = fieldErrors(updateReminderSettingsSchema, input)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const reply = await save.run(input)
    if (reply.ok) {
      setSaved(true)
      onSaved(reply.data)
    } else if (reply.error.field) setErrors({ [reply.error.field]: reply.error.message })
  }

  const onOff = (value: boolean) => (value ? 'on' : 'off')
  return (
    <View className='card' id='reminder-settings'>
      <FormField label='定时提醒' name='scheduled' hint='每个工作日 9:00 自动提醒；关掉后只能「立即提醒」（之前发送失败的仍会重试）'>
        <ChoiceList choices={ON_OFF} value={onOff(input.scheduled)} onChange={(next) => change({ scheduled: next === 'on' })} idPrefix='reminder-scheduled' />
      </FormField>
      <FormField label='免打扰时段' name='quietHoursOn' hint='这段时间不发提醒（北京时间）'>
        <ChoiceList choices={ON_OFF} value={onOff(input.quietHoursOn)} onChange={(next) => change({ quietHoursOn: next === 'on' })} idPrefix='reminder-quiet' />
      </FormField>
      {input.quietHoursOn ? (
        <>
          <FormField label='从几点开始' name='quietFrom' error={errors.quietFrom}>
            <ChoiceList choices={withCurrent(QUIET_FROM, input.quietFrom)} value={input.quietFrom} onChange={(next) => change({ quietFrom: next })} idPrefix='reminder-quiet-from' />
          </FormField>
          <FormField label='到第二天几点' name='quietTo' error={errors.quietTo}>
            <ChoiceList choices={withCurrent(QUIET_TO, input.quietTo)} value={input.quietTo} onChange={(next) => change({ quietTo: next })} idPrefix='reminder-quiet-to' />
          </FormField>
        </>
      ) : null}
      <FormField label='同时提醒村社干部' name='includeCadres' hint='开：落后村（社区）的村社干部也收到本村的提醒'>
        <ChoiceList choices={ON_OFF} value={onOff(input.includeCadres)} onChange={(next) => change({ includeCadres: next === 'on' })} idPrefix='reminder-cadres' />
      </FormField>
      {initial.campaign ? (
        <FormField label='阶段目标前几天开始提醒' name='leadDays' error={errors.leadDays} hint={`「${initial.campaign.name}」：离阶段目标还有这么多天、还没达标的村（社区），即使进度正常也提醒`}>
          <ChoiceList
            choices={(LEAD_DAYS.includes(input.leadDays) ? LEAD_DAYS : [...LEAD_DAYS, input.leadDays].sort((a, b) => a - b)).map((days) => ({ value: days, label: `${days}天` }))}
            value={input.leadDays}
            onChange={(next) => change({ leadDays: next })}
            idPrefix='reminder-lead'
          />
        </FormField>
      ) : (
        <Text className='text-block muted'>还没有开始的入户宣传活动；活动开始后可以设置阶段目标前几天提醒。</Text>
      )}
      <BigButton onClick={() => void submit()} loading={save.pending} loadingText='正在保存…' id='reminder-settings-save'>
        保存设置
      </BigButton>
      {saved ? (
        <Text className='text-block' id='reminder-settings-saved'>
          已保存，下次提醒按新设置进行。
        </Text>
      ) : null}
      {save.error && !save.error.field ? <InlineError error={save.error} onRetry={canRetry(save.error) ? () => void submit() : undefined} /> : null}
    </View>
  )
}
