import { ACCESS } from '../../domain/access'
import { previewRemindersSchema, reminderAttemptsSchema, sendRemindersSchema, updateReminderSettingsSchema, type ReminderRunReport } from '../../domain/reminders'
import { action, defineFunction } from '../_lib/function'
import { listTowns } from '../_lib/repos/places'
import { listAttempts, previewReminders, readSettings, sendReminders, updateSettings } from './office'
import { emptyReport, remindTown } from './run'

const COUNTS = ['sent', 'noGrant', 'refused', 'failed', 'alreadyToday', 'unreachableUnits', 'retried'] as const

// 督导提醒: on its timer (config.json: weekdays 09:00 Asia/Shanghai) every
// town's unit heads whose villages lag are reminded; office can look first,
// remind now, read the record of every attempt and change the settings.
export const main = defineFunction(
  'reminders',
  {
    preview: action({
      audience: ACCESS.remindUnits,
      input: previewRemindersSchema,
      run: ({ db, caller, input }) => previewReminders(db, caller, input),
    }),

    send: action({
      audience: ACCESS.remindUnits,
      write: true,
      input: sendRemindersSchema,
      run: ({ db, caller, input }) => sendReminders(db, caller, input),
    }),

    attempts: action({
      audience: ACCESS.remindUnits,
      input: reminderAttemptsSchema,
      run: ({ db, caller, input }) => listAttempts(db, caller, input),
    }),

    settings: action({
      audience: ACCESS.remindUnits,
      run: ({ db, caller }) => readSettings(db, caller),
    }),

    updateSettings: action({
      audience: ACCESS.remindUnits,
      write: true,
      input: updateReminderSettingsSchema,
      run: ({ db, caller, input }) => updateSettings(db, caller, input),
    }),
  },
  {
    // Every town of the deployment, one after another; a town that fails does not stop the others.
    onTimer: async ({ db, now }) => {
      const towns = await listTowns(db, 1000)
      const { skipped: _none, ...counts } = emptyReport('')
      const total = { ...counts, towns: towns.length, skippedTowns: {} as Record<string, number>, failedTowns: [] as string[] }
      for (const town of towns) {
        let report: ReminderRunReport
        try {
          report = await remindTown(db, town, { now, trigger: 'timer' })
        } catch (error) {
          console.error('[reminders] the run of a town failed', town._id, error)
          total.failedTowns.push(town._id)
          continue
        }
        total.day = report.day
        if (report.skipped) total.skippedTowns[report.skipped] = (total.skippedTowns[report.skipped] ?? 0) + 1
        for (const key of COUNTS) total[key] += report[key]
      }
      return total
    },
  },
)
