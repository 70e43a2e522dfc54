import { main } from '../../cloudfunctions/maintenance'
import { startFunctionHarness, type Harness } from '../support/functions'

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const DAY = 24 * 60 * 60 * 1000

describe('maintenance timer', () => {
  it('purges write records older than 30 days and keeps recent ones', async () => {
    const record = (id: string, ageDays: number) => ({
      _id: id, fn: 'account', action: 'signIn', openid: 'x', payloadHash: 'h', state: 'done', reply: { ok: true, data: null },
      createdAt: new Date(Date.now() - ageDays * DAY),
    })
    await h.db.collection('requests').add([record('r-old', 31), record('r-new', 2)])
    const reply = await h.call('maintenance', main, null, { Type: 'Timer', TriggerName: 'nightly', Time: new Date().toISOString() })
    expect(reply).toMatchObject({ ok: true, data: { purgedRequests: 1, purgedTipLimits: 0 } })
    expect(await h.count('requests', { _id: 'r-new' })).toBe(1)
    expect(await h.count('requests', { _id: 'r-old' })).toBe(0)
  })

  it('purges tip rate-limit counters whose window is over', async () => {
    await h.db.collection('tipLimits').add([
      { _id: 'tl_over', count: 5, expiresAt: new Date(Date.now() - 1000) },
      { _id: 'tl_running', count: 2, expiresAt: new Date(Date.now() + 3600_000) },
    ])
    const reply = await h.call('maintenance', main, null, { Type: 'Timer', TriggerName: 'nightly', Time: new Date().toISOString() })
    expect(reply).toMatchObject({ ok: true, data: { purgedTipLimits: 1 } })
    expect(await h.count('tipLimits', { _id: 'tl_running' })).toBe(1)
  })

  it('cannot be triggered by a client forging a timer event', async () => {
    const reply = await h.call('maintenance', main, 'demo-office', { Type: 'Timer', TriggerName: 'nightly' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
