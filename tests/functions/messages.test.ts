import { main as account } from '../../cloudfunctions/account'
import { sendMessage } from '../../cloudfunctions/_lib/notify'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { Reply } from '../../domain/errors'
import type { MessageSettings } from '../../domain/messages'
import { startFunctionHarness, type Harness } from '../support/functions'

// The one channel for subscribe messages: grants counted per user and
// template, one spent per message, none sent without one; locally the
// messages land in the outbox after WeChat's own field checks.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

const RESIDENT = 'demo-resident'
const recipient = { openid: RESIDENT, userId: userIdFor(RESIDENT) }
const grant = (templates: unknown, requestId = h.newRequestId()) =>
  h.call<MessageSettings>('account', account, RESIDENT, { action: 'grantMessages', payload: { templates }, requestId })
const remaining = (settings: MessageSettings, key: string) => settings.templates.find((template) => template.key === key)?.remaining
const alert = { title: '警惕刷单返利', summary: '先垫付后返利都是骗局', publishedAt: '2026年11月30日 09:00' }

describe('subscribe messages', () => {
  it('offers every template with the id to ask for, and none granted yet', async () => {
    const settings = data(await h.call<MessageSettings>('account', account, RESIDENT, { action: 'messageSettings' }))
    expect(settings.templates.map((template) => template.key)).toEqual(['articleAlert', 'tipStatus', 'tipUrgent', 'reminder'])
    expect(settings.templates.every((template) => template.remaining === 0 && template.id.length > 0)).toBe(true)
  })

  it('sends nothing without a grant, and one message per grant', async () => {
    expect(await sendMessage(h.db, recipient, 'articleAlert', alert)).toEqual({ outcome: 'no_grant' })
    const requestId = h.newRequestId()
    data(await grant(['articleAlert'], requestId))
    // A retried tap (same requestId) is one grant, not two.
    expect(remaining(data(await grant(['articleAlert'], requestId)), 'articleAlert')).toBe(1)
    data(await grant(['articleAlert']))

    const before = await h.count('outbox', { openid: RESIDENT })
    expect(await sendMessage(h.db, recipient, 'articleAlert', alert, 'pages/learn/article?id=a1')).toEqual({ outcome: 'sent' })
    expect(await sendMessage(h.db, recipient, 'articleAlert', alert)).toEqual({ outcome: 'sent' })
    expect(await sendMessage(h.db, recipient, 'articleAlert', alert)).toEqual({ outcome: 'no_grant' })
    expect(await h.count('outbox', { openid: RESIDENT })).toBe(before + 2)
    const { data: sent } = await h.db.collection('outbox').where({ openid: RESIDENT, page: 'pages/learn/article?id=a1' }).get()
    expect(sent[0]).toMatchObject({ template: 'articleAlert', fields: alert })
  })

  it('gives the grant back when the platform refuses the message, so nothing is lost', async () => {
    data(await grant(['tipStatus']))
    // An empty note breaks WeChat's rule for a thing field (errcode 47003).
    expect(await sendMessage(h.db, recipient, 'tipStatus', { reference: 'JB-1', status: '已受理', note: '', updatedAt: '2026年11月30日 09:00' })).toMatchObject({ outcome: 'failed', code: '47003' })
    const settings = data(await h.call<MessageSettings>('account', account, RESIDENT, { action: 'messageSettings' }))
    expect(remaining(settings, 'tipStatus')).toBe(1)
  })

  it('refuses an unknown template, more than three at once, and a caller who never signed in', async () => {
    expect(await grant(['lottery'])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'templates.0' } })
    expect(await grant(['articleAlert', 'tipStatus', 'tipUrgent', 'reminder'])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'templates' } })
    expect(await h.call('account', account, 'wx-never-signed-in', { action: 'grantMessages', payload: { templates: ['articleAlert'] }, requestId: h.newRequestId() })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
