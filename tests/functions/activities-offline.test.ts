import { main as activities } from '../../cloudfunctions/activities'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import type { PlaceView } from '../../domain/activities'
import { fail, type Reply } from '../../domain/errors'
import { activityPhotoPath } from '../../domain/files'
import { seededRandom } from '../../local/seed/random'
import { OfflineQueue, type QueuedWrite, type QueueStorage, type QueueTransport } from '../../src/services/offline-queue'
import { CREATE_ACTIVITY, withActivityFiles } from '../../src/features/activities/queued-activity'
import { activityInput, JPEG_BYTES } from '../support/activities'
import { startFunctionHarness, type Harness } from '../support/functions'

// The activity log goes through the same outbox as visits (services/offline-queue.ts):
// lost requests and lost replies still make exactly one record each.

let h: Harness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.stop())

const VILLAGE = 'v-xinhua'

function memoryStorage<P, S extends string>(): QueueStorage<P, S> {
  let saved = '[]'
  return {
    load: () => JSON.parse(saved) as QueuedWrite<P, S>[],
    save: (items) => {
      saved = JSON.stringify(items)
    },
  }
}

/** A request lost on the way out, or its reply lost on the way back, each a quarter of the time. */
function flakyTransport(random: () => number): QueueTransport & { calls: number } {
  const transport = {
    calls: 0,
    async call(fn: string, action: string, payload: unknown, requestId: string): Promise<Reply<unknown>> {
      transport.calls += 1
      const roll = random()
      if (roll < 0.25) return fail('NETWORK')
      const reply = await h.call(fn, activities, 'demo-cadre', { action, payload, requestId })
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

describe('activities through the offline queue', () => {
  it('delivers 80 banners with photos exactly once each when half of all requests fail or lose their reply', async () => {
    const random = seededRandom(7)
    let clock = Date.now()
    const storage = memoryStorage()
    const transport = flakyTransport(random)
    let queue = new OfflineQueue(CREATE_ACTIVITY, storage, transport, () => clock, random)
    const places: PlaceView[] = []
    for (let i = 0; i < 20; i += 1) {
      const reply = await h.call<{ place: PlaceView }>('activities', activities, 'demo-cadre', { action: 'addPlace', payload: { villageId: VILLAGE, kind: 'residential', name: `滨江小区${i + 1}栋`, address: '' }, requestId: h.newRequestId() })
      if (!reply.ok) throw new Error(JSON.stringify(reply.error))
      places.push(reply.data.place)
    }

    const requestIds: string[] = []
    for (let i = 0; i < 80; i += 1) {
      const requestId = h.newRequestId()
      requestIds.push(requestId)
      const owner = { villageId: VILLAGE, uploaderId: userIdFor('demo-cadre'), requestId }
      queue.enqueue({
        requestId,
        payload: activityInput({ villageId: VILLAGE, kind: i % 2 ? 'poster' : 'banner', placeId: places[i % 20].id, reached: 1, venue: '' }),
        files: [
          { slot: 'photo1', localPath: JPEG_BYTES.toString('base64'), cloudPath: activityPhotoPath('photo1', owner) },
          { slot: 'photo2', localPath: JPEG_BYTES.toString('base64'), cloudPath: activityPhotoPath('photo2', owner) },
        ],
        label: `滨江小区${(i % 20) + 1}栋`,
      })
      if (i % 30 === 29) queue = new OfflineQueue(CREATE_ACTIVITY, storage, transport, () => clock, random)
    }
    for (let round = 0; round < 500 && queue.counts().waiting > 0; round += 1) {
      await queue.sync()
      clock += 10 * 60 * 1000
    }

    expect(queue.counts()).toEqual({ waiting: 0, rejected: 0 })
    expect(transport.calls).toBeGreaterThan(80)
    expect(await h.count('activities', { requestId: h.db.command.in(requestIds) })).toBe(80)
    const { data } = await h.db.collection('placeCoverage').where({ villageId: VILLAGE }).get()
    expect(data[0]).toMatchObject({ covered: 20, activities: 80, reached: 80, byKind: { residential: 20 } })
    const { data: totals } = await h.db.collection('placeTotals').where({ villageId: VILLAGE }).get()
    expect(totals[0]).toMatchObject({ total: 20, byKind: { residential: 20 } })
  }, 120_000)

  it('keeps a refused activity with its reason until it is fixed and resent under the same requestId', async () => {
    const queue = new OfflineQueue(CREATE_ACTIVITY, memoryStorage(), flakyTransport(() => 0.9))
    const requestId = h.newRequestId()
    queue.enqueue({ requestId, payload: activityInput({ villageId: VILLAGE, kind: 'fiveIn' }), label: '五进' })
    expect(await queue.sync()).toEqual({ sent: 0, rejected: 1, failed: 0 })
    const [refused] = queue.items()
    expect(refused).toMatchObject({ state: 'rejected', error: { code: 'INVALID_INPUT', field: 'fiveIn' } })
    queue.resend(requestId, { ...refused.payload, fiveIn: 'school' })
    expect(await queue.sync()).toEqual({ sent: 1, rejected: 0, failed: 0 })
    expect(await h.count('activities', { requestId })).toBe(1)
  })

  it("puts the uploaded photos' ids in slot order", () => {
    const activity = activityInput({ villageId: VILLAGE })
    expect(withActivityFiles(activity, { photo3: 'cloud://a/3.jpg', photo1: 'cloud://a/1.jpg' })).toEqual({ ...activity, photoFileIDs: ['cloud://a/1.jpg', 'cloud://a/3.jpg'] })
  })
})
