import { main as admin } from '../../cloudfunctions/admin'
import { clearCache, REFERENCE_TTL_MS } from '../../cloudfunctions/_lib/cache'
import { main as progress } from '../../cloudfunctions/progress'
import type { AuditPage, TownSetup, UserPage, UserView } from '../../domain/admin'
import type { Reply } from '../../domain/errors'
import type { Dashboard } from '../../domain/progress'
import { shanghaiDay, addDays } from '../../domain/dates'
import { startFunctionHarness, type Harness } from '../support/functions'
import { addStaff, logVisit } from '../support/progress'

// 镇级管理: office edits its town's reference data in the app, checked as a
// town file is, audited, seen at once by the editor; changes that would break
// the counters are refused and write nothing; nobody reaches another town.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
  await h.db.collection('towns').doc('town-other').set({ name: '外镇', region: '重庆市江津区', hotlines: [{ label: '反诈专线', number: '96110' }] })
  await h.db.collection('villages').doc('v-other').set({ townId: 'town-other', name: '外镇村', kind: 'village', order: 0, registeredHouseholds: 300, policeOfficer: null, unitId: null })
  await h.db.collection('units').doc('unit-other').set({ townId: 'town-other', name: '外镇单位', order: 0, headName: '' })
  await addStaff(h, { openid: 'wx-other-office', name: '外镇主任', roles: ['resident', 'office'], townId: 'town-other' })
  await addStaff(h, { openid: 'wx-second-office', name: '王副主任', roles: ['resident', 'office'] })
}, 30_000)
afterAll(() => h.stop())

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

const read = <T>(openid: string, action: string, payload: unknown = {}) => h.call<T>('admin', admin, openid, { action, payload })
const write = <T>(openid: string, action: string, payload: unknown) => h.call<T>('admin', admin, openid, { action, payload, requestId: h.newRequestId() })
const dashboard = (openid: string) => h.call<Dashboard>('progress', progress, openid, { action: 'dashboard', payload: {} })

async function expectNothingWritten(reply: Promise<Reply<unknown>>, error: Record<string, unknown>) {
  const before = JSON.stringify(data(await read<TownSetup>('demo-office', 'town')))
  expect(await reply).toMatchObject({ ok: false, error })
  expect(JSON.stringify(data(await read<TownSetup>('demo-office', 'town')))).toBe(before)
}

describe('town setup', () => {
  it('shows office its own town: villages, units with their heads, campaigns, hotlines', async () => {
    const setup = data(await read<TownSetup>('demo-office', 'town'))
    expect(setup.town).toMatchObject({ id: 'town-jiasi', name: '贾嗣镇' })
    expect(setup.villages).toHaveLength(12)
    expect(setup.units.find((unit) => unit.id === 'unit-dangqun')?.heads).toEqual([{ id: expect.any(String), name: '周敏' }])
    expect(setup.campaigns.length).toBeGreaterThan(0)
    expect(setup.villages.some((village) => village.id === 'v-other')).toBe(false)
  })

  it('changes 实有户数 and a milestone, and the editor’s dashboard shows it at once, without a recount', async () => {
    const before = data(await dashboard('demo-office'))
    const xinhua = data(await read<TownSetup>('demo-office', 'town')).villages.find((village) => village.id === 'v-xinhua')
    if (!xinhua) throw new Error('no 新华村')
    const { id, ...fields } = xinhua
    data(await write<TownSetup>('demo-office', 'saveVillage', { villageId: id, ...fields, registeredHouseholds: 2000 }))
    const campaign = data(await read<TownSetup>('demo-office', 'town')).campaigns.find((entry) => entry.id === before.campaign.id)
    if (!campaign) throw new Error('no campaign')
    const milestones = campaign.milestones.map((milestone, i) => (i === campaign.milestones.length - 1 ? milestone : { ...milestone, targetPercent: milestone.targetPercent + 5 }))
    data(await write<TownSetup>('demo-office', 'saveCampaign', { campaignId: campaign.id, name: campaign.name, startDay: campaign.startDay, milestones }))

    const after = data(await dashboard('demo-office'))
    expect(after.villages.find((village) => village.id === 'v-xinhua')?.progress.registered).toBe(2000)
    expect(after.total.registered).toBe(before.total.registered - xinhua.registeredHouseholds + 2000)
    expect(after.campaign.milestones[0].targetPercent).toBe(campaign.milestones[0].targetPercent + 5)
    // A target for key places (宣传台账): the places are judged against it at once too.
    expect(after.places.targetPercent).toBeNull()
    data(await write<TownSetup>('demo-office', 'saveCampaign', { campaignId: campaign.id, name: campaign.name, startDay: campaign.startDay, milestones, placeTargetPercent: 60 }))
    const judged = data(await dashboard('demo-office'))
    expect(judged.places).toMatchObject({ targetPercent: 60, status: expect.any(String) })
    expect(data(await read<TownSetup>('demo-office', 'town')).campaigns.find((entry) => entry.id === campaign.id)?.placeTargetPercent).toBe(60)
    const { data: audit } = await h.db.collection('audit').where({ action: 'admin.saveVillage', target: 'v-xinhua' }).get()
    expect(audit[0]).toMatchObject({ actor: 'demo-office', detail: { registeredHouseholds: [xinhua.registeredHouseholds, 2000] } })
  })

  it('reaches every other user within REFERENCE_TTL_MS, whichever instance serves them', async () => {
    // Another instance's edit: the database changes, this instance's copy does not hear of it.
    clearCache()
    const start = Date.now()
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start)
    const registered = async () => data(await dashboard('demo-police')).villages.find((village) => village.id === 'v-jiasi')?.progress.registered
    try {
      const before = await registered()
      await h.db.collection('villages').doc('v-jiasi').update({ registeredHouseholds: 1234 })
      clock.mockReturnValue(start + REFERENCE_TTL_MS - 1)
      expect(await registered()).toBe(before)
      clock.mockReturnValue(start + REFERENCE_TTL_MS)
      expect(await registered()).toBe(1234)
    } finally {
      clock.mockRestore()
    }
  })

  it('adds a village and a unit under ids its retry cannot duplicate', async () => {
    const requestId = h.newRequestId()
    const village = { name: '新建村', kind: 'village', groups: [1, 2, 3], registeredHouseholds: 120, policeOfficer: { name: '刘警官', phone: '023-47651042' }, unitId: 'unit-jingji', order: 20 }
    const first = data(await h.call<TownSetup>('admin', admin, 'demo-office', { action: 'saveVillage', payload: village, requestId }))
    const again = data(await h.call<TownSetup>('admin', admin, 'demo-office', { action: 'saveVillage', payload: village, requestId }))
    expect(again.villages.filter((entry) => entry.name === '新建村')).toHaveLength(1)
    expect(first.villages.find((entry) => entry.name === '新建村')).toMatchObject({ groups: [1, 2, 3], unitId: 'unit-jingji' })
    const unit = data(await write<TownSetup>('demo-office', 'saveUnit', { name: '综治办', headName: '', order: 9 }))
    expect(unit.units.map((entry) => entry.name)).toContain('综治办')
  })

  it('refuses what would break the counters or the plan, naming the field, and writes nothing', async () => {
    await logVisit(h, 'demo-cadre', 'v-xinhua', { newHousehold: { group: 1, door: '501号', headName: '甲', phone: '' } })
    await expectNothingWritten(write('demo-office', 'removeVillage', { villageId: 'v-xinhua' }), { code: 'CONFLICT', field: 'villageId' })
    await expectNothingWritten(write('demo-office', 'removeUnit', { unitId: 'unit-dangqun' }), { code: 'CONFLICT', field: 'unitId' })
    const today = shanghaiDay()
    const plan = (milestones: unknown) => write('demo-office', 'saveCampaign', { name: '测试活动', startDay: today, milestones })
    await expectNothingWritten(plan([{ day: addDays(today, 30), targetPercent: 120 }]), { code: 'INVALID_INPUT', field: 'milestones.0.targetPercent' })
    await expectNothingWritten(plan([{ day: addDays(today, 60), targetPercent: 50 }, { day: addDays(today, 30), targetPercent: 100 }]), { code: 'INVALID_INPUT', field: 'milestones', message: '第2个阶段目标的日期要晚于第1个阶段目标' })
    await expectNothingWritten(plan([{ day: addDays(today, 30), targetPercent: 60 }, { day: addDays(today, 60), targetPercent: 40 }]), { code: 'INVALID_INPUT', field: 'milestones' })
    await expectNothingWritten(plan([{ day: addDays(today, -1), targetPercent: 20 }]), { code: 'INVALID_INPUT', field: 'milestones' })
    const campaigns = data(await read<TownSetup>('demo-office', 'town')).campaigns
    const running = campaigns[0]
    await expectNothingWritten(write('demo-office', 'saveCampaign', { campaignId: running.id, name: running.name, startDay: addDays(today, 1), milestones: running.milestones.map((m) => ({ ...m, day: addDays(today, 100 + m.targetPercent) })) }), {
      code: 'CONFLICT',
      field: 'startDay',
    })
    await expectNothingWritten(write('demo-office', 'saveVillage', { name: '串镇', kind: 'village', groups: [], registeredHouseholds: 1, policeOfficer: null, unitId: 'unit-other', order: 1 }), {
      code: 'INVALID_INPUT',
      field: 'unitId',
    })
  })

  it('keeps every town to itself: another town’s office neither sees nor changes this one', async () => {
    expect(data(await read<TownSetup>('wx-other-office', 'town')).villages.map((village) => village.id)).toEqual(['v-other'])
    const xinhua = data(await read<TownSetup>('demo-office', 'town')).villages.find((village) => village.id === 'v-xinhua')
    const { id: _id, ...fields } = xinhua as TownSetup['villages'][number]
    expect(await write('wx-other-office', 'saveVillage', { villageId: 'v-xinhua', ...fields, registeredHouseholds: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await write('wx-other-office', 'removeUnit', { unitId: 'unit-dangqun' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    for (const openid of ['demo-cadre', 'demo-unit-head', 'demo-police', 'demo-resident']) {
      expect(await read(openid, 'town')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })
})

describe('people and roles', () => {
  it('lists the town’s staff with their roles and places, and finds anyone by name', async () => {
    const staff = data(await read<UserPage>('demo-office', 'users'))
    expect(staff.users.map((user) => user.name)).toEqual(expect.arrayContaining(['李网格', '周敏', '陈主任', '何警官']))
    expect(staff.users.every((user) => user.roles.some((role) => role !== 'resident'))).toBe(true)
    expect(staff.users.find((user) => user.name === '李网格')).toMatchObject({ village: { id: 'v-xinhua', name: '新华村' } })
    expect(data(await read<UserPage>('demo-office', 'users', { query: '张阿' })).users.map((user) => user.name)).toEqual(['张阿姨'])
    expect(data(await read<UserPage>('wx-other-office', 'users')).users.map((user) => user.name)).toEqual(['外镇主任'])
  })

  it('changes and removes a role, audited; nobody changes their own, and the last office user stays', async () => {
    const staff = data(await read<UserPage>('demo-office', 'users')).users
    const police = staff.find((user) => user.name === '何警官') as UserView
    const moved = data(await write<UserView>('demo-office', 'setRoles', { userId: police.id, roles: ['police', 'cadre'], villageId: 'v-yanba', reason: '兼任网格员' }))
    expect(moved).toMatchObject({ roles: ['resident', 'cadre', 'police'], village: { id: 'v-yanba' } })
    expect(await write('demo-office', 'setRoles', { userId: police.id, roles: ['cadre'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'villageId' } })

    const me = staff.find((user) => user.self) as UserView
    expect(await write('demo-office', 'setRoles', { userId: me.id, roles: ['office', 'police'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const other = data(await read<UserPage>('wx-other-office', 'users')).users[0]
    expect(await write('demo-office', 'setRoles', { userId: other.id, roles: [] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    // Two office users: one may step the other down, but not the last one.
    const second = staff.find((user) => user.name === '王副主任') as UserView
    data(await write('demo-office', 'setRoles', { userId: second.id, roles: [] }))
    data(await write('demo-office', 'setRoles', { userId: second.id, roles: ['office'] }))
    expect(await write('wx-second-office', 'setRoles', { userId: me.id, roles: ['police'] })).toMatchObject({ ok: true })
    expect(await write('wx-second-office', 'setRoles', { userId: me.id, roles: ['office'] })).toMatchObject({ ok: true })
    const { total } = await h.db.collection('audit').where({ action: 'admin.setRoles' }).count()
    expect(total).toBe(5)
  })

  it('never leaves a town without an office user, even when two step each other down at once', async () => {
    await addStaff(h, { openid: 'wx-other-office-2', name: '外镇副主任', roles: ['resident', 'office'], townId: 'town-other' })
    const users = data(await read<UserPage>('wx-other-office', 'users', { role: 'office' })).users
    const chief = users.find((user) => user.name === '外镇主任') as UserView
    const deputy = users.find((user) => user.name === '外镇副主任') as UserView
    const replies = await Promise.all([
      write('wx-other-office', 'setRoles', { userId: deputy.id, roles: [] }),
      write('wx-other-office-2', 'setRoles', { userId: chief.id, roles: [] }),
    ])
    const { total } = await h.db.collection('users').where({ townId: 'town-other', roles: 'office' }).count()
    expect(total).toBeGreaterThanOrEqual(1)
    // Whichever way they interleave, at least one of the two is refused.
    expect(replies.filter((reply) => !reply.ok).length).toBeGreaterThanOrEqual(1)
  })
})

describe('the audit trail', () => {
  it('shows office the town’s records, newest first, in words, with paging and filters', async () => {
    const page = data(await read<AuditPage>('demo-office', 'auditLog'))
    expect(page.entries.length).toBeGreaterThan(5)
    expect(page.entries.map((entry) => entry.at)).toEqual([...page.entries.map((entry) => entry.at)].sort().reverse())
    expect(page.entries.find((entry) => entry.action === 'admin.setRoles')).toMatchObject({ actionLabel: '修改人员角色', actorName: expect.any(String) })
    const villages = data(await read<AuditPage>('demo-office', 'auditLog', { action: 'admin.saveVillage' }))
    expect(villages.entries.every((entry) => entry.action === 'admin.saveVillage')).toBe(true)
    expect(data(await read<AuditPage>('demo-office', 'auditLog', { from: addDays(shanghaiDay(), 1) })).entries).toEqual([])
  })

  it('shows police only their own actions, and nobody else any', async () => {
    await h.call('progress', progress, 'demo-police', { action: 'exportArchive', payload: { villageId: 'v-xinhua', from: addDays(shanghaiDay(), -3), to: shanghaiDay() }, requestId: h.newRequestId() })
    const own = data(await read<AuditPage>('demo-police', 'auditLog'))
    expect(own.entries.map((entry) => entry.action)).toEqual(['progress.exportArchive'])
    expect(data(await read<AuditPage>('wx-other-office', 'auditLog')).entries.every((entry) => entry.actorName !== '陈主任')).toBe(true)
    for (const openid of ['demo-cadre', 'demo-unit-head', 'demo-resident']) {
      expect(await read(openid, 'auditLog')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })
})
