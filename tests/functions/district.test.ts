import { main as account } from '../../cloudfunctions/account'
import { main as admin } from '../../cloudfunctions/admin'
import { main as households } from '../../cloudfunctions/households'
import { main as progress } from '../../cloudfunctions/progress'
import { main as visits } from '../../cloudfunctions/visits'
import { addDays, shanghaiDay } from '../../domain/dates'
import type { Reply } from '../../domain/errors'
import type { Dashboard, DistrictOverview } from '../../domain/progress'
import { seedDemoDistrict, SECOND_TOWN, SECOND_TOWN_VILLAGES } from '../../local/seed/district'
import { DEMO_VILLAGES } from '../../local/seed/demo-town'
import { startFunctionHarness, type Harness } from '../support/functions'
import { logVisit } from '../support/progress'

// Several towns in one environment: each keeps to itself, and the district's
// 区反诈办 sees every town's progress, read-only, never a household.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
  await seedDemoDistrict(h.local.app)
  await logVisit(h, 'demo-cadre', 'v-xinhua', { newHousehold: { group: 2, door: '18号', headName: '户主', phone: '' } })
}, 60_000)
afterAll(() => h.stop())

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

describe('a district of several towns', () => {
  it('shows 区反诈办 each town against its own campaign, and the district’s totals', async () => {
    const overview = data(await h.call<DistrictOverview>('progress', progress, 'demo-district', { action: 'district' }))
    expect(overview.towns.map((town) => town.name).sort()).toEqual(['石门镇', '贾嗣镇'])
    const jiasi = overview.towns.find((town) => town.id === 'town-jiasi')
    const shimen = overview.towns.find((town) => town.id === SECOND_TOWN._id)
    expect(jiasi).toMatchObject({ villages: DEMO_VILLAGES.length, progress: { registered: DEMO_VILLAGES.reduce((sum, v) => sum + v.registeredHouseholds, 0), covered: 1 } })
    expect(shimen?.progress?.registered).toBe(SECOND_TOWN_VILLAGES.reduce((sum, v) => sum + v.registeredHouseholds, 0))
    expect(shimen?.progress?.covered).toBeGreaterThan(0)
    expect(overview.total.registered).toBe((jiasi?.progress?.registered ?? 0) + (shimen?.progress?.registered ?? 0))
    expect(overview.total.covered).toBe((jiasi?.progress?.covered ?? 0) + (shimen?.progress?.covered ?? 0))
    // Nothing below the village: no names, phones or addresses, and no village list.
    expect(JSON.stringify(overview)).not.toMatch(/v-xinhua|新华村|户主/)
  })

  it('gives 区反诈办 nothing of a town’s own work', async () => {
    const calls: [string, typeof progress, string, unknown][] = [
      ['progress', progress, 'dashboard', {}],
      ['visits', visits, 'list', { scope: 'village', villageId: 'v-xinhua' }],
      ['households', households, 'register', { villageId: 'v-xinhua' }],
      ['admin', admin, 'town', {}],
      ['account', account, 'directory', {}],
    ]
    for (const [name, main, action, payload] of calls) {
      expect({ call: `${name}.${action}`, reply: await h.call(name, main, 'demo-district', { action, payload }) }).toMatchObject({ reply: { ok: false, error: { code: 'FORBIDDEN' } } })
    }
  })

  it('keeps each town’s office, police and cadres inside their own town', async () => {
    const shimen = data(await h.call<Dashboard>('progress', progress, 'demo-office-shimen', { action: 'dashboard', payload: {} }))
    expect(shimen.villages.map((village) => village.id).sort()).toEqual(SECOND_TOWN_VILLAGES.map((village) => village._id).sort())
    expect(shimen.scopeName).toBe('石门镇')
    const other = (openid: string, name: string, main: typeof progress, action: string, payload: unknown, write = false) =>
      h.call(name, main, openid, { action, payload, requestId: write ? h.newRequestId() : undefined })
    const range = { from: addDays(shanghaiDay(), -7), to: shanghaiDay() }
    for (const reply of [
      await other('demo-office-shimen', 'visits', visits, 'list', { scope: 'village', villageId: 'v-xinhua' }),
      await other('demo-office-shimen', 'households', households, 'register', { villageId: 'v-xinhua' }),
      await other('demo-office-shimen', 'progress', progress, 'exportArchive', { villageId: 'v-xinhua', ...range }, true),
      await other('demo-police', 'progress', progress, 'exportArchive', { villageId: 'v-shimen-dh', ...range }, true),
      await other('demo-cadre', 'visits', visits, 'list', { scope: 'village', villageId: 'v-shimen-dh' }),
    ]) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    const { data: towns } = await h.db.collection('users').where({ openid: 'demo-office-shimen' }).get()
    expect(towns[0]).toMatchObject({ townId: SECOND_TOWN._id })
  })
})
