import { main as households } from '../../cloudfunctions/households'
import { main as visits } from '../../cloudfunctions/visits'
import type { Reply } from '../../domain/errors'
import type { HouseholdView } from '../../domain/roster'
import type { VisitDetail } from '../../domain/visits'
import { startFunctionHarness, type Harness } from '../support/functions'
import { uploadSignature, visitInput } from '../support/visits'

// Database calls are what CloudBase bills and what a user waits on (one
// round trip each), so the hottest write's count is held here: a count, not a
// timing. bench/action-cost.bench.ts prints every action's.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const VILLAGE = 'v-xinhua'

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

/** What `work` asked of the local CloudBase, by request. */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; database: number; storage: number; calls: Record<string, number> }> {
  const before = h.local.server.usage().calls
  const result = await work()
  const calls: Record<string, number> = {}
  for (const [name, n] of Object.entries(h.local.server.usage().calls)) if (n > (before[name] ?? 0)) calls[name] = n - (before[name] ?? 0)
  const sum = (names: string[]) => names.reduce((total, name) => total + calls[name], 0)
  const names = Object.keys(calls)
  return { result, database: sum(names.filter((name) => name.startsWith('database.'))), storage: sum(names.filter((name) => name.startsWith('storage.'))), calls }
}

async function counters() {
  const { data: docs } = await h.db.collection('coverage').where({ villageId: VILLAGE }).get()
  return docs.map(({ covered, visits: count, byDay }) => ({ covered, visits: count, byDay }))
}

async function registeredHousehold(door: string): Promise<string> {
  const reply = await h.call<{ household: HouseholdView }>('households', households, 'demo-cadre', {
    action: 'create',
    payload: { villageId: VILLAGE, group: 7, door, headName: '王大爷', phone: '' },
    requestId: h.newRequestId(),
  })
  return data(reply).household.id
}

async function signedVisitEvent(householdId: string) {
  const requestId = h.newRequestId()
  const fileID = await uploadSignature(h, 'demo-cadre', VILLAGE, requestId)
  return { action: 'create', payload: visitInput({ villageId: VILLAGE, householdId, signature: { kind: 'signed', fileID } }), requestId }
}

describe('what logging a visit costs', () => {
  it('takes at most 7 database calls and one storage call, and a retry at most 6 that write nothing', async () => {
    // The village has counters and the instance has its reference data, as on any day of a campaign.
    data(await h.call('visits', visits, 'demo-cadre', await signedVisitEvent(await registeredHousehold('1号'))))
    const event = await signedVisitEvent(await registeredHousehold('2号'))

    const first = await counted(() => h.call<VisitDetail>('visits', visits, 'demo-cadre', event))
    const visit = data(first.result)
    expect(first.database).toBeLessThanOrEqual(7)
    expect(first.storage).toBe(1)

    const before = { visits: await h.count('visits'), counters: await counters() }
    const retry = await counted(() => h.call<VisitDetail>('visits', visits, 'demo-cadre', event))
    expect(data(retry.result).id).toBe(visit.id)
    expect(retry.database).toBeLessThanOrEqual(6)
    expect({ visits: await h.count('visits'), counters: await counters() }).toEqual(before)
  })
})
