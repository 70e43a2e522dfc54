import { campaignOn } from '../../domain/campaign'
import { progressOf, type CampaignPlan } from '../../domain/coverage'

// The seed plan: start 2021-02-02, 20% by 2021-02-28, 100% by 2021-12-31.
const plan: CampaignPlan = {
  startDay: '2021-02-02',
  milestones: [
    { day: '2021-02-28', targetPercent: 20 },
    { day: '2021-12-31', targetPercent: 100 },
  ],
}

describe('coverage status against milestones', () => {
  it('is 已达标 exactly on target', () => {
    const p = progressOf(1000, 200, plan, '2021-02-20')
    expect(p.status).toBe('met')
    expect(p.percent).toBe(20)
    expect(p.milestone).toMatchObject({ day: '2021-02-28', targetHouseholds: 200 })
    expect(p.neededPerDay).toBe(0)
  })

  it('is 落后 one household short on the milestone’s last day, which still counts as a day to work', () => {
    const p = progressOf(1000, 179, plan, '2021-02-28')
    expect(p.milestone).toMatchObject({ daysLeft: 1, passed: false })
    expect(p.expectedByToday).toBe(200)
    expect(p.neededPerDay).toBe(21)
    expect(p.status).toBe('behind')
    expect(progressOf(1000, 180, plan, '2021-02-28').status).toBe('on_track')
    expect(progressOf(1000, 119, plan, '2021-02-28').status).toBe('far_behind')
    expect(progressOf(1000, 120, plan, '2021-02-28').status).toBe('behind')
  })

  it('expects the straight-line pace before the first milestone, from nothing at the start', () => {
    // 14 of 27 days into February: 20% * 14/27 of 1000 = 103.7 -> 103 expected.
    const p = progressOf(1000, 93, plan, '2021-02-15')
    expect(p.expectedByToday).toBe(103)
    expect(p.status).toBe('on_track')
    expect(p.neededPerDay).toBe(Math.ceil((200 - 93) / 14))
    expect(progressOf(1000, 92, plan, '2021-02-15').status).toBe('behind')
  })

  it('expects nothing before the campaign starts', () => {
    expect(progressOf(1000, 0, plan, '2021-01-15')).toMatchObject({ status: 'on_track', expectedByToday: 0 })
  })

  it('moves to the year-end milestone the day after February’s', () => {
    const p = progressOf(1000, 200, plan, '2021-03-01')
    expect(p.milestone).toMatchObject({ day: '2021-12-31', targetPercent: 100, targetHouseholds: 1000, daysLeft: 306 })
    expect(p.status).toBe('on_track')
  })

  it('after the last milestone judges against the final target, with nothing left to pace', () => {
    expect(progressOf(1000, 1000, plan, '2022-01-05').status).toBe('met')
    const short = progressOf(1000, 950, plan, '2022-01-05')
    expect(short).toMatchObject({ status: 'on_track', neededPerDay: 50, milestone: { passed: true, daysLeft: 0 } })
    expect(progressOf(1000, 500, plan, '2022-01-05').status).toBe('far_behind')
  })

  it('rounds targets up: 20% of 333 households is 67', () => {
    expect(progressOf(333, 66, plan, '2021-02-20').milestone?.targetHouseholds).toBe(67)
    expect(progressOf(333, 67, plan, '2021-02-20').status).toBe('met')
  })

  it('handles a village with no registered households without dividing by zero', () => {
    expect(progressOf(0, 0, plan, '2021-02-20')).toMatchObject({ percent: 0, status: 'met' })
  })
})

describe('which campaign a day belongs to', () => {
  const campaigns = [
    { id: 'c2021', name: '2021', ...plan },
    { id: 'c2026', name: '2026', startDay: '2026-09-01', milestones: [{ day: '2026-12-31', targetPercent: 100 }] },
  ]
  it('picks the running campaign, and the latest started one between campaigns', () => {
    expect(campaignOn(campaigns, '2021-05-01')?.id).toBe('c2021')
    expect(campaignOn(campaigns, '2026-11-27')?.id).toBe('c2026')
    expect(campaignOn(campaigns, '2023-01-01')?.id).toBe('c2021')
    expect(campaignOn(campaigns, '2020-01-01')).toBeNull()
  })
})
