import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { CloudFunctionMain } from '../../cloudfunctions/_lib/function'
import { ok } from '../../domain/errors'
import { startFunctionHarness, type Harness } from '../support/functions'
import { findPersonalData, personalDataLeaks, PersonalDataLeakError } from '../support/pii-scan'

// The reply scanner every function test goes through (h.call), tested on
// replies planted by a stand-in function, against a record planted in the
// harness database: a visit in 新华村 logged by demo-cadre.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
  await h.db.collection('visits').add({
    _id: 'v_planted',
    townId: 'town-jiasi',
    villageId: 'v-xinhua',
    authorId: userIdFor('demo-cadre'),
    residentName: '王大爷',
    phone: '13912345678',
    otherContent: '儿子电话 139-8765-4321，周末在家',
  })
})
afterAll(() => h.stop())

/** A function that answers whatever the test plants. */
const replying = (data: unknown): CloudFunctionMain => Object.assign(async () => ok(data), { actions: {} })
const callAs = (openid: string | null, data: unknown) => h.call('planted', replying(data), openid, { action: 'read', payload: {} })

describe('the personal-data scanner', () => {
  it('finds phones and ID numbers in free text, whatever their spelling, and nothing in ids, hashes or masks', () => {
    const found = findPersonalData({
      a: '请回电13912345678。',
      b: '座机 023-47651042 或 02347651042',
      c: '+86 139 1234 5678',
      d: '身份证500381199001011234，旧证500381900101123',
      e: 13912345678,
      ignored: ['139****5678', 'v_13912345678abc', 'a1b2c3d4e5f613912345678', '0.13912345678', '1712345678901', '2026-11-30T04:54:03.659Z'],
    })
    expect(found.map((hit) => [hit.kind, hit.digits, hit.at])).toEqual([
      ['phone', '13912345678', 'a'],
      ['phone', '02347651042', 'b'],
      ['phone', '02347651042', 'b'],
      ['phone', '13912345678', 'c'],
      ['id-number', '500381199001011234', 'd'],
      ['id-number', '500381900101123', 'd'],
      ['phone', '13912345678', 'e'],
    ])
  })

  it('fails the call when a unit head is shown a resident phone unmasked', async () => {
    const reply = callAs('demo-unit-head', { items: [{ residentName: '王**', phone: '13912345678' }] })
    await expect(reply).rejects.toThrow(PersonalDataLeakError)
    await expect(callAs('demo-unit-head', { items: [{ otherContent: '儿子电话 139-8765-4321' }] })).rejects.toThrow('phone "139-8765-4321" at data.items[0].otherContent')
  })

  it('lets the author, the village cadre, office and police see the record in full', async () => {
    for (const openid of ['demo-cadre', 'demo-office', 'demo-police']) {
      await expect(callAs(openid, { phone: '13912345678', otherContent: '儿子电话 139-8765-4321' })).resolves.toMatchObject({ ok: true })
    }
  })

  it('refuses it to a resident, a stranger and a caller without identity', async () => {
    for (const openid of ['demo-resident', 'wx-never-signed-in', null]) {
      await expect(callAs(openid, { phone: '13912345678' })).rejects.toThrow(PersonalDataLeakError)
    }
  })

  it('lets anyone see the town hotlines and the village police officer', async () => {
    await expect(callAs('demo-resident', { hotlines: ['96110', '023-47651042'] })).resolves.toMatchObject({ ok: true })
  })

  it('shows ID-number-like runs to office and police only', async () => {
    const data = { note: '身份证号500381199001011234' }
    await expect(callAs('demo-cadre', data)).rejects.toThrow('id-number "500381199001011234" at data.note')
    await expect(callAs('demo-police', data)).resolves.toMatchObject({ ok: true })
  })

  it('lets a caller see a number nobody holds only if they sent it', async () => {
    const echo = (openid: string, payload: unknown) =>
      h.call('planted', replying({ phone: '13700000000' }), openid, { action: 'read', payload })
    await expect(echo('demo-cadre', { phone: '137 0000 0000' })).resolves.toMatchObject({ ok: true })
    await expect(echo('demo-cadre', {})).rejects.toThrow(/no record holds it/)
  })

  it('skips a reply only when the test says why', async () => {
    const leaky = replying({ phone: '13912345678' })
    await expect(h.call('planted', leaky, 'demo-unit-head', { action: 'read' }, { skipPiiScan: 'planted on purpose' })).resolves.toMatchObject({ ok: true })
    await expect(h.call('planted', leaky, 'demo-unit-head', { action: 'read' }, { skipPiiScan: ' ' })).rejects.toThrow(/needs a reason/)
  })

  it('can be called directly on any reply', () => {
    const leaks = personalDataLeaks({ ok: true, data: { phone: '13912345678' } }, { openid: 'demo-unit-head', reader: h.personalData })
    expect(leaks).toEqual([expect.objectContaining({ kind: 'phone', at: 'data.phone', why: expect.stringContaining('visits v_planted') })])
  })
})
