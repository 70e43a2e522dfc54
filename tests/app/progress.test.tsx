import { fireEvent, render, waitFor } from '@testing-library/react'
import type { ArchiveExport } from '../../domain/archive'
import type { Bulletin } from '../../domain/bulletin'
import ArchivePage from '../../src/pages/staff/archive/index'
import BulletinPage from '../../src/pages/staff/bulletin/index'
import ProgressPage from '../../src/pages/staff/progress/index'
import { callsTo, findIn, makeMe, mockCloud, ok } from '../support/app-fixtures'
import { campaign, DASHBOARD } from '../support/dashboard-fixture'
import { taroMock } from '../support/taro-mock'

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, '') ?? ''

describe('进度看板', () => {
  it('shows the town total, this week and every village in the order the server ranked by need, with status in words', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])), 'progress.dashboard': () => ok(DASHBOARD) })
    const { container } = render(<ProgressPage />)
    const total = await findIn(container, '#dashboard-total')
    expect(text(total)).toContain('白沙镇')
    expect(text(total)).toContain('落后')
    expect(text(total)).toContain('已覆盖3000/10000户（30%）')
    expect(text(container.querySelector('#dashboard-week'))).toContain('入户120次，新覆盖90户')
    const villages = Array.from(container.querySelectorAll('#dashboard-villages .progress-card__name'), (node) => node.textContent)
    expect(villages).toEqual(['高峰村', '新华村'])
    expect(text(container.querySelector('#village-v-2'))).toContain('严重落后')
    expect(text(container.querySelector('#village-v-2'))).toContain('还差380户，剩34天，每天约12户')
    expect(container.querySelectorAll('.daily-chart__bar')).toHaveLength(56)
    expect(container.querySelector('#recount')).not.toBeNull()
    // 宣传台账 beside household coverage: key places with a banner or poster, per kind; no status without a target.
    expect(text(container.querySelector('#dashboard-places-total'))).toBe('已覆盖6/9处（66.7%）')
    expect(text(container.querySelector('#dashboard-places-residential'))).toBe('小区/楼栋：4/7处')
    expect(container.querySelector('#dashboard-places .status-tag')).toBeNull()
    expect(text(container.querySelector('#village-v-2'))).toContain('重点场所1/4处')
  })

  it('offers the recount to office only, finishes the villages one call left pending, and reports the drift', async () => {
    const village = (villageId: string, drifted = false) => ({
      villageId,
      villageName: villageId === 'v-2' ? '高峰村' : '新华村',
      before: { covered: drifted ? 31 : 30, visits: 33 },
      after: { covered: 30, visits: 33 },
      householdsFixed: drifted ? 1 : 0,
      daysFixed: 0,
      drifted,
    })
    const calls = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'progress.dashboard': () => ok(DASHBOARD),
      'progress.recount': ({ payload }) =>
        payload.villageId
          ? ok({ campaignId: 'c-1', drifted: 1, villages: [village('v-2', true)], pending: [] })
          : ok({ campaignId: 'c-1', drifted: 0, villages: [village('v-1')], pending: ['v-2'] }),
    })
    const { container } = render(<ProgressPage />)
    fireEvent.click((await findIn(container, '#recount .big-button')) as HTMLElement)
    expect(text(await findIn(container, '#recount-result'))).toContain('已核对2个村（社区），1个有偏差，已更正：高峰村（覆盖31→30户）')
    const sent = callsTo(calls, 'recount')
    expect(sent.map((call) => call.payload)).toEqual([{}, { villageId: 'v-2' }])
    expect(sent[0].requestId).not.toBe(sent[1].requestId)
  })

  it('shows a unit head no recount, and the retry after a failed load', async () => {
    let fail = true
    mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'unit_head'])),
      'progress.dashboard': () => (fail ? new Error('offline') : ok({ ...DASHBOARD, scope: 'unit', units: [] })),
    })
    const { container } = render(<ProgressPage />)
    const retry = await findIn(container, '.status-view--error .big-button')
    fail = false
    fireEvent.click(retry)
    await findIn(container, '#dashboard-total')
    expect(container.querySelector('#recount')).toBeNull()
  })
})

const BULLETIN: Bulletin = {
  title: '白沙镇全民反诈入户宣传工作进度通报',
  townName: '白沙镇',
  campaign,
  period: { from: '2026-11-23', to: '2026-11-27', asOf: '2026-11-27' },
  paragraphs: ['截至11月27日，全镇……', '需要重点帮扶的有：高峰村（已覆盖7.3%，距阶段目标还差380户，每天需覆盖约12户）。'],
  table: {
    columns: [],
    rows: [{ villageId: 'v-2', villageName: '高峰村', registered: 410, covered: 30, percent: 7.3, periodVisits: 2, periodNewlyCovered: 1, status: 'far_behind', statusLabel: '严重落后', householdsToGo: 380, neededPerDay: 12 }],
    total: { villageId: '', villageName: '全镇合计', registered: 10000, covered: 3000, percent: 30, periodVisits: 120, periodNewlyCovered: 90, status: 'behind', statusLabel: '落后', householdsToGo: 7000, neededPerDay: 206 },
  },
  places: { total: DASHBOARD.places, villages: [{ villageId: 'v-2', villageName: '高峰村', total: 4, covered: 1, percent: 25 }] },
}

describe('通报', () => {
  it('shows the bulletin for this week, exports it with a requestId and opens the file', async () => {
    const calls = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'progress.bulletin': () => ok(BULLETIN),
      'progress.bulletinExport': () => ok({ fileID: 'cloud://x/exports/b.xlsx', url: 'https://files/b.xlsx', fileName: '通报.xlsx' }),
    })
    const { container } = render(<BulletinPage />)
    expect(text(await findIn(container, '#bulletin-document'))).toContain('需要重点帮扶的有：高峰村')
    expect(text(container.querySelector('#bulletin-row-v-2'))).toContain('还差380户')
    fireEvent.click(container.querySelector('#bulletin-export') as HTMLElement)
    await waitFor(() => expect(taroMock.openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/export.xlsx', fileType: 'xlsx', showMenu: true }))
    expect(taroMock.downloadFile).toHaveBeenCalledWith({ url: 'https://files/b.xlsx' })
    const [exported] = callsTo(calls, 'bulletinExport')
    expect(exported.payload).toEqual(callsTo(calls, 'bulletin')[0].payload)
    expect(exported.requestId).toBeTruthy()
  })

  it('tells a non-office user where bulletins come from', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'police'])) })
    const { container } = render(<BulletinPage />)
    expect(text(await findIn(container, '#bulletin-forbidden'))).toContain('镇反诈办')
  })
})

describe('存档导出', () => {
  it('exports a cadre’s own village from the campaign start to today, and says what the file holds', async () => {
    const file: ArchiveExport = { fileID: 'cloud://x/a.xlsx', url: 'https://files/a.xlsx', fileName: '新华村入户工作记录表.xlsx', visits: 12, forms: 3, pages: 3, staff: 2, missingSignatures: 0 }
    const calls = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'cadre'], { village: { id: 'v-1', name: '新华村' } })),
      'account.directory': () => ok({ villages: [{ id: 'v-1', name: '新华村' }], units: [] }),
      'progress.dashboard': () => ok({ ...DASHBOARD, scope: 'village', units: [], villages: [] }),
      'progress.exportArchive': () => ok(file),
    })
    const { container } = render(<ArchivePage />)
    const button = await findIn(container, '#archive-export-button')
    expect(container.textContent).toContain('新华村')
    // Nothing is wrong before the user has done anything: no red text.
    expect(container.querySelector('.form-field__error')).toBeNull()
    fireEvent.click(button)
    expect(text(await findIn(container, '#archive-result'))).toContain('12条记录，3张表，2位工作人员')
    expect(callsTo(calls, 'exportArchive')[0].payload).toMatchObject({ villageId: 'v-1', from: '2026-09-18' })
  })

  it('refuses a unit head, who may watch progress but not take personal records away', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'unit_head'])), 'progress.dashboard': () => ok(DASHBOARD) })
    const { container } = render(<ArchivePage />)
    expect(text(await findIn(container, '#archive-page-forbidden'))).toContain('派出所民警')
  })
})
