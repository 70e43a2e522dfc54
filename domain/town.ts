import * as v from 'valibot'
import { daysBetween } from './dates'
import { day, docId, integer, optionalText, phoneNumber, text } from './fields'

// A town's reference data: the town with its hotlines, its villages and
// communities (实有户数, 组, the community police officer), its units, and its
// campaigns with their milestones. The same schemas check a town file
// (`npm run town:import`) and every edit office makes in the app, so a rule
// lives in one place.

/** A number to call: 96110, 110, or a landline with its area code. */
const dialable = v.pipe(v.string('电话号码应为数字'), v.trim(), v.regex(/^[0-9-]{3,20}$/, '电话号码只含数字和 -，如 96110、023-47651042'))

export const hotlineSchema = v.object({
  label: text('电话名称', { max: 20 }),
  number: dialable,
})

export const townSettingsSchema = v.object({
  name: text('镇（街道）名称', { max: 20 }),
  /** e.g. 重庆市江津区 */
  region: text('所属区县', { max: 40 }),
  hotlines: v.pipe(v.array(hotlineSchema, '求助电话格式不正确'), v.minLength(1, '至少要有一个求助电话（如 96110）'), v.maxLength(6, '求助电话最多6个')),
})
export type TownSettings = v.InferOutput<typeof townSettingsSchema>
export type TownSettingsInput = v.InferInput<typeof townSettingsSchema>

export const VILLAGE_KINDS = ['village', 'community'] as const
export const VILLAGE_KIND_LABELS: Record<(typeof VILLAGE_KINDS)[number], string> = { village: '村', community: '社区' }

/** 组 (村民小组) numbers: 1 to 99, each once. */
const groupsField = v.pipe(
  v.array(integer('组', { min: 1, max: 99 }), '组应为数字列表'),
  v.maxLength(99, '组最多99个'),
  v.check((groups) => new Set(groups).size === groups.length, '组有重复'),
)

export const villageFields = {
  name: text('村（社区）名称', { max: 20 }),
  kind: v.picklist(VILLAGE_KINDS, '请选择村或社区'),
  /** Listed for the forms; a 社区 usually has none. */
  groups: v.optional(groupsField, []),
  /** 实有户数: coverage's denominator. */
  registeredHouseholds: integer('实有户数', { min: 0, max: 100_000 }),
  /** 社区民警: receives the village's records for the archive. */
  policeOfficer: v.nullable(v.object({ name: text('社区民警姓名', { max: 20 }), phone: phoneNumber('社区民警电话') })),
  unitId: v.nullable(docId('包村单位')),
  order: integer('排序', { min: 0, max: 9999 }),
}
export const villageSchema = v.object(villageFields)
export type VillageInput = v.InferOutput<typeof villageSchema>

export const unitFields = {
  name: text('单位名称', { max: 30 }),
  headName: optionalText('负责人姓名', 20),
  order: integer('排序', { min: 0, max: 9999 }),
}
export const unitSchema = v.object(unitFields)
export type UnitInput = v.InferOutput<typeof unitSchema>

export const milestoneSchema = v.object({
  day: day('阶段目标日期'),
  /** % of 实有户数 covered by that day. */
  targetPercent: integer('阶段目标（%）', { min: 1, max: 100 }),
})

/**
 * Milestones in order of their days, each after the start and after the one
 * before, each target above the one before: the arithmetic of progress
 * (domain/coverage.ts) rests on it.
 */
export function milestonesProblem(startDay: string, milestones: readonly { day: string; targetPercent: number }[]): string | null {
  for (let i = 0; i < milestones.length; i += 1) {
    const before = i === 0 ? { day: startDay, targetPercent: 0 } : milestones[i - 1]
    const what = i === 0 ? '开始日期' : `第${i}个阶段目标`
    if (daysBetween(before.day, milestones[i].day) <= 0) return `第${i + 1}个阶段目标的日期要晚于${what}`
    if (i > 0 && milestones[i].targetPercent <= before.targetPercent) return `第${i + 1}个阶段目标要高于${what}`
  }
  return null
}

export const campaignFields = {
  name: text('活动名称', { max: 40 }),
  startDay: day('开始日期'),
  milestones: v.pipe(v.array(milestoneSchema, '阶段目标格式不正确'), v.minLength(1, '至少设一个阶段目标'), v.maxLength(12, '阶段目标最多12个')),
  /** 宣传台账: the share of key places to carry a banner or poster by the campaign's end; none by default. */
  placeTargetPercent: v.optional(v.nullable(integer('重点场所覆盖目标', { min: 1, max: 100 }))),
}
type Plan = { startDay: string; milestones: { day: string; targetPercent: number }[] }
const planProblem = (plan: Plan) => milestonesProblem(plan.startDay, plan.milestones) ?? ''

// The same plan check on the two shapes a campaign comes in: a town file's
// (with its _id) and an edit in the app (with the campaign's id, or none).
export const campaignSchema = v.pipe(
  v.object({ _id: docId('编号'), ...campaignFields }),
  v.forward(v.check((input) => !planProblem(input), (issue) => planProblem(issue.input)), ['milestones']),
)
export const saveCampaignSchema = v.pipe(
  v.object({ campaignId: v.optional(docId('活动')), ...campaignFields }),
  v.forward(v.check((input) => !planProblem(input), (issue) => planProblem(issue.input)), ['milestones']),
)
export type SaveCampaignRequest = v.InferOutput<typeof saveCampaignSchema>
export type SaveCampaignInput = v.InferInput<typeof saveCampaignSchema>

const withId = { _id: docId('编号') }

/** A town file for `npm run town:import` (database/examples/town.example.json). */
export const townFileSchema = v.object({
  town: v.object({ ...withId, ...townSettingsSchema.entries }),
  units: v.pipe(v.array(v.object({ ...withId, ...unitFields })), v.maxLength(200, '单位最多200个')),
  villages: v.pipe(v.array(v.object({ ...withId, ...villageFields })), v.maxLength(500, '村（社区）最多500个')),
  campaigns: v.pipe(v.array(campaignSchema), v.maxLength(50, '活动最多50个')),
})
export type TownFile = v.InferOutput<typeof townFileSchema>
