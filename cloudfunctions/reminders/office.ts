import type * as v from 'valibot'
import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { pageCursor, readPageCursor } from '../../domain/inbox'
import {
  inQuietHours,
  leadDaysOf,
  townReminderSettings,
  villageView,
  type PreviewRecipient,
  type ReminderAttemptView,
  type ReminderPreview,
  type ReminderRunReport,
  type ReminderSettingsView,
  type TownReminderSettings,
  type updateReminderSettingsSchema,
} from '../../domain/reminders'
import { signedInUser } from '../_lib/access'
import { clearCache } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import type { Caller } from '../_lib/function'
import { grantsFor } from '../_lib/notify'
import { recordAudit } from '../_lib/repos/audit'
import { listCampaigns } from '../_lib/repos/campaigns'
import { findTown, type TownDoc } from '../_lib/repos/places'
import { listReminders, type ReminderDoc } from '../_lib/repos/reminders'
import { remindWith } from './run'
import { currentCampaign, loadTownState, planFor, type TownState } from './town'

// What office does with reminders: look at exactly what each person would
// receive and who cannot be reached, 立即提醒 one unit or all lagging ones,
// read every attempt's outcome, and change the settings. Office works within
// its own town only.

const ATTEMPTS_PAGE = 30

async function callerTown(db: Database, caller: Caller): Promise<TownDoc> {
  const townId = signedInUser(caller).townId
  const town = townId ? await findTown(db, townId) : null
  if (!town) throw new AppError('FORBIDDEN', '你的账号还没有归属乡镇，请联系管理员')
  return town
}

function requireUnit(state: TownState, unitId: string | undefined): void {
  if (unitId && !state.units.some((unit) => unit._id === unitId)) throw new AppError('NOT_FOUND', '没有找到这个单位', 'unitId')
}

function quietMessage(settings: TownReminderSettings): string {
  const quiet = settings.quietHours
  return `现在是免打扰时段（${quiet?.from}–${quiet?.to}），提醒会打扰对方休息。请在 ${quiet?.to} 以后再发，或在下面的「提醒设置」里调整免打扰时段。`
}

export async function previewReminders(db: Database, caller: Caller, input: { unitId?: string }, now = new Date()): Promise<ReminderPreview> {
  const state = await loadTownState(db, await callerTown(db, caller), now)
  requireUnit(state, input.unitId)
  const plan = state.campaign ? planFor(state, { unitId: input.unitId }) : null
  const everyone = [...(plan?.due ?? []), ...(plan?.remindedToday ?? [])]
  const grants = await grantsFor(
    db,
    everyone.map((planned) => planned.recipient.userId),
    'reminder',
  )
  const reminded = new Set(plan?.remindedToday.map((planned) => planned.recipient.userId))
  const recipients: PreviewRecipient[] = everyone.map(({ recipient, scopeName, villages, content }) => ({
    userId: recipient.userId,
    name: recipient.name,
    role: recipient.role,
    scopeName,
    villages: villages.map(villageView),
    message: content.fields,
    page: content.page,
    title: content.title,
    lines: content.lines,
    grants: grants.get(recipient.userId) ?? 0,
    remindedToday: reminded.has(recipient.userId),
  }))
  return {
    today: state.today,
    campaign: state.campaign ? { id: state.campaign._id, name: state.campaign.name } : null,
    settings: state.settings,
    leadDays: state.leadDays,
    quietNow: inQuietHours(now, state.settings.quietHours),
    recipients,
    unreachable: (plan?.unreachable ?? []).map((unit) => ({ ...unit, villages: unit.villages.map(villageView) })),
    unitsOnTrack: plan?.unitsOnTrack ?? 0,
  }
}

/** 立即提醒: the same run as the timer's, for the caller's town (or one unit of it), now. */
export async function sendReminders(db: Database, caller: Caller, input: { unitId?: string }, now = new Date()): Promise<ReminderRunReport> {
  const town = await callerTown(db, caller)
  const state = await loadTownState(db, town, now)
  requireUnit(state, input.unitId)
  if (inQuietHours(now, state.settings.quietHours)) throw new AppError('CONFLICT', quietMessage(state.settings))
  if (!state.campaign) throw new AppError('NOT_FOUND', '还没有开始的入户宣传活动，没有进度可提醒')
  const report = await remindWith(db, state, { now, trigger: 'manual', requestedBy: caller.openid, unitId: input.unitId })
  await recordAudit(db, { townId: town._id, actor: caller.openid, action: 'reminders.send', target: input.unitId ?? 'all', detail: { ...report } })
  return report
}

function attemptView(doc: ReminderDoc): ReminderAttemptView {
  return {
    id: doc._id,
    day: doc.day,
    at: new Date(doc.createdAt).toISOString(),
    name: doc.name,
    role: doc.role,
    scopeName: doc.scopeName,
    trigger: doc.trigger,
    villages: doc.villages,
    outcome: doc.outcome,
    code: doc.code,
    retryPending: doc.retry && doc.outcome !== 'sending',
    isRetry: Boolean(doc.retryOf),
  }
}

export async function listAttempts(db: Database, caller: Caller, input: { before?: string }): Promise<{ items: ReminderAttemptView[]; next: string | null }> {
  const townId = signedInUser(caller).townId
  if (!townId) throw new AppError('FORBIDDEN', '你的账号还没有归属乡镇，请联系管理员')
  const docs = await listReminders(db, townId, input.before ? readPageCursor(input.before) : null, ATTEMPTS_PAGE + 1)
  const items = docs.slice(0, ATTEMPTS_PAGE).map(attemptView)
  return { items, next: docs.length > ATTEMPTS_PAGE ? pageCursor(items[items.length - 1]) : null }
}

export async function readSettings(db: Database, caller: Caller, now = new Date()): Promise<ReminderSettingsView> {
  const town = await callerTown(db, caller)
  const campaign = currentCampaign(await listCampaigns(db, town._id), shanghaiDay(now))
  return {
    settings: townReminderSettings(town.reminderSettings),
    campaign: campaign ? { id: campaign._id, name: campaign.name, leadDays: leadDaysOf(campaign) } : null,
  }
}

type SettingsRequest = v.InferOutput<typeof updateReminderSettingsSchema>

/**
 * Town settings go on the town document, the lead days on the campaign's:
 * where a town's administration edits the rest of them.
 */
export async function updateSettings(db: Database, caller: Caller, input: SettingsRequest, now = new Date()): Promise<ReminderSettingsView> {
  const town = await callerTown(db, caller)
  const campaigns = await listCampaigns(db, town._id)
  const campaign = input.campaignId ? campaigns.find((candidate) => candidate._id === input.campaignId) : currentCampaign(campaigns, shanghaiDay(now))
  if (input.campaignId && !campaign) throw new AppError('NOT_FOUND', '没有找到这个入户宣传活动', 'campaignId')
  const settings: TownReminderSettings = {
    scheduled: input.scheduled,
    quietHours: input.quietHoursOn ? { from: input.quietFrom, to: input.quietTo } : null,
    includeCadres: input.includeCadres,
  }
  const _ = db.command
  await collection(db, 'towns').doc(town._id).update({ reminderSettings: _.set(settings) })
  if (campaign) await collection(db, 'campaigns').doc(campaign._id).update({ reminderLeadDays: input.leadDays })
  await recordAudit(db, { townId: town._id, actor: caller.openid, action: 'reminders.updateSettings', target: town._id, detail: { ...settings, campaignId: campaign?._id ?? null, leadDays: input.leadDays } })
  // This instance's copy of the campaigns is now out of date.
  clearCache()
  return { settings, campaign: campaign ? { id: campaign._id, name: campaign.name, leadDays: input.leadDays } : null }
}

