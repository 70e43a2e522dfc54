import { daysBetween, type DayString } from './dates'
import type { CampaignPlan } from './coverage'

export interface CampaignSummary extends CampaignPlan {
  id: string
  name: string
}

export function lastDayOf(plan: CampaignPlan): DayString | null {
  return plan.milestones.reduce<DayString | null>((last, m) => (last === null || daysBetween(last, m.day) > 0 ? m.day : last), null)
}

/**
 * The campaign visits on `day` belong to: the latest-started one running that
 * day; failing that, the latest one that had started by then.
 */
export function campaignOn<T extends CampaignSummary>(campaigns: readonly T[], day: DayString): T | null {
  const started = campaigns
    .filter((c) => daysBetween(c.startDay, day) >= 0)
    .sort((a, b) => daysBetween(a.startDay, b.startDay) * -1)
  const running = started.find((c) => {
    const last = lastDayOf(c)
    return last === null || daysBetween(day, last) >= 0
  })
  return running ?? started[0] ?? null
}
