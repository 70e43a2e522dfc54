import { fireEvent, render, waitFor } from '@testing-library/react'
import type { AuditPage, TownSetup, UserPage } from '../../domain/admin'
import AuditPageView from '../../src/pages/staff/audit/index'
import PeoplePage from '../../src/pages/staff/people/index'
import TownPage from '../../src/pages/staff/town/index'
import { callsTo, findIn, makeMe, mockCloud, ok } from '../support/app-fixtures'

const SETUP: TownSetup = {
  town: { id: 'town-1', name: '白沙镇', region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }] },
  villages: [{ id: 'v-1', name: '新华村', kind: 'village', groups: [1, 2, 3], registeredHouseholds: 1180, policeOfficer: { name: '何警官', phone: '023-47651042' }, unitId: 'u-1', order: 0 }],
  units: [{ id: 'u-1', name: '党群办', headName: '周敏', order: 0, heads: [{ id: 'user-1', name: '周敏' }] }],
  campaigns: [{ id: 'c-1', name: '入户宣传', startDay: '2026-09-01', milestones: [{ day: '2026-10-31', targetPercent: 20 }, { day: '2026-12-31', targetPercent: 100 }], placeTargetPercent: null }],
}

const input = (container: HTMLElement, name: string) => container.querySelector(`#input-${name} input, input#input-${name}, #input-${name}`) as HTMLInputElement
const type = (container: HTMLElement, name: string, value: string) => fireEvent.input(input(container, name), { target: { value }, detail: { value } })

describe('镇级管理', () => {
  it('changes a village’s 实有户数 and shows the saved town', async () => {
    const saved = { ...SETUP, villages: [{ ...SETUP.villages[0], registeredHouseholds: 2000 }] }
    const cloud = mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])), 'admin.town': () => ok(SETUP), 'admin.saveVillage': () => ok(saved) })
    const { container } = render(<TownPage />)
    fireEvent.click(await findIn(container, '#village-edit-v-1'))
    type(container, 'village-households', '2000')
    fireEvent.click(await findIn(container, '#village-editor-v-1-save'))
    await waitFor(() => expect(container.querySelector('#village-card-v-1')?.textContent).toContain('实有户数：2000 户'))
    const [call] = callsTo(cloud, 'saveVillage')
    expect(call.payload).toMatchObject({ villageId: 'v-1', name: '新华村', registeredHouseholds: 2000, groups: [1, 2, 3], unitId: 'u-1' })
    expect(call.requestId).toBeDefined()
  })

  it('names a wrong milestone under its field and sends nothing', async () => {
    const cloud = mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])), 'admin.town': () => ok(SETUP) })
    const { container } = render(<TownPage />)
    fireEvent.click(await findIn(container, '#campaign-edit-c-1'))
    type(container, 'milestone-0-percent', '120')
    fireEvent.click(await findIn(container, '#campaign-editor-c-1-save'))
    await waitFor(() => expect(container.querySelector('#field-milestone-0-percent-error')?.textContent).toContain('不能大于100'))
    expect(callsTo(cloud, 'saveCampaign')).toHaveLength(0)
  })

  it('sets a target for key places, or none when left empty', async () => {
    const cloud = mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])), 'admin.town': () => ok(SETUP), 'admin.saveCampaign': () => ok(SETUP) })
    const { container } = render(<TownPage />)
    fireEvent.click(await findIn(container, '#campaign-edit-c-1'))
    type(container, 'campaign-place-target', '60')
    fireEvent.click(await findIn(container, '#campaign-editor-c-1-save'))
    await waitFor(() => expect(callsTo(cloud, 'saveCampaign')).toHaveLength(1))
    expect(callsTo(cloud, 'saveCampaign')[0].payload).toMatchObject({ campaignId: 'c-1', placeTargetPercent: 60 })
    // Opened again on a campaign without one: the field is empty, and empty is no target.
    fireEvent.click(await findIn(container, '#campaign-edit-c-1'))
    expect(input(container, 'campaign-place-target').value).toBe('')
    fireEvent.click(await findIn(container, '#campaign-editor-c-1-save'))
    await waitFor(() => expect(callsTo(cloud, 'saveCampaign')).toHaveLength(2))
    expect(callsTo(cloud, 'saveCampaign')[1].payload).toMatchObject({ placeTargetPercent: null })
  })

  it('is closed to everyone but office', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'police'])) })
    const { container } = render(<TownPage />)
    await findIn(container, '#town-page-forbidden')
  })
})

describe('人员管理', () => {
  const page: UserPage = {
    users: [
      { id: 'user-2', name: '何警官', roles: ['resident', 'police'], village: null, unit: null, lastSeenAt: '2026-11-29T01:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z', self: false },
      { id: 'user-3', name: '陈主任', roles: ['resident', 'office'], village: null, unit: null, lastSeenAt: null, createdAt: '2026-01-01T00:00:00.000Z', self: true },
    ],
    nextCursor: null,
  }

  it('makes a police officer a cadre of a village too, and never offers to change one’s own roles', async () => {
    const cloud = mockCloud({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'account.directory': () => ok({ villages: [{ id: 'v-1', name: '新华村' }], units: [{ id: 'u-1', name: '党群办' }] }),
      'admin.users': () => ok(page),
      'admin.setRoles': () => ok({ ...page.users[0], roles: ['resident', 'cadre', 'police'], village: { id: 'v-1', name: '新华村' } }),
    })
    const { container } = render(<PeoplePage />)
    await findIn(container, '#person-user-2')
    expect(container.querySelector('#person-edit-user-3')).toBeNull()
    fireEvent.click(await findIn(container, '#person-edit-user-2'))
    fireEvent.click(await findIn(container, '#role-cadre'))
    fireEvent.click(await findIn(container, '#role-editor-user-2-save'))
    // A cadre needs a village: said there, nothing sent.
    await waitFor(() => expect(container.querySelector('#field-villageId-error')?.textContent).toContain('村社干部要选择所在村（社区）'))
    expect(callsTo(cloud, 'setRoles')).toHaveLength(0)
    fireEvent.click(await findIn(container, '#role-village-v-1'))
    fireEvent.click(await findIn(container, '#role-editor-user-2-save'))
    await waitFor(() => expect(container.querySelector('#person-user-2')?.textContent).toContain('村（社区）：新华村'))
    expect(callsTo(cloud, 'setRoles')[0].payload).toMatchObject({ userId: 'user-2', roles: ['police', 'cadre'], villageId: 'v-1' })
  })
})

describe('操作记录', () => {
  it('lists the records in words and filters by what was done', async () => {
    const log: AuditPage = {
      entries: [{ id: 'a-1', at: '2026-11-29T02:00:00.000Z', action: 'progress.exportArchive', actionLabel: '导出入户记录存档', actorName: '何警官', target: 'v-1', detail: { visits: 12 } }],
      nextCursor: null,
    }
    const cloud = mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])), 'admin.auditLog': () => ok(log) })
    const { container } = render(<AuditPageView />)
    expect((await findIn(container, '#audit-a-1')).textContent).toContain('导出入户记录存档')
    expect(container.textContent).toContain('2026-11-29 10:00 · 何警官')
    fireEvent.click(await findIn(container, '#audit-action-admin\\.setRoles'))
    await waitFor(() => expect(callsTo(cloud, 'auditLog').at(-1)?.payload).toMatchObject({ action: 'admin.setRoles' }))
  })
})
