import { addDays } from '../../domain/dates'
import type { Progress } from '../../domain/coverage'
import type { Dashboard } from '../../domain/progress'

function progress(covered: number, registered: number, status: Progress['status'], extra: Partial<Progress> = {}): Progress {
  return {
    registered,
    covered,
    percent: Math.round((covered / registered) * 1000) / 10,
    milestone: { day: '2026-12-31', targetPercent: 100, targetHouseholds: registered, daysLeft: 34, passed: false },
    neededPerDay: Math.ceil((registered - covered) / 34),
    expectedByToday: Math.round(registered * 0.38),
    status,
    ...extra,
  }
}

export const campaign = { id: 'c-1', name: '2026年全民反诈入户宣传', startDay: '2026-09-18', milestones: [{ day: '2026-11-17', targetPercent: 20 }, { day: '2026-12-31', targetPercent: 100 }] }

/** A town-wide dashboard with one village in every state of need. */
export const DASHBOARD: Dashboard = {
  campaign,
  today: '2026-11-27',
  scope: 'town',
  scopeName: '白沙镇',
  total: progress(3000, 10000, 'behind'),
  units: [{ id: 'u-1', name: '党群办', villages: 2, progress: progress(900, 2000, 'on_track') }],
  villages: [
    { id: 'v-2', name: '高峰村', unitId: 'u-1', unitName: '党群办', progress: progress(30, 410, 'far_behind'), visits: 33, visitsThisWeek: 2, newlyCoveredThisWeek: 1, places: { total: 4, covered: 1, percent: 25 } },
    { id: 'v-1', name: '新华村', unitId: 'u-1', unitName: '党群办', progress: progress(600, 1180, 'met'), visits: 640, visitsThisWeek: 40, newlyCoveredThisWeek: 35, places: { total: 5, covered: 5, percent: 100 } },
  ],
  daily: Array.from({ length: 56 }, (_, i) => ({ day: addDays('2026-10-03', i), visits: i, newlyCovered: 0 })),
  thisWeek: { from: '2026-11-23', to: '2026-11-27', visits: 120, newlyCovered: 90, coveredAtWeekStart: 2910, coveredNow: 3000 },
  places: {
    total: 9,
    covered: 6,
    percent: 66.7,
    targetPercent: null,
    status: null,
    statusLabel: null,
    byKind: [
      { kind: 'market', label: '集贸市场', total: 2, covered: 2, percent: 100 },
      { kind: 'residential', label: '小区/楼栋', total: 7, covered: 4, percent: 57.1 },
    ],
    activities: 12,
    reached: 640,
  },
}
