import { addDays, daysBetween, type DayString } from './dates'

// 入户宣传覆盖率: distinct households with a qualifying visit in the campaign,
// over the village's registered households (实有户数), judged against the
// campaign's milestones (e.g. 20% by end of February, 100% by year end).

export interface Milestone {
  day: DayString
  /** Share of registered households to have reached by the end of `day`. */
  targetPercent: number
}

export interface CampaignPlan {
  startDay: DayString
  /** Sorted by day; the last one ends the campaign. */
  milestones: Milestone[]
}

export const COVERAGE_STATUSES = ['met', 'on_track', 'behind', 'far_behind'] as const
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number]

export const STATUS_LABELS: Record<CoverageStatus, string> = {
  met: '已达标',
  on_track: '进度正常',
  behind: '落后',
  far_behind: '严重落后',
}

/** Below this share of the pace expected today a village is 落后; below the second, 严重落后. */
export const ON_TRACK_SHARE = 0.9
export const FAR_BEHIND_SHARE = 0.6

export interface Progress {
  registered: number
  covered: number
  /** 0-100, one decimal; may exceed 100 only if the register is short. */
  percent: number
  /** The first milestone whose day is today or later; the last one once all have passed. */
  milestone: (Milestone & { targetHouseholds: number; daysLeft: number; passed: boolean }) | null
  /** Households still to visit per day, today included, to meet the milestone. */
  neededPerDay: number
  /** Households the straight-line pace expects by the end of today. */
  expectedByToday: number
  status: CoverageStatus
}

export function targetHouseholds(registered: number, percent: number): number {
  return Math.ceil((registered * percent) / 100 - 1e-9)
}

/**
 * Rules, in order:
 * 1. 已达标 when covered reaches the target of the milestone in view (the next
 *    one, or the last once all have passed).
 * 2. Otherwise compare with the straight-line pace from the previous milestone
 *    (or the campaign start, at 0) to the one in view, counted to the end of
 *    today: at least 90% of it is 进度正常, at least 60% 落后, less 严重落后.
 *    Before the campaign starts nothing is expected yet: 进度正常.
 */
export function progressOf(registered: number, covered: number, plan: CampaignPlan, today: DayString): Progress {
  const percent = registered > 0 ? Math.round((covered / registered) * 1000) / 10 : 0
  const milestones = [...plan.milestones].sort((a, b) => daysBetween(b.day, a.day))
  if (milestones.length === 0) {
    return { registered, covered, percent, milestone: null, neededPerDay: 0, expectedByToday: 0, status: 'on_track' }
  }

  const nextIndex = milestones.findIndex((m) => daysBetween(today, m.day) >= 0)
  const passed = nextIndex === -1
  const index = passed ? milestones.length - 1 : nextIndex
  const inView = milestones[index]
  const target = targetHouseholds(registered, inView.targetPercent)
  const daysLeft = passed ? 0 : daysBetween(today, inView.day) + 1
  const remaining = Math.max(target - covered, 0)
  const neededPerDay = remaining === 0 ? 0 : passed ? remaining : Math.ceil(remaining / daysLeft)

  const expectedByToday = passed ? target : expectedOn(registered, plan.startDay, milestones, index, today)
  let status: CoverageStatus
  if (covered >= target) status = 'met'
  else if (expectedByToday === 0 || covered >= expectedByToday * ON_TRACK_SHARE) status = 'on_track'
  else if (covered >= expectedByToday * FAR_BEHIND_SHARE) status = 'behind'
  else status = 'far_behind'

  return {
    registered,
    covered,
    percent,
    milestone: { ...inView, targetHouseholds: target, daysLeft, passed },
    neededPerDay,
    expectedByToday,
    status,
  }
}

function expectedOn(registered: number, startDay: DayString, milestones: Milestone[], index: number, today: DayString): number {
  const from = index === 0 ? { day: addDays(startDay, -1), targetPercent: 0 } : milestones[index - 1]
  const to = milestones[index]
  const span = daysBetween(from.day, to.day)
  const elapsed = Math.min(Math.max(daysBetween(from.day, today), 0), span)
  if (span <= 0) return targetHouseholds(registered, to.targetPercent)
  const percent = from.targetPercent + ((to.targetPercent - from.targetPercent) * elapsed) / span
  return Math.floor((registered * percent) / 100)
}

/** Sort order for the dashboard: who needs help first. */
export const STATUS_ORDER: Record<CoverageStatus, number> = { far_behind: 0, behind: 1, on_track: 2, met: 3 }
