import { main } from '../../cloudfunctions/account'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { InviteView, Me } from '../../domain/account'
import type { Reply } from '../../domain/errors'
import { startFunctionHarness, type Harness } from '../support/functions'

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const call = <T>(openid: string | null, action: string, payload: unknown = {}, requestId?: string) =>
  h.call<T>('account', main, openid, { action, payload, requestId })
const write = <T>(openid: string | null, action: string, payload: unknown = {}) => call<T>(openid, action, payload, h.newRequestId())

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

async function newInvite(payload: Record<string, unknown>, office = 'demo-office'): Promise<InviteView> {
  return data(await write<InviteView>(office, 'createInvite', payload))
}

describe('sign-in and identity', () => {
  it('creates a resident of the town on the first sign-in, and the same user afterwards', async () => {
    const first = data(await write<Me>('wx-new-1', 'signIn'))
    expect(first).toMatchObject({ name: '微信用户', roles: ['resident'], village: null, unit: null })
    expect(first.town).toEqual({
      id: 'town-jiasi',
      name: '贾嗣镇',
      region: '重庆市江津区',
      hotlines: [
        { label: '反诈专线', number: '96110' },
        { label: '贾嗣派出所', number: '023-47651042' },
      ],
    })
    const again = data(await write<Me>('wx-new-1', 'signIn'))
    expect(again.userId).toBe(first.userId)
    expect(await h.count('users', { openid: 'wx-new-1' })).toBe(1)
  })

  it('creates one user when first sign-ins race each other', async () => {
    const replies = await Promise.all([1, 2, 3, 4].map(() => write<Me>('wx-racer', 'signIn')))
    const ids = new Set(replies.map((reply) => data(reply).userId))
    expect(ids.size).toBe(1)
    expect(await h.count('users', { openid: 'wx-racer' })).toBe(1)
  })

  it('takes identity from the runtime context only: an openid in the payload or userInfo is ignored', async () => {
    await write('wx-pretender', 'signIn')
    const reply = await h.call('account', main, 'wx-pretender', {
      action: 'listInvites',
      payload: { openid: 'demo-office' },
      openid: 'demo-office',
      userInfo: { openId: 'demo-office' },
    })
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('refuses a call without a WeChat identity', async () => {
    expect(await call(null, 'me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('asks a caller who never signed in to sign in before reading their profile', async () => {
    expect(await call('wx-never', 'me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('makes the openids in BOOTSTRAP_OFFICE_OPENIDS office users, so a new deployment has an administrator', async () => {
    process.env.BOOTSTRAP_OFFICE_OPENIDS = 'wx-first-admin, other'
    try {
      const me = data(await write<Me>('wx-first-admin', 'signIn'))
      expect(me.roles).toEqual(['resident', 'office'])
      expect(await h.count('audit', { action: 'account.bootstrapOffice' })).toBe(1)
    } finally {
      delete process.env.BOOTSTRAP_OFFICE_OPENIDS
    }
  })

  it('lets a user change their display name, stored and shown as text', async () => {
    await write('wx-namer', 'signIn')
    const me = data(await write<Me>('wx-namer', 'updateProfile', { name: '  <b>王</b>大爷👴 ' }))
    expect(me.name).toBe('<b>王</b>大爷👴')
    expect(await write('wx-namer', 'updateProfile', { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'name', message: '请填写姓名' },
    })
  })
})

describe('roles are enforced from stored roles', () => {
  it.each(['createInvite', 'listInvites', 'revokeInvite', 'directory'])('refuses %s to a resident and writes nothing', async (action) => {
    const before = await h.count('invites')
    const reply = await write('demo-resident', action, { role: 'police', code: 'ABCDEFGH' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.count('invites')).toBe(before)
  })

  it('refuses office tools to a cadre and to the police', async () => {
    expect(await write('demo-cadre', 'createInvite', { role: 'police' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('demo-police', 'listInvites')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('lists the villages each works with: the town to the police, the unit’s to a unit head, the own to a cadre', async () => {
    const police = data(await call<{ villages: { id: string }[] }>('demo-police', 'directory'))
    expect(police.villages).toHaveLength(12)
    const head = data(await call<{ villages: { name: string }[]; units: { name: string }[] }>('demo-unit-head', 'directory'))
    expect(head.villages.map((village) => village.name)).toEqual(['贾嗣社区', '新华村', '石梁村'])
    expect(head.units.map((unit) => unit.name)).toEqual(['党群办（宣传）'])
    expect(data(await call('demo-cadre', 'directory'))).toEqual({ villages: [{ id: 'v-xinhua', name: '新华村' }], units: [] })
    expect(await call('demo-resident', 'directory')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('gives office the town directory for the invite form', async () => {
    const directory = data(await call<{ villages: { name: string }[]; units: { name: string }[] }>('demo-office', 'directory'))
    expect(directory.villages).toHaveLength(12)
    expect(directory.villages[0].name).toBe('贾嗣社区')
    expect(directory.units.map((unit) => unit.name)).toContain('党群办（宣传）')
  })
})

describe('invite codes', () => {
  it('turns a resident into the cadre of the invite’s village', async () => {
    await write('wx-cadre-to-be', 'signIn')
    const invite = await newInvite({ role: 'cadre', villageId: 'v-yanba', note: '燕坝村网格员' })
    expect(invite).toMatchObject({ role: 'cadre', status: 'active', village: { id: 'v-yanba', name: '燕坝村' } })
    const me = data(await write<Me>('wx-cadre-to-be', 'redeemInvite', { code: invite.code.toLowerCase() }))
    expect(me.roles).toEqual(['resident', 'cadre'])
    expect(me.village).toEqual({ id: 'v-yanba', name: '燕坝村' })
    const listed = data(await call<InviteView[]>('demo-office', 'listInvites')).find((item) => item.code === invite.code)
    expect(listed?.status).toBe('used')
    expect(await h.count('audit', { action: 'account.redeemInvite', target: invite.code })).toBe(1)
  })

  it('refuses a code that was already used', async () => {
    const invite = await newInvite({ role: 'police' })
    await write('wx-p1', 'signIn')
    await write('wx-p2', 'signIn')
    data(await write('wx-p1', 'redeemInvite', { code: invite.code }))
    const reply = await write<Me>('wx-p2', 'redeemInvite', { code: invite.code })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code', message: '这个邀请码已被使用，请联系镇反诈办重新获取' } })
    expect(data(await write<Me>('wx-p2', 'signIn')).roles).toEqual(['resident'])
  })

  it('lets exactly one of two users racing for the same code have it', async () => {
    const invite = await newInvite({ role: 'police' })
    await write('wx-race-a', 'signIn')
    await write('wx-race-b', 'signIn')
    const replies = await Promise.all([
      write<Me>('wx-race-a', 'redeemInvite', { code: invite.code }),
      write<Me>('wx-race-b', 'redeemInvite', { code: invite.code }),
    ])
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1)
    expect(await h.count('users', { roles: 'police', openid: h.db.command.in(['wx-race-a', 'wx-race-b']) })).toBe(1)
  })

  it('refuses an expired code', async () => {
    const invite = await newInvite({ role: 'police', validDays: 1 })
    await h.db.collection('invites').doc(invite.code).update({ expiresAt: new Date(Date.now() - 1000) })
    await write('wx-late', 'signIn')
    expect(await write('wx-late', 'redeemInvite', { code: invite.code })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '这个邀请码已过期，请联系镇反诈办重新获取' },
    })
    const listed = data(await call<InviteView[]>('demo-office', 'listInvites')).find((item) => item.code === invite.code)
    expect(listed?.status).toBe('expired')
  })

  it('refuses a revoked code, and refuses to revoke a used one', async () => {
    const invite = await newInvite({ role: 'police' })
    expect(data(await write<InviteView>('demo-office', 'revokeInvite', { code: invite.code })).status).toBe('revoked')
    await write('wx-revoked', 'signIn')
    expect(await write('wx-revoked', 'redeemInvite', { code: invite.code })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    const used = await newInvite({ role: 'police' })
    data(await write('wx-revoked', 'redeemInvite', { code: used.code }))
    expect(await write('demo-office', 'revokeInvite', { code: used.code })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('keeps towns apart: no invites for another town’s village, no redeeming another town’s code as staff', async () => {
    await h.db.collection('towns').add({ _id: 'town-other', name: '另一镇', region: '重庆市江津区', hotlines: [] })
    await h.db.collection('villages').add({
      _id: 'v-other', townId: 'town-other', name: '外镇村', kind: 'village', order: 0, registeredHouseholds: 500, policeOfficer: null, unitId: null,
    })
    expect(await write('demo-office', 'createInvite', { role: 'cadre', villageId: 'v-other' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'villageId' },
    })

    await h.db.collection('users').add({
      _id: userIdFor('wx-other-office'), openid: 'wx-other-office', name: '外镇办', roles: ['resident', 'office'], townId: 'town-other',
      villageId: null, unitId: null, createdAt: new Date(), updatedAt: new Date(),
    })
    const otherInvite = await newInvite({ role: 'cadre', villageId: 'v-other' }, 'wx-other-office')
    expect(await write('demo-cadre', 'redeemInvite', { code: otherInvite.code })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'code' },
    })
    expect(data(await call<InviteView[]>('demo-office', 'listInvites')).some((item) => item.code === otherInvite.code)).toBe(false)
  })

  it('pauses redeeming after five wrong codes in an hour', async () => {
    await write('wx-guesser', 'signIn')
    for (let i = 0; i < 5; i += 1) {
      expect(await write('wx-guesser', 'redeemInvite', { code: 'ZZZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(await write('wx-guesser', 'redeemInvite', { code: 'ZZZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  })
})

describe('retries and bad input', () => {
  it('runs a write once when the same requestId arrives three times at once', async () => {
    const before = await h.count('invites')
    const requestId = h.newRequestId()
    const replies = await Promise.all(
      [1, 2, 3].map(() => call<InviteView>('demo-office', 'createInvite', { role: 'police', note: '重试' }, requestId)),
    )
    expect(await h.count('invites')).toBe(before + 1)
    const codes = replies.map((reply) => data(reply).code)
    expect(new Set(codes).size).toBe(1)
  })

  it('returns the first reply to a later retry of the same write', async () => {
    const requestId = h.newRequestId()
    const first = data(await call<InviteView>('demo-office', 'createInvite', { role: 'police' }, requestId))
    const retry = data(await call<InviteView>('demo-office', 'createInvite', { role: 'police' }, requestId))
    expect(retry).toEqual(first)
  })

  it('refuses a reused requestId carrying different content', async () => {
    const requestId = h.newRequestId()
    data(await call('demo-office', 'createInvite', { role: 'police' }, requestId))
    expect(await call('demo-office', 'createInvite', { role: 'office' }, requestId)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'requestId' },
    })
  })

  it('lets a refused write be fixed and resent under the same requestId', async () => {
    const requestId = h.newRequestId()
    expect(await call('demo-office', 'createInvite', { role: 'cadre' }, requestId)).toMatchObject({ ok: false, error: { field: 'villageId' } })
    const fixed = await call<InviteView>('demo-office', 'createInvite', { role: 'cadre', villageId: 'v-gaofeng' }, requestId)
    expect(data(fixed).village?.name).toBe('高峰村')
  })

  it('refuses a write without requestId and writes nothing', async () => {
    const before = await h.count('invites')
    expect(await call('demo-office', 'createInvite', { role: 'police' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'requestId' },
    })
    expect(await h.count('invites')).toBe(before)
  })

  it.each([
    ['a string instead of an object', 'not json', undefined],
    ['an unknown action', { action: 'dropTables' }, 'action'],
    ['an action that is not a name', { action: '../../etc' }, 'action'],
    ['a payload of the wrong shape', { action: 'createInvite', payload: { role: 42 }, requestId: 'abcdefgh12' }, 'role'],
    ['a payload over 1 MB', { action: 'updateProfile', payload: { name: 'x'.repeat(1_100_000) }, requestId: 'abcdefgh13' }, 'payload'],
  ])('answers %s with INVALID_INPUT in Chinese', async (_label, event, field) => {
    const reply = await h.call('account', main, 'demo-office', event)
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!reply.ok) {
      expect(reply.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(reply.error.field).toBe(field)
    }
  })
})
