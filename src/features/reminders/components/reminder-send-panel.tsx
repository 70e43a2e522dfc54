import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { PlaceRef } from '../../../../domain/account'
import type { ReplyError } from '../../../../domain/errors'
import type { ReminderPreview, ReminderRunReport } from '../../../../domain/reminders'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { canRetry, ErrorView, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { useWrite } from '../../../hooks/use-write'
import { getPreview, sendReminders } from '../api'
import { ReminderPreviewView } from './reminder-preview-view'
import './reminders.css'

const ALL = 'all'

export function reportText(report: ReminderRunReport): string {
  const reached = report.sent + report.noGrant + report.refused + report.failed
  const parts = [`已提醒 ${reached} 人：微信送达 ${report.sent} 人`]
  if (report.noGrant + report.refused > 0) parts.push(`没有订阅或拒收微信提醒的 ${report.noGrant + report.refused} 人已放入「消息」`)
  if (report.failed > 0) parts.push(`微信发送失败 ${report.failed} 人（已放入「消息」，下次定时提醒时重试）`)
  const tail = report.alreadyToday > 0 ? `今天已提醒过的 ${report.alreadyToday} 人没有再发。` : ''
  return `${parts.join('，')}。${tail}`
}

/** 立即提醒: pick all lagging units or one, look at exactly what goes out, then send. */
export function ReminderSendPanel({ units, onSent }: { units: readonly PlaceRef[]; onSent: () => void }) {
  const [scope, setScope] = useState<string>(ALL)
  const [preview, setPreview] = useState<ReminderPreview | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const [previewError, setPreviewError] = useState<ReplyError | null>(null)
  const [report, setReport] = useState<ReminderRunReport | null>(null)
  const send = useWrite((unitId: string | null, requestId: string) => sendReminders(unitId, requestId))
  const unitId = scope === ALL ? null : scope

  const look = async () => {
    setPreviewing(true)
    setPreviewError(null)
    const reply = await getPreview(unitId)
    setPreviewing(false)
    if (reply.ok) setPreview(reply.data)
    else setPreviewError(reply.error)
  }

  const confirm = async () => {
    const reply = await send.run(unitId)
    if (!reply.ok) return
    setReport(reply.data)
    onSent()
    await look()
  }

  const due = preview?.recipients.filter((recipient) => !recipient.remindedToday).length ?? 0
  return (
    <View id='reminder-send'>
      <View className='card'>
        <FormField label='提醒谁' name='unitId' hint='只提醒有村（社区）落后或阶段目标临近未达标的单位'>
          <ChoiceList
            choices={[{ value: ALL, label: '全部需要提醒的单位' }, ...units.map((unit) => ({ value: unit.id, label: unit.name }))]}
            value={scope}
            onChange={(next) => {
              setScope(next)
              setPreview(null)
              setReport(null)
              send.clearError()
            }}
            idPrefix='reminder-unit'
          />
        </FormField>
        <BigButton kind='secondary' loading={previewing} loadingText='正在核对各村进度…' onClick={() => void look()} id='reminder-preview-button'>
          {preview ? '重新预览' : '预览提醒内容'}
        </BigButton>
      </View>
      {previewError ? <ErrorView error={previewError} onRetry={canRetry(previewError) ? () => void look() : undefined} retrying={previewing} /> : null}
      {report ? (
        <View className='notice reminder-summary' id='reminder-report'>
          <Text>{reportText(report)}</Text>
        </View>
      ) : null}
      {preview ? <ReminderPreviewView preview={preview} /> : null}
      {preview && due > 0 && !preview.quietNow ? (
        <BigButton loading={send.pending} loadingText={`正在提醒 ${due} 人…`} onClick={() => void confirm()} id='reminder-send-button'>
          确认提醒这 {due} 人
        </BigButton>
      ) : null}
      {send.error ? <InlineError error={send.error} onRetry={canRetry(send.error) ? () => void confirm() : undefined} /> : null}
    </View>
  )
}
