import { main as visits } from '../../cloudfunctions/visits'
import { fail, type Reply } from '../../domain/errors'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { visitFilePath } from '../../domain/files'
import { OfflineQueue, retryDelay, type QueuedWrite, type QueueStorage, type QueueTransport } from '../../src/services/offline-queue'
import { CREATE_VISIT, withVisitFiles } from '../../src/features/visits/queued-visit'
import { seededRandom } from '../../local/seed/random'
import { startFunctionHarness, type Harness } from '../support/functions'
import { PNG_BYTES, visitInput } from '../support/visits'

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const VILLAGE = 'v-xinhua'


/** Storage as the phone keeps it: the queue goes in and comes back out as JSON. */
function memoryStorage<P, S extends string>(): QueueStorage<P, S> {
  let saved = '[]'
  return {
    load: () => JSON.parse(saved) as QueuedWrite<P, S>[],
    save: (items) => {
      saved = JSON.stringify(items)
    },
  }
}

/**
 * The phone's view of a bad network: a request is lost on the way out (nothing
 * happens), or gets through and its reply is lost on the way back (it happened,
 * but the phone cannot know), each a quarter of the time.
 */
function flakyTransport(random: () => number): QueueTransport & { calls: number } {
  const transport = {
    calls: 0,
    async call(fn: string, action: string, payload: unknown, requestId: string): Promise<Reply<unknown>> {
      transport.calls += 1
      const roll = random()
      if (roll < 0.25) return fail('NETWORK')
      const reply = await h.call(fn, visits, 'demo-cadre', { action, payload, requestId })
      return roll < 0.5 ? fail('NETWORK') : reply
    },
    async upload(localPath: string, cloudPath: string): Promise<Reply<{ fileID: string }>> {
      const roll = random()
      if (roll < 0.25) return fail('NETWORK')
      const { fileID } = await h.local.app.uploadFile({ cloudPath, fileContent: Buffer.from(localPath, 'base64') })
      return roll < 0.5 ? fail('NETWORK') : { ok: true, data: { fileID } }
    },
  }
  return transport
}

describe('offline queue', () => {
  it('delivers 200 visits exactly once when half of all requests fail or lose their reply', async () => {
    const random = seededRandom(42)
    let clock = Date.now()
    const storage = memoryStorage()
    const transport = flakyTransport(random)
    let queue = new OfflineQueue(CREATE_VISIT, storage, transport, () => clock, random)

    const requestIds: string[] = []
    for (let i = 0; i < 200; i += 1) {
      const requestId = h.newRequestId()
      requestIds.push(requestId)
      queue.enqueue({
        requestId,
        payload: {
          ...visitInput({ villageId: VILLAGE, newHousehold: { group: 7, door: `${i + 1}号`, headName: `户主${i}`, phone: '' } }),
          signature: { kind: 'signed' },
        },
        files: [{ slot: 'signature', localPath: PNG_BYTES.toString('base64'), cloudPath: visitFilePath('signature', { villageId: VILLAGE, uploaderId: userIdFor('demo-cadre'), requestId }) }],
        label: `7组${i + 1}号`,
      })
      // The app is closed and reopened now and then: the queue comes back from storage.
      if (i % 50 === 49) queue = new OfflineQueue(CREATE_VISIT, storage, transport, () => clock, random)
    }
    expect(queue.counts()).toEqual({ waiting: 200, rejected: 0 })

    for (let round = 0; round < 500 && queue.counts().waiting > 0; round += 1) {
      await queue.sync()
      clock += 10 * 60 * 1000 // past the longest backoff
    }

    expect(queue.counts()).toEqual({ waiting: 0, rejected: 0 })
    expect(transport.calls).toBeGreaterThan(200)
    expect(await h.count('visits', { villageId: VILLAGE, group: 7 })).toBe(200)
    expect(await h.count('visits', { requestId: h.db.command.in(requestIds) })).toBe(200)
    expect(await h.count('households', { villageId: VILLAGE, group: 7 })).toBe(200)
    const { data } = await h.db.collection('coverage').where({ villageId: VILLAGE }).get()
    expect((data[0] as { covered: number }).covered).toBe(200)
  }, 120_000)

  it('keeps a refused visit with its reason until it is fixed and resent under the same requestId', async () => {
    const queue = new OfflineQueue(CREATE_VISIT, memoryStorage(), flakyTransport(() => 0.9))
    const requestId = h.newRequestId()
    queue.enqueue({
      requestId,
      payload: { ...visitInput({ villageId: VILLAGE, newHousehold: { group: 8, door: '1号', headName: '甲' } }), phone: '123' },
      label: '8组1号',
    })
    expect(await queue.sync()).toEqual({ sent: 0, rejected: 1, failed: 0 })
    const [refused] = queue.items()
    expect(refused).toMatchObject({ state: 'rejected', error: { code: 'INVALID_INPUT', field: 'phone' } })

    queue.resend(requestId, { ...refused.payload, phone: '13800001111' })
    expect(await queue.sync()).toEqual({ sent: 1, rejected: 0, failed: 0 })
    expect(await h.count('visits', { requestId })).toBe(1)
  })

  it('stops a sync at the first lost connection and backs off with growing, jittered delays', async () => {
    const transport: QueueTransport = { call: async () => fail('NETWORK'), upload: async () => fail('NETWORK') }
    const ping = { fn: 'ping', action: 'send', withFiles: (payload: { n: number }) => payload }
    const queue = new OfflineQueue(ping, memoryStorage(), transport, () => 0, () => 1)
    for (let i = 0; i < 3; i += 1) queue.enqueue({ requestId: `req-${i}-abcdefgh`, payload: { n: i }, label: '' })
    expect(await queue.sync()).toEqual({ sent: 0, rejected: 0, failed: 1 })
    expect(queue.items().map((item) => item.attempts)).toEqual([1, 0, 0])
    expect([1, 2, 3, 8, 20].map((n) => retryDelay(n, () => 1))).toEqual([2000, 4000, 8000, 256000, 300000])
    expect(retryDelay(1, () => 0)).toBe(1000)
  })

  it("puts the uploaded files' ids where visits.create takes them", () => {
    const visit = { ...visitInput({ villageId: VILLAGE, householdId: 'h-1' }), signature: { kind: 'proxy' as const, proxyName: '王二', reason: '老人不识字' } }
    expect(withVisitFiles(visit, { signature: 'cloud://a/sig.png', photo: 'cloud://a/photo.jpg' })).toEqual({
      ...visit,
      signature: { kind: 'proxy', proxyName: '王二', reason: '老人不识字', fileID: 'cloud://a/sig.png' },
      photoFileID: 'cloud://a/photo.jpg',
    })
    const refused = visitInput({ villageId: VILLAGE, householdId: 'h-1' })
    expect(withVisitFiles({ ...refused, signature: { kind: 'refused', reason: '不愿签' } }, {})).toEqual({ ...refused, signature: { kind: 'refused', reason: '不愿签' } })
  })
})
