import { Text, View } from '@tarojs/components'
import { monthDay } from '../../../../domain/dates'
import { MESSAGE_TEMPLATES } from '../../../../domain/messages'
import { REASON_LABELS, RECIPIENT_ROLE_LABELS, type PreviewRecipient, type ReminderPreview, type ReminderVillageView } from '../../../../domain/reminders'
import { EmptyView } from '../../../components/coming-soon'
import './reminders.css'

const FIELD_LABELS: Record<keyof typeof MESSAGE_TEMPLATES.reminder.fields, string> = {
  village: '村（社区）',
  progress: '进度',
  deadline: '截止日期',
  advice: '温馨提示',
}

export function villageSummary(village: ReminderVillageView, today: string): string {
  const deadline = village.deadline ? `，${monthDay(village.deadline, today)}前要到 ${village.targetPercent}%，还差 ${village.toGo} 户` : ''
  return `${village.name}（${REASON_LABELS[village.reason]}）：已覆盖 ${village.percent}%${deadline}`
}

/** Whether WeChat will carry it, or only 消息. */
function reachTag(recipient: PreviewRecipient) {
  if (recipient.remindedToday) return <Text className='reminder-tag reminder-tag--warn'>今天已提醒过，不再发送</Text>
  if (recipient.grants > 0) return <Text className='reminder-tag reminder-tag--ok'>微信可收到（还能收 {recipient.grants} 条）</Text>
  return <Text className='reminder-tag reminder-tag--bad'>没有订阅微信提醒：只放入对方的「消息」</Text>
}

function RecipientCard({ recipient, today }: { recipient: PreviewRecipient; today: string }) {
  return (
    <View className='card reminder-card' id={`preview-${recipient.userId}`}>
      <Text className='reminder-card__name'>
        {recipient.name} · {recipient.scopeName}
        {recipient.role === 'cadre' ? `（${RECIPIENT_ROLE_LABELS.cadre}）` : ''}
      </Text>
      <View className='reminder-tags'>{reachTag(recipient)}</View>
      {recipient.villages.map((village) => (
        <Text key={village.id} className='reminder-card__line'>
          {villageSummary(village, today)}
        </Text>
      ))}
      <View className='reminder-message'>
        <Text className='reminder-message__title'>微信里看到的提醒：{MESSAGE_TEMPLATES.reminder.title}</Text>
        {(Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]).map((field) => (
          <View key={field} className='reminder-message__row'>
            <Text className='reminder-message__label'>{FIELD_LABELS[field]}</Text>
            <Text className='reminder-message__value'>{recipient.message[field]}</Text>
          </View>
        ))}
      </View>
      <Text className='reminder-card__line muted'>「消息」里的全文：</Text>
      {recipient.lines.map((line, index) => (
        <Text key={index} className='reminder-card__line'>
          {line.text}
        </Text>
      ))}
    </View>
  )
}

/** Exactly what each person will receive, and who cannot be reached. */
export function ReminderPreviewView({ preview }: { preview: ReminderPreview }) {
  const due = preview.recipients.filter((recipient) => !recipient.remindedToday)
  const wechat = due.filter((recipient) => recipient.grants > 0).length
  return (
    <View id='reminder-preview'>
      {!preview.campaign ? <EmptyView text='还没有开始的入户宣传活动，没有进度可以提醒。' /> : null}
      {preview.quietNow && preview.settings.quietHours ? (
        <View className='notice' id='reminder-quiet'>
          <Text>
            现在是免打扰时段（{preview.settings.quietHours.from}–{preview.settings.quietHours.to}），不能发送。请在 {preview.settings.quietHours.to} 以后再发，或修改下面的提醒设置。
          </Text>
        </View>
      ) : null}
      {preview.campaign ? (
        <Text className='text-block reminder-summary' id='reminder-preview-summary'>
          {due.length > 0
            ? `将提醒 ${due.length} 人：${wechat} 人可以收到微信提醒，${due.length - wechat} 人没有订阅，只放入「消息」。`
            : '现在没有需要提醒的人。'}
          {preview.unitsOnTrack > 0 ? `另有 ${preview.unitsOnTrack} 个单位包联的村（社区）进度正常，不用提醒。` : ''}
        </Text>
      ) : null}
      {preview.unreachable.map((unit) => (
        <View key={unit.unitId || 'none'} className='card reminder-card' id={`unreachable-${unit.unitId || 'none'}`}>
          <Text className='reminder-card__name'>{unit.unitName}：提醒不到</Text>
          <View className='reminder-tags'>
            <Text className='reminder-tag reminder-tag--bad'>{unit.unitId ? '还没有单位负责人的账号' : '这些村（社区）没有包联单位'}</Text>
          </View>
          {unit.villages.map((village) => (
            <Text key={village.id} className='reminder-card__line'>
              {villageSummary(village, preview.today)}
            </Text>
          ))}
          <Text className='reminder-card__line muted'>
            {unit.unitId ? '请在「邀请码管理」给这个单位的负责人发单位负责人邀请码，开通后就能收到提醒。' : '请给这些村（社区）安排包联单位。'}
          </Text>
        </View>
      ))}
      {preview.recipients.map((recipient) => (
        <RecipientCard key={recipient.userId} recipient={recipient} today={preview.today} />
      ))}
    </View>
  )
}
