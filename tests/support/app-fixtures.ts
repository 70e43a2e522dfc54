import { waitFor } from '@testing-library/react'
import type { InviteView, Me } from '../../domain/account'
import type { Reply } from '../../domain/errors'
import type { Role } from '../../domain/roles'
import type { VisitFormContext } from '../../domain/visits'
import { taroMock } from './taro-mock'

export function makeMe(roles: Role[] = ['resident'], extra: Partial<Me> = {}): Me {
  return {
    userId: 'u_0123456789abcdef01234567',
    name: '王秀英',
    roles,
    town: {
      id: 'town-1',
      name: '白沙镇',
      region: '重庆市江津区',
      hotlines: [
        { label: '镇反诈办', number: '023-47711110' },
        { label: '白沙派出所', number: '023-47722220' },
      ],
    },
    village: null,
    unit: null,
    unreadMessages: 0,
    ...extra,
  }
}

export function makeInvite(extra: Partial<InviteView> = {}): InviteView {
  return {
    code: 'K7XM3QPA',
    role: 'cadre',
    village: { id: 'v-1', name: '李家村' },
    unit: null,
    note: '',
    status: 'active',
    createdAt: '2025-03-01T02:00:00.000Z',
    expiresAt: '2025-03-08T02:00:00.000Z',
    usedAt: null,
    ...extra,
  }
}

export interface CallData {
  action: string
  payload: Record<string, unknown>
  requestId?: string
}

/** A reply, or a thrown error to stand for "the call never got through". */
export type Handler = (data: CallData) => Reply<unknown> | Promise<Reply<unknown>> | Error

/**
 * Answers wx.cloud.callFunction({ name, data }) like CloudBase would: the
 * function's envelope in `.result`. Returns the mock to inspect calls.
 */
export function mockCloud(handlers: Record<string, Handler>): jest.Mock {
  const callFunction = jest.fn(async (options?: Record<string, unknown>) => {
    const { name, data } = options as { name: string; data: CallData }
    const handler = handlers[`${name}.${data.action}`]
    if (!handler) throw new Error(`no handler for ${name}.${data.action}`)
    const outcome = await handler(data)
    if (outcome instanceof Error) throw outcome
    return { errMsg: 'cloud.callFunction:ok', result: outcome }
  })
  taroMock.cloud.callFunction = callFunction
  return callFunction
}

/** The `data` of every call made to `name.action`. */
export function callsTo(mock: jest.Mock, action: string): CallData[] {
  return mock.mock.calls
    .map(([options]) => (options as { data: CallData }).data)
    .filter((data) => data.action === action)
}

export function ok<T>(data: T): Reply<T> {
  return { ok: true, data }
}

/** Today in Asia/Shanghai, as the form computes it. */
export const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

/** What visits.context answers a cadre of 新华村. */
export const VISIT_FORM_CONTEXT: VisitFormContext = {
  village: { id: 'v-1', name: '新华村', kind: 'village' },
  uploaderId: 'u_0123456789abcdef01234567',
  defaultUnitName: '新华村村委会',
  authorName: '王秀英',
  today: TODAY,
  campaign: { id: 'c-1', name: '全民反诈入户宣传', startDay: '2025-01-01' },
}

/**
 * The phone's network status events (Taro.onNetworkStatusChange), which the
 * Taro mock leaves out. Returns what announces a change to every listener.
 */
export function mockNetworkStatus(): (isConnected: boolean) => void {
  type Listener = (status: { isConnected: boolean; networkType: string }) => void
  const listeners = new Set<Listener>()
  Object.assign(taroMock, {
    onNetworkStatusChange: (listener: Listener) => listeners.add(listener),
    offNetworkStatusChange: (listener: Listener) => listeners.delete(listener),
  })
  return (isConnected) => {
    for (const listener of [...listeners]) listener({ isConnected, networkType: isConnected ? 'wifi' : 'none' })
  }
}

/** Waits until `selector` matches inside `container`. */
export function findIn(container: HTMLElement, selector: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = container.querySelector(selector)
    if (!found) throw new Error(`${selector} is not there yet`)
    return found as HTMLElement
  })
}
