import { main as account } from '../../cloudfunctions/account'
import { main as tips } from '../../cloudfunctions/tips'
import type { Reply } from '../../domain/errors'
import { shanghaiDay } from '../../domain/dates'
import type { SubmittedTip, SubmitTipInput } from '../../domain/tips'
import type { Harness } from './functions'

// Tips as the tests send them: a plausible tip, and the calls around it.

export function tipInput(extra: Partial<SubmitTipInput> = {}): SubmitTipInput {
  return {
    transfer: 'none',
    kind: 'brushing',
    story: '有人在QQ群里拉我刷单，说先垫付100元返150元，我没有转账。',
    happenedOn: shanghaiDay(),
    identifiers: [
      { kind: 'qq', value: '123456789' },
      { kind: 'phone', value: '17012345678' },
    ],
    amountLost: 0,
    evidenceCount: 0,
    contact: { mode: 'anonymous' },
    ...extra,
  }
}

export function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

export function submit(h: Harness, openid: string, input: SubmitTipInput, requestId = h.newRequestId()): Promise<Reply<SubmittedTip>> {
  return h.call<SubmittedTip>('tips', tips, openid, { action: 'submit', payload: input, requestId })
}

export function tipsCall<T>(h: Harness, openid: string | null, action: string, payload: unknown, requestId?: string): Promise<Reply<T>> {
  return h.call<T>('tips', tips, openid, { action, payload, requestId: requestId ?? h.newRequestId() })
}

/** The user accepts one message of `template` (as tapping 订阅 does). */
export async function grant(h: Harness, openid: string, template: 'tipStatus' | 'tipUrgent'): Promise<void> {
  data(await h.call('account', account, openid, { action: 'grantMessages', payload: { templates: [template] }, requestId: h.newRequestId() }))
}
