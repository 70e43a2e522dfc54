import type { Reply } from '../../../domain/errors'
import type { ReminderAttemptView, ReminderPreview, ReminderRunReport, ReminderSettingsView, UpdateReminderSettingsInput } from '../../../domain/reminders'
import { callFunction } from '../../services/cloud'

// 督导提醒 for office: typed calls to the `reminders` function.

const FN = 'reminders'
const scope = (unitId: string | null) => (unitId ? { unitId } : {})

export const getPreview = (unitId: string | null): Promise<Reply<ReminderPreview>> => callFunction<ReminderPreview>(FN, 'preview', scope(unitId))

export const sendReminders = (unitId: string | null, requestId: string): Promise<Reply<ReminderRunReport>> =>
  callFunction<ReminderRunReport>(FN, 'send', scope(unitId), { requestId })

export const getAttempts = (before?: string): Promise<Reply<{ items: ReminderAttemptView[]; next: string | null }>> =>
  callFunction<{ items: ReminderAttemptView[]; next: string | null }>(FN, 'attempts', before ? { before } : {})

export const getSettings = (): Promise<Reply<ReminderSettingsView>> => callFunction<ReminderSettingsView>(FN, 'settings')

export const updateSettings = (input: UpdateReminderSettingsInput, requestId: string): Promise<Reply<ReminderSettingsView>> =>
  callFunction<ReminderSettingsView>(FN, 'updateSettings', input, { requestId })
