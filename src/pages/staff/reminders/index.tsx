import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { can } from '../../../../domain/access'
import { ErrorView } from '../../../components/error-view'
import { Loading } from '../../../components/loading'
import { Section } from '../../../components/section'
import { useRead } from '../../../hooks/use-read'
import { getDirectory } from '../../../features/account/api'
import { AccountGate } from '../../../features/account/components/account-gate'
import { useMe } from '../../../features/account/hooks/use-me'
import { getSettings } from '../../../features/reminders/api'
import { ReminderAttempts } from '../../../features/reminders/components/reminder-attempts'
import { ReminderSendPanel } from '../../../features/reminders/components/reminder-send-panel'
import { ReminderSettingsForm } from '../../../features/reminders/components/reminder-settings-form'
import { RemindersIntro } from '../../../features/reminders/components/reminders-intro'

function RemindersTool() {
  const directory = useRead(getDirectory)
  const settings = useRead(getSettings)
  const [sends, setSends] = useState(0)
  return (
    <>
      <RemindersIntro />
      <Section title='立即提醒' id='reminders-now'>
        {directory.error ? <ErrorView error={directory.error} onRetry={directory.reload} retrying={directory.loading} /> : null}
        {directory.data ? <ReminderSendPanel units={directory.data.units} onSent={() => setSends((n) => n + 1)} /> : directory.error ? null : <Loading />}
      </Section>
      <Section title='发送记录' id='reminders-record'>
        <ReminderAttempts version={sends} />
      </Section>
      <Section title='提醒设置' id='reminders-settings'>
        {settings.error ? <ErrorView error={settings.error} onRetry={settings.reload} retrying={settings.loading} /> : null}
        {settings.data ? <ReminderSettingsForm initial={settings.data} onSaved={(saved) => settings.setData(() => saved)} /> : settings.error ? null : <Loading />}
      </Section>
    </>
  )
}

/** 督导提醒 (镇反诈办): remind unit heads whose villages lag, see every attempt, change the settings. */
export default function RemindersPage() {
  const account = useMe()
  return (
    <View className='page' id='reminders-page'>
      <AccountGate account={account}>
        {(me) =>
          can(me.roles, 'remindUnits') ? (
            <RemindersTool />
          ) : (
            <View className='notice' id='reminders-forbidden'>
              <Text>督导提醒由镇反诈办发送。单位负责人会在「我的 → 消息」和微信里收到提醒。</Text>
            </View>
          )
        }
      </AccountGate>
    </View>
  )
}
