import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Reply } from '../../domain/errors'
import type { HouseholdView } from '../../domain/roster'
import type { VisitDetail, VisitListItem } from '../../domain/visits'
import { OfflineQueue, type QueueTransport } from '../../src/services/offline-queue'
import { CREATE_VISIT, type QueuedVisit } from '../../src/features/visits/queued-visit'
import type { VisitFileSlot } from '../../domain/files'
import { callsTo, findIn, type Handler, makeMe, mockCloud, mockNetworkStatus, ok, TODAY, VISIT_FORM_CONTEXT } from '../support/app-fixtures'
import { resetMeStore } from '../../src/features/account/me-store'
import { taroMock } from '../support/taro-mock'

// The pages run as they ship; only the platform (Taro, mocked at its edge) and
// the queue's transport are fakes. The queue is the real OfflineQueue of
// visits, handed to the app in place of the phone's (esbuild does not hoist
// jest.mock, so the pages are required after it).
let queue: OfflineQueue<QueuedVisit, VisitFileSlot>
let transport: { call: jest.Mock; upload: jest.Mock; release: jest.Mock }
jest.mock('../../src/services/phone-queue', () => ({ phoneQueue: () => () => queue }))

/* eslint-disable @typescript-eslint/no-require-imports -- esbuild does not hoist jest.mock: the pages load after it (see tests/support/esbuild-transform.js) */
const { default: VisitNewPage } = require('../../src/pages/staff/visit-new/index') as typeof import('../../src/pages/staff/visit-new/index')
const { default: VisitOutboxPage } = require('../../src/pages/staff/visit-outbox/index') as typeof import('../../src/pages/staff/visit-outbox/index')
const { default: VisitsPage } = require('../../src/pages/staff/visits/index') as typeof import('../../src/pages/staff/visits/index')
const { default: VisitDetailPage } = require('../../src/pages/staff/visit-detail/index') as typeof import('../../src/pages/staff/visit-detail/index')
const { default: WorkPage } = require('../../src/pages/work/index') as typeof import('../../src/pages/work/index')
/* eslint-enable @typescript-eslint/no-require-imports */


const CONTEXT = VISIT_FORM_CONTEXT

const HOUSEHOLDS: HouseholdView[] = [
  { id: 'h-1', group: 3, address: '新华村3组12号', headName: '王大爷', phone: '13812341234' },
  { id: 'h-2', group: 3, address: '新华村3组14号', headName: '李秀兰', phone: '' },
]

type SendOutcome = Reply<unknown> | ((payload: Record<string, unknown>) => Reply<unknown> | Promise<Reply<unknown>>)

const NO_SIGNAL: Reply<unknown> = { ok: false, error: { code: 'NETWORK', message: '网络不通，请检查网络后重试' } }

/** A real queue whose transport answers `visits.create` with `outcome`. */
function withQueue(outcome: SendOutcome = ok({ id: 'visit-1' })) {
  transport = {
    call: jest.fn(async (_fn: string, _action: string, payload: Record<string, unknown>) => (typeof outcome === 'function' ? outcome(payload) : outcome)),
    upload: jest.fn(async (_local: string, cloudPath: string) => ok({ fileID: `cloud://env.bucket/${cloudPath}` })),
    release: jest.fn(async () => undefined),
  }
  queue = new OfflineQueue(CREATE_VISIT, { load: () => [], save: () => undefined }, transport as unknown as QueueTransport)
}

function serve(handlers: Record<string, Handler> = {}) {
  return mockCloud({
    'visits.context': () => ok(CONTEXT),
    'households.register': () => ok({ households: HOUSEHOLDS, nextOffset: null }),
    ...handlers,
  })
}

/** Types into a Taro Input found by its id (or by a field's id). */
function typeInto(container: HTMLElement, selector: string, value: string) {
  const found = container.querySelector(selector) as HTMLElement
  const input = (found.tagName === 'INPUT' ? found : found.querySelector('input')) as HTMLInputElement
  fireEvent.input(input, { target: { value } })
}

function valueOf(container: HTMLElement, selector: string): string {
  const found = container.querySelector(selector) as HTMLElement
  return ((found.tagName === 'INPUT' ? found : found.querySelector('input')) as HTMLInputElement).value
}

/** Waits until `selector` matches inside `container`. */
const errorOf = (container: HTMLElement, field: string) => container.querySelector(`#field-${field}-error`)?.textContent ?? null

function click(container: HTMLElement, selector: string) {
  const found = container.querySelector(selector)
  if (!found) throw new Error(`${selector} is not on the page`)
  fireEvent.click(found)
}

async function openForm() {
  const view = render(<VisitNewPage />)
  await screen.findByText('请入户对象用手指在下面框内签名')
  return view
}

function sign(container: HTMLElement) {
  const canvas = container.querySelector('#signature-canvas') as HTMLElement
  fireEvent.touchStart(canvas, { touches: [{ x: 20, y: 20 }] })
  fireEvent.touchMove(canvas, { touches: [{ x: 80, y: 40 }] })
  fireEvent.touchMove(canvas, { touches: [{ x: 140, y: 60 }] })
  fireEvent.touchEnd(canvas, { touches: [] })
}

/**
 * The form as a cadre finds it at a door without signal: the context and the
 * register come from the phone's copies, made when it last had a connection.
 */
async function openOffline() {
  taroMock.setStorageSync('visit-form-context-v1', CONTEXT)
  const first = serve()
  const { unmount } = render(<VisitNewPage />)
  await waitFor(() => expect(callsTo(first, 'register')).toHaveLength(1))
  await screen.findByText(/本机名册 2 户/)
  unmount()

  mockCloud({}) // every call now fails as if there were no network
  const view = await openForm()
  await waitFor(() => expect(view.container.querySelector('#visit-offline')).not.toBeNull())
  return view
}

/** Ticks 反诈宣传 and picks 王大爷's household from the register on the phone. */
async function fillFor王大爷(container: HTMLElement) {
  click(container, '#visit-item-propaganda')
  await waitFor(() => expect(container.querySelector('#register-status')?.textContent).toContain('本机名册 2 户'))
  typeInto(container, '#household-search', '王大')
  click(container, '#household-h-1')
}

beforeEach(() => {
  withQueue()
  serve()
})

describe('入户登记 form', () => {
  it("shows the schema's Chinese error next to each field, all at the first tap, and saves nothing", async () => {
    const { container } = await openForm()
    click(container, '#visit-save')
    expect(errorOf(container, 'items')).toBe('请至少勾选一项入户内容，或填写其他内容')
    expect(errorOf(container, 'household')).toBe('请从户籍名册中选择入户对象，或新登记一户')
    expect(errorOf(container, 'residentName')).toBe('请填写入户对象姓名')
    expect(errorOf(container, 'phone')).toBe('请填写联系电话；对方不愿留电话时请填写原因')
    expect(errorOf(container, 'signature')).toContain('请让入户对象在框内签字')
    expect(container.querySelector('#field-residentName-error')?.closest('#field-residentName')?.querySelector('input')).not.toBeNull()

    typeInto(container, '#visit-phone', '12345')
    click(container, '#visit-save')
    expect(errorOf(container, 'phone')).toBe('请填写11位手机号，或带区号的座机号（如 023-47651042）')
    expect(queue.items()).toHaveLength(0)
  })

  it('clears a field’s error as soon as it is edited', async () => {
    const { container } = await openForm()
    click(container, '#visit-save')
    typeInto(container, '#input-residentName', '王')
    expect(errorOf(container, 'residentName')).toBeNull()
    expect(errorOf(container, 'household')).not.toBeNull()
  })

  it('asks a new household for 组 and a 门牌号 with a number, by the same rule as the register', async () => {
    const { container } = await openForm()
    click(container, '#household-mode-new')
    typeInto(container, '#field-newHousehold-door', '村口小卖部')
    click(container, '#visit-save')
    expect(errorOf(container, 'newHousehold-group')).toBe('请填写所在的组')
    expect(errorOf(container, 'newHousehold-door')).toContain('里没有号数')
    expect(errorOf(container, 'newHousehold-headName')).toBe('请填写户主姓名')
    expect(errorOf(container, 'household')).toBeNull()
  })

  it('needs a reason when the resident refuses to sign, and then no drawing', async () => {
    const { container } = await openForm()
    click(container, '#signature-kind-refused')
    expect(container.querySelector('#signature-canvas')).toBeNull()
    click(container, '#visit-save')
    expect(errorOf(container, 'signature-reason')).toBe('请填写拒签原因')
    expect(errorOf(container, 'signature')).toBeNull()
  })

  it('needs the 代签人 and a reason, and the drawing, for a proxy signature', async () => {
    const { container } = await openForm()
    click(container, '#signature-kind-proxy')
    await screen.findByText('请入户对象用手指在下面框内签名')
    click(container, '#visit-save')
    expect(errorOf(container, 'signature-proxyName')).toBe('请填写代签人姓名')
    expect(errorOf(container, 'signature-reason')).toBe('请填写代签原因')
    expect(errorOf(container, 'signature')).toContain('请让入户对象在框内签字')
  })

  it('draws the strokes on the canvas as the finger moves; undo and clear repaint it', async () => {
    const { container } = await openForm()
    const pen = taroMock.canvas.calls
    pen.length = 0
    sign(container)
    expect(pen).toContainEqual(['moveTo', 80, 40])
    expect(pen).toContainEqual(['lineTo', 140, 60])
    expect(taroMock.canvas.width).toBe(600)

    pen.length = 0
    click(container, '#signature-undo')
    expect(pen[0]).toEqual(['setTransform', 1, 0, 0, 1, 0, 0])
    expect(pen).toContainEqual(['fillRect', 0, 0, 300, 200])
    expect(pen.filter(([name]) => name === 'lineTo')).toHaveLength(0)
    click(container, '#visit-save')
    expect(errorOf(container, 'signature')).toContain('请让入户对象在框内签字')
  })

  it('saves into the queue: signature kept and uploaded to its path, visits.create with the same requestId', async () => {
    const { container } = await openForm()
    await fillFor王大爷(container)
    expect(valueOf(container, '#input-residentName')).toBe('王大爷')
    expect(valueOf(container, '#visit-phone')).toBe('13812341234')
    sign(container)
    click(container, '#visit-save')

    const saved = await findIn(container, '#visit-saved')
    await waitFor(() => expect(saved.textContent).toContain('已上传'))
    expect(saved.textContent).toContain(`已保存：王大爷 · 新华村3组12号 · ${TODAY}`)
    // The card says 已保存 and what became of the record: no toast over it.
    expect(taroMock.showToast).not.toHaveBeenCalled()
    expect(taroMock.canvasToTempFilePath).toHaveBeenCalledWith({ canvas: taroMock.canvas, fileType: 'png', destWidth: 450, destHeight: 300 })

    const [, , payload, requestId] = transport.call.mock.calls[0] as [string, string, Record<string, unknown>, string]
    expect(transport.call.mock.calls[0].slice(0, 2)).toEqual(['visits', 'create'])
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(transport.upload).toHaveBeenCalledWith('saved://wxfile://tmp/signature.png', `visits/v-1/${VISIT_FORM_CONTEXT.uploaderId}/${requestId}/signature.png`)
    expect(payload).toEqual({
      villageId: 'v-1',
      householdId: 'h-1',
      unitName: '新华村村委会',
      coworkers: [],
      visitedOn: TODAY,
      items: ['propaganda'],
      otherContent: '',
      residentName: '王大爷',
      phone: '13812341234',
      phoneDeclinedReason: '',
      signature: { kind: 'signed', fileID: `cloud://env.bucket/visits/v-1/${VISIT_FORM_CONTEXT.uploaderId}/${requestId}/signature.png` },
    })

    // Ready for the next household: the team and the day stay, the rest is empty.
    expect(valueOf(container, '#input-residentName')).toBe('')
    expect(valueOf(container, '#input-unitName')).toBe('新华村村委会')
    expect(container.querySelector('#household-chosen')).toBeNull()
  })

  it('sends co-workers, 其他 content, a declined phone and a new household as the paper form has them', async () => {
    const { container } = await openForm()
    click(container, '#coworker-add')
    typeInto(container, '#coworker-0', '张建国')
    click(container, '#coworker-add')
    click(container, '#visit-item-other')
    typeInto(container, '#visit-other-content', '一标三实信息采集')
    click(container, '#household-mode-new')
    typeInto(container, '#field-newHousehold-group', '2')
    typeInto(container, '#field-newHousehold-door', '8号')
    typeInto(container, '#field-newHousehold-headName', '赵四')
    typeInto(container, '#input-residentName', '赵四')
    click(container, '#visit-phone-declined')
    typeInto(container, '#visit-phone-reason', '老人没有手机')
    click(container, '#signature-kind-refused')
    typeInto(container, '#signature-reason', '不愿签字')
    click(container, '#visit-save')

    await waitFor(() => expect(transport.call).toHaveBeenCalled())
    const [, , payload] = transport.call.mock.calls[0] as [string, string, Record<string, unknown>]
    expect(payload).toMatchObject({
      coworkers: ['张建国'],
      items: [],
      otherContent: '一标三实信息采集',
      newHousehold: { group: 2, door: '8号', headName: '赵四', phone: '' },
      phone: '',
      phoneDeclinedReason: '老人没有手机',
      signature: { kind: 'refused', reason: '不愿签字' },
    })
    expect(payload.householdId).toBeUndefined()
    expect(transport.upload).not.toHaveBeenCalled()
    await waitFor(() => expect(container.querySelector('#visit-saved')?.textContent).toContain('赵四 · 新华村2组8号'))
  })

  it('without signal: saved on the phone, 待上传 1, and 立即上传 sends it when the signal is back', async () => {
    let online = false
    withQueue(() => (online ? ok({ id: 'visit-1' }) : NO_SIGNAL))
    const { container } = await openForm()
    await fillFor王大爷(container)
    sign(container)
    click(container, '#visit-save')

    await waitFor(() => expect(container.querySelector('#visit-saved-status')?.textContent).toContain('待上传'))
    expect(container.querySelector('#queue-pending')?.textContent).toBe('待上传 1')
    // It goes by itself: the cadre is not told to check the network and retry.
    for (const text of [container.querySelector('#visit-saved-status')?.textContent, container.querySelector('#queue-bar')?.textContent]) {
      expect(text).toContain('记录已存在手机上，有信号时会自动上传')
      expect(text).not.toContain('重试')
    }
    const firstId = (transport.call.mock.calls[0] as unknown[])[3]

    online = true
    click(container, '#queue-sync')
    await waitFor(() => expect(container.querySelector('#queue-bar')).toBeNull())
    expect(container.querySelector('#visit-saved-status')?.textContent).toContain('已上传')
    expect((transport.call.mock.calls[1] as unknown[])[3]).toBe(firstId)
  })

  it('the queue bar says only what holds now: 正在上传 while a record goes, then 待上传 N and nothing of earlier uploads', async () => {
    let answer: (reply: Reply<unknown>) => void = () => undefined
    const slowLink = () => new Promise<Reply<unknown>>((resolve) => (answer = resolve))
    withQueue(slowLink)
    queue.enqueue({ requestId: 'req-first-0001', payload: REFUSED_PAYLOAD, label: '王大爷 · 新华村3组12号' })
    const { container } = await openForm()
    expect(container.querySelector('#queue-pending')?.textContent).toBe('待上传 1')

    click(container, '#queue-sync')
    await waitFor(() => expect(container.querySelector('#queue-sync')?.textContent).toBe('正在上传…'))
    await act(async () => answer(ok({ id: 'visit-1' })))
    await waitFor(() => expect(container.querySelector('#queue-bar')).toBeNull())

    // The link drops again and three more records are saved.
    await act(async () => {
      for (const n of [2, 3, 4]) queue.enqueue({ requestId: `req-next-000${n}`, payload: REFUSED_PAYLOAD, label: `第${n}户` })
      const sending = queue.sync()
      answer(NO_SIGNAL)
      await sending
    })
    const bar = container.querySelector('#queue-bar')?.textContent ?? ''
    expect(bar).toContain('待上传 3')
    expect(bar).toContain('记录已存在手机上，有信号时会自动上传')
    expect(bar).not.toContain('已上传')
    expect(container.querySelector('#queue-sync')?.textContent).toBe('立即上传')
  })

  it('answers a stray tap on 保存 on the form cleared for the next household by saying the last one is saved, not with red errors', async () => {
    const { container } = await openForm()
    await fillFor王大爷(container)
    sign(container)
    click(container, '#visit-save')
    await waitFor(() => expect(container.querySelector('#visit-saved-status')?.textContent).toContain('已上传'))

    click(container, '#visit-save')
    expect(container.querySelectorAll('.form-field__error')).toHaveLength(0)
    expect(container.querySelector('#visit-form-cleared')?.textContent).toContain('上一户已经保存')
    expect(transport.call).toHaveBeenCalledTimes(1)

    // Once the cadre starts on the next household, 保存 checks it as on first use.
    typeInto(container, '#input-residentName', '李秀兰')
    expect(container.querySelector('#visit-form-cleared')).toBeNull()
    click(container, '#visit-save')
    expect(errorOf(container, 'household')).toBe('请从户籍名册中选择入户对象，或新登记一户')
    expect(errorOf(container, 'items')).toBe('请至少勾选一项入户内容，或填写其他内容')
    expect(errorOf(container, 'signature')).toContain('请让入户对象在框内签字')
    expect(transport.call).toHaveBeenCalledTimes(1)
  })

  it('opens from the phone’s copy of the context and register when there is no signal', async () => {
    const { container } = await openOffline()
    typeInto(container, '#household-search', '3组14')
    expect(container.querySelector('#household-h-2')?.textContent).toContain('李秀兰')
  })

  it('drops the offline notice once the phone says the network is back and the server answers', async () => {
    const network = mockNetworkStatus()
    const { container } = await openOffline()
    serve()
    act(() => network(true))
    await waitFor(() => expect(container.querySelector('#visit-offline')).toBeNull())
    expect(container.querySelector('#visit-campaign')).not.toBeNull()
  })

  it('drops the offline notice when a record saved without signal gets through', async () => {
    let online = false
    withQueue(() => (online ? ok({ id: 'visit-1' }) : NO_SIGNAL))
    const { container } = await openOffline()
    await fillFor王大爷(container)
    sign(container)
    click(container, '#visit-save')
    await waitFor(() => expect(container.querySelector('#visit-saved-status')?.textContent).toContain('待上传'))

    online = true
    serve()
    click(container, '#queue-sync')
    await waitFor(() => expect(container.querySelector('#visit-saved-status')?.textContent).toContain('已上传'))
    await waitFor(() => expect(container.querySelector('#visit-offline')).toBeNull())
  })

  it("fills 单位 with the village committee's name on a cadre's very first visit", async () => {
    let answer: (reply: Reply<unknown>) => void = () => undefined
    serve({ 'visits.context': () => new Promise<Reply<unknown>>((resolve) => (answer = resolve)) })
    render(<VisitNewPage />)
    await act(async () => answer(ok(CONTEXT)))
    await screen.findByText('请入户对象用手指在下面框内签名')
    expect(valueOf(document.body, '#input-unitName')).toBe('新华村村委会')
  })

  it('takes 单位 from the server’s context over the phone’s older copy, unless the cadre already changed it', async () => {
    for (const typed of [null, '党群办']) {
      taroMock.setStorageSync('visit-form-context-v1', { ...CONTEXT, defaultUnitName: '' })
      let answer: (reply: Reply<unknown>) => void = () => undefined
      serve({ 'visits.context': () => new Promise<Reply<unknown>>((resolve) => (answer = resolve)) })
      const { container, unmount } = await openForm()
      expect(valueOf(container, '#input-unitName')).toBe('')
      if (typed) typeInto(container, '#input-unitName', typed)
      await act(async () => answer(ok(CONTEXT)))
      await waitFor(() => expect(container.querySelector('#visit-campaign')).not.toBeNull())
      await waitFor(() => expect(valueOf(container, '#input-unitName')).toBe(typed ?? '新华村村委会'))
      unmount()
    }
  })

  it('refuses to open for a user who is not a cadre', async () => {
    mockCloud({ 'visits.context': () => ({ ok: false, error: { code: 'FORBIDDEN', message: '只有村社干部、网格员可以登记入户' } }) })
    render(<VisitNewPage />)
    await screen.findByText('只有村社干部、网格员可以登记入户')
    expect(screen.queryByText('重试')).toBeNull()
  })
})

/** A visit the server refused: enqueued, sent once, answered with `error`. */
async function refusedVisit(payload: QueuedVisit, error: { code: 'INVALID_INPUT'; message: string; field?: string }) {
  let answer: Reply<unknown> = { ok: false, error }
  withQueue(() => answer)
  queue.enqueue({
    requestId: 'req-refused-0001',
    payload,
    files: [{ slot: 'signature', localPath: 'saved://sig.png', cloudPath: 'signatures/v-1/req-refused-0001.png' }],
    label: '王大爷 · 新华村3组12号',
  })
  await queue.sync()
  expect(queue.counts()).toEqual({ waiting: 0, rejected: 1 })
  return { accept: () => (answer = ok({ id: 'visit-1' })) }
}

const REFUSED_PAYLOAD: QueuedVisit = {
  villageId: 'v-1',
  householdId: 'h-1',
  unitName: '新华村村委会',
  coworkers: [],
  visitedOn: '2024-12-30',
  items: ['propaganda'],
  otherContent: '',
  residentName: '王大爷',
  phone: '13812341234',
  phoneDeclinedReason: '',
  signature: { kind: 'signed' },
}

describe('待上传 and refused records', () => {
  it('lists a refused record with the server’s reason; fixed, it goes again under the same requestId', async () => {
    const server = await refusedVisit(REFUSED_PAYLOAD, { code: 'INVALID_INPUT', message: '入户日期不能早于本次活动开始日（2025-01-01）', field: 'visitedOn' })
    serve()
    const { container } = render(<VisitOutboxPage />)
    const card = await findIn(container, '#refused-req-refused-0001')
    expect(card.textContent).toContain('退回原因：入户日期不能早于本次活动开始日（2025-01-01）')
    expect(container.querySelector('#queue-rejected')?.textContent).toContain('被退回 1 条')

    click(container, '#refused-fix-req-refused-0001')
    await waitFor(() => expect(errorOf(card, 'visitedOn')).toBe('入户日期不能早于本次活动开始日（2025-01-01）'))
    await waitFor(() => expect(card.querySelector('#household-chosen')?.textContent).toContain('新华村3组12号'))
    click(card, '#visit-date-' + TODAY)
    expect(errorOf(card, 'visitedOn')).toBeNull()

    server.accept()
    click(card, '#visit-save')
    await waitFor(() => expect(queue.items()).toHaveLength(0))
    const [, , payload, requestId] = transport.call.mock.calls[1] as [string, string, Record<string, unknown>, string]
    expect(requestId).toBe('req-refused-0001')
    expect(payload).toEqual({ ...REFUSED_PAYLOAD, visitedOn: TODAY, signature: { kind: 'signed', fileID: 'cloud://env.bucket/signatures/v-1/req-refused-0001.png' } })
    expect(transport.upload).toHaveBeenCalledTimes(2)
    await waitFor(() => expect(container.querySelector('#refused-req-refused-0001')).toBeNull())
  })

  it('keeps a refused record when the discard is not confirmed, and drops it (and its signature) when it is', async () => {
    await refusedVisit(REFUSED_PAYLOAD, { code: 'INVALID_INPUT', message: '户籍名册里没有这一户，请重新选择或新登记', field: 'householdId' })
    serve()
    taroMock.showModal = jest.fn(async () => ({ confirm: false, cancel: true }))
    const { container } = render(<VisitOutboxPage />)
    await waitFor(() => expect(container.querySelector('#refused-req-refused-0001')).not.toBeNull())
    click(container, '#refused-discard-req-refused-0001')
    await waitFor(() => expect(taroMock.showModal).toHaveBeenCalled())
    expect(queue.counts().rejected).toBe(1)

    taroMock.showModal = jest.fn(async () => ({ confirm: true, cancel: false }))
    click(container, '#refused-discard-req-refused-0001')
    await waitFor(() => expect(container.querySelector('#refused-req-refused-0001')).toBeNull())
    expect(queue.items()).toHaveLength(0)
    expect(transport.release).toHaveBeenCalledWith('saved://sig.png')
  })

  it('shows the badge with the refused count on the form, linking to the list', async () => {
    await refusedVisit(REFUSED_PAYLOAD, { code: 'INVALID_INPUT', message: '户籍名册里没有这一户，请重新选择或新登记', field: 'householdId' })
    const { container } = await openForm()
    click(container, '#queue-rejected')
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/visit-outbox/index' })
  })
})

function listItem(extra: Partial<VisitListItem> = {}): VisitListItem {
  return {
    id: 'visit-1',
    villageId: 'v-1',
    visitedOn: '2025-03-10',
    residentName: '王**',
    phone: '138****1234',
    address: '新华村3组**',
    items: ['propaganda', 'callAlert'],
    otherContent: '',
    signatureKind: 'signed',
    authorName: '王秀英',
    status: 'active',
    createdAt: '2025-03-10T02:00:00.000Z',
    editable: true,
    ...extra,
  }
}

describe('入户记录 lists', () => {
  it('shows my records masked as the server sends them, by period, and opens one', async () => {
    taroMock.routerParams = { scope: 'mine' }
    const cloud = serve({
      'account.signIn': () => ok(makeMe(['resident', 'cadre'], { village: { id: 'v-1', name: '新华村' } })),
      'visits.list': ({ payload }) => ok({ items: payload.period === 'week' ? [listItem(), listItem({ id: 'visit-2', status: 'voided' })] : [listItem()], nextCursor: null }),
    })
    const { container } = render(<VisitsPage />)
    const row = await findIn(container, '#visit-visit-1')
    expect(row.textContent).toContain('王**')
    expect(row.textContent).toContain('新华村3组**')
    expect(row.textContent).toContain('138****1234')
    expect(row.textContent).toContain('反诈宣传、来电预警开启')
    expect(row.textContent).not.toContain('13812341234')
    expect(callsTo(cloud, 'list')[0].payload).toEqual({ scope: 'mine', period: 'today', query: '' })

    click(container, '#visit-period-week')
    await waitFor(() => expect(container.querySelector('#visit-visit-2')?.textContent).toContain('已作废'))

    typeInto(container, '#visit-search', '王')
    click(container, '#visit-search-go')
    await waitFor(() => expect(callsTo(cloud, 'list').at(-1)?.payload).toEqual({ scope: 'mine', period: 'week', query: '王' }))

    fireEvent.click(await findIn(container, '#visit-visit-1'))
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/visit-detail/index?id=visit-1' })
  })

  it("lists a cadre's own village; the office picks a village first", async () => {
    taroMock.routerParams = { scope: 'village' }
    const cadre = serve({
      'account.signIn': () => ok(makeMe(['resident', 'cadre'], { village: { id: 'v-1', name: '新华村' } })),
      'account.directory': () => ok({ villages: [{ id: 'v-1', name: '新华村' }], units: [] }),
      'visits.list': () => ok({ items: [listItem()], nextCursor: null }),
    })
    const first = render(<VisitsPage />)
    await waitFor(() => expect(first.container.querySelector('#visit-visit-1')).not.toBeNull())
    expect(callsTo(cadre, 'list')[0].payload).toMatchObject({ scope: 'village', villageId: 'v-1' })
    first.unmount()
    resetMeStore()

    const office = serve({
      'account.signIn': () => ok(makeMe(['resident', 'office'])),
      'account.directory': () => ok({ villages: [{ id: 'v-1', name: '新华村' }, { id: 'v-2', name: '新街社区' }], units: [] }),
      'visits.list': () => ok({ items: [listItem({ villageId: 'v-2' })], nextCursor: null }),
    })
    const { container } = render(<VisitsPage />)
    await waitFor(() => expect(container.querySelector('#village-v-2')).not.toBeNull())
    expect(callsTo(office, 'list')).toHaveLength(0)
    click(container, '#village-v-2')
    await waitFor(() => expect(container.querySelector('#visit-visit-1')).not.toBeNull())
    expect(callsTo(office, 'list')[0].payload).toMatchObject({ scope: 'village', villageId: 'v-2' })
  })
})

function detail(extra: Partial<VisitDetail> = {}): VisitDetail {
  return {
    ...listItem(),
    residentName: '王大爷',
    phone: '13812341234',
    phoneDeclinedReason: '',
    address: '新华村3组12号',
    householdId: 'h-1',
    unitName: '新华村村委会',
    staff: ['王秀英', '张建国'],
    coworkers: ['张建国'],
    signature: { kind: 'signed', reason: '', proxyName: '', imageUrl: 'https://files.example/sig.png' },
    photoUrl: null,
    voidReason: '',
    corrections: [],
    ...extra,
  }
}

describe('入户记录 detail', () => {
  beforeEach(() => {
    taroMock.routerParams = { id: 'visit-1' }
  })

  it('shows the full record, the signature image and the corrections', async () => {
    serve({
      'visits.get': () =>
        ok(detail({ editable: false, corrections: [{ at: '2025-03-10T03:00:00.000Z', byName: '王秀英', reason: '电话记错', changed: ['phone'] }] })),
    })
    const { container } = render(<VisitDetailPage />)
    await waitFor(() => expect(container.querySelector('#detail-phone')?.textContent).toBe('13812341234'))
    expect(container.querySelector('#detail-address')?.textContent).toBe('新华村3组12号')
    expect(container.querySelector('#detail-staff')?.textContent).toBe('王秀英、张建国')
    expect(container.querySelector('#detail-signature-image img')?.getAttribute('src')).toBe('https://files.example/sig.png')
    expect(container.querySelector('#detail-corrections')?.textContent).toContain('更正了：联系电话')
    expect(container.querySelector('#visit-correct')).toBeNull()
  })

  it('corrects a record only with a reason, and shows the corrected record', async () => {
    const cloud = serve({
      'visits.get': () => ok(detail()),
      'visits.correct': ({ payload }) => ok(detail({ phone: String(payload.phone), corrections: [{ at: '2025-03-10T03:00:00.000Z', byName: '王秀英', reason: String(payload.reason), changed: ['phone'] }] })),
    })
    const { container } = render(<VisitDetailPage />)
    await waitFor(() => expect(container.querySelector('#visit-correct')).not.toBeNull())
    click(container, '#visit-correct')
    typeInto(container, '#visit-phone', '13912341234')
    click(container, '#correct-submit')
    expect(errorOf(container, 'reason')).toBe('请填写更正原因')
    expect(callsTo(cloud, 'correct')).toHaveLength(0)

    typeInto(container, '#input-reason', '电话记错一位')
    click(container, '#correct-submit')
    await waitFor(() => expect(container.querySelector('#detail-phone')?.textContent).toBe('13912341234'))
    const [call] = callsTo(cloud, 'correct')
    expect(call.payload).toMatchObject({ visitId: 'visit-1', phone: '13912341234', reason: '电话记错一位', coworkers: ['张建国'] })
    expect(call.requestId).toBeTruthy()
  })

  it('voids a record only with a reason and a confirmation', async () => {
    const cloud = serve({
      'visits.get': () => ok(detail()),
      'visits.void': ({ payload }) => ok(detail({ status: 'voided', voidReason: String(payload.reason), editable: false })),
    })
    const { container } = render(<VisitDetailPage />)
    await waitFor(() => expect(container.querySelector('#visit-void')).not.toBeNull())
    click(container, '#visit-void')
    click(container, '#void-submit')
    expect(errorOf(container, 'voidReason')).toBe('请填写作废原因')

    typeInto(container, '#input-voidReason', '重复登记')
    click(container, '#void-submit')
    await waitFor(() => expect(container.querySelector('#visit-voided')?.textContent).toContain('重复登记'))
    expect(taroMock.showModal).toHaveBeenCalled()
    expect(callsTo(cloud, 'void')[0].payload).toEqual({ visitId: 'visit-1', reason: '重复登记' })
  })
})

describe('工作 tools for visits', () => {
  it('gives a cadre 入户登记, 我的入户记录, the village records and the roster import', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'cadre'], { village: { id: 'v-1', name: '新华村' } })) })
    const { container } = render(<WorkPage />)
    await screen.findByText('我的入户记录')
    click(container, '#tool-my-visits')
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/visits/index?scope=mine' })
    for (const key of ['visits', 'village-visits', 'roster']) expect(container.querySelector(`#tool-${key}`)?.textContent).toContain('进入')
  })

  it('gives the office the village records and roster import, not 入户登记', async () => {
    mockCloud({ 'account.signIn': () => ok(makeMe(['resident', 'office'])) })
    const { container } = render(<WorkPage />)
    await screen.findByText('户籍名册导入')
    expect(container.querySelector('#tool-visits')).toBeNull()
    expect(container.querySelector('#tool-my-visits')).toBeNull()
    expect(within(container.querySelector('#tool-village-visits') as HTMLElement).getByText('进入 ›')).toBeTruthy()
  })
})

// Keeps act() warnings out when a test ends while a queue sync settles.
afterEach(async () => {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
})
