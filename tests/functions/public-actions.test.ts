import { action, defineFunction } from '../../cloudfunctions/_lib/function'
import { startFunctionHarness, type Harness } from '../support/functions'

// A public read serves callers without a WeChat identity (a page opened from
// Moments runs with no login); everything else still needs one, and a
// function open to such callers can have no timer to forge.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const onTimer = jest.fn(async () => 'ran')
const open = defineFunction('open', {
  read: action({ audience: 'public', run: async ({ caller }) => ({ signedIn: caller !== null, roles: caller?.roles ?? [] }) }),
  write: action({ audience: 'anyone', write: true, run: async () => 'written' }),
})

describe('public reads', () => {
  it('run for a caller without a WeChat identity, who gets no caller', async () => {
    expect(await h.call('open', open, null, { action: 'read' })).toEqual({ ok: true, data: { signedIn: false, roles: [] } })
    expect(await h.call('open', open, 'demo-office', { action: 'read' })).toEqual({ ok: true, data: { signedIn: true, roles: ['resident', 'office'] } })
  })

  it('open nothing else to such a caller, and no timer', async () => {
    expect(await h.call('open', open, null, { action: 'write', requestId: h.newRequestId() })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await h.call('open', open, null, { Type: 'Timer', TriggerName: 'nightly' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('cannot sit in a function with a timer', () => {
    expect(() => defineFunction('mixed', { read: action({ audience: 'public', run: async () => null }) }, { onTimer })).toThrow(/timer/)
    expect(onTimer).not.toHaveBeenCalled()
  })
})
