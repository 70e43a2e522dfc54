import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import fs from 'fs'
import path from 'path'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { main as tips } from '../../cloudfunctions/tips'
import { limitIdFor } from '../../cloudfunctions/_lib/tip-secret'
import { addDays, formatShanghai, shanghaiDay } from '../../domain/dates'
import type { ExportedFile } from '../../domain/files'
import type { MyTips, RevealedTip, SubmittedTip, TipDetail, TipPage, TipStats } from '../../domain/tips'
import { DEMO_USERS } from '../../local/seed/demo-town'
import { startFunctionHarness, type Harness } from '../support/functions'
import { DatabaseWatch } from '../support/fuzz/db-watch'
import { CAMERA_MAKE, CAMERA_SERIAL, JPEG_A, JPEG_B, withCameraExif } from '../support/tip-images'
import { data, grant, submit, tipInput, tipsCall } from '../support/tips'

let h: Harness
let watch: DatabaseWatch
beforeAll(async () => {
  h = await startFunctionHarness()
  watch = new DatabaseWatch(h.local.dataDir)
})
afterAll(async () => {
  watch.close()
  await h.stop()
})

const RESIDENT = 'demo-resident'
const POLICE = 'demo-police'
const ALL_DEMO = DEMO_USERS.map((user) => user.openid)

/** A tipster of their own, so the per-person limits of one test do not reach another. */
let tipsters = 0
async function newTipster(): Promise<string> {
  const openid = `wx-tipster-${(tipsters += 1)}`
  data(await h.call('account', (await import('../../cloudfunctions/account')).main, openid, { action: 'signIn', payload: {}, requestId: h.newRequestId() }))
  return openid
}

async function outbox(openid: string, template: string): Promise<{ fields: Record<string, string>; page: string }[]> {
  const { data: rows } = await h.db.collection('outbox').where({ openid, template }).orderBy('at', 'asc').get()
  return rows as { fields: Record<string, string>; page: string }[]
}

async function tipIdOf(reference: string): Promise<string> {
  const { data: rows } = await h.db.collection('tips').where({ reference }).get()
  return String((rows[0] as { _id: string })._id)
}

// ---------------------------------------------------------------- the raw store

interface StoredRow {
  table: string
  id: string
  text: string
}

/** Every row of every collection, and the storage owner table, straight from the SQLite file. */
function rawStore(): StoredRow[] {
  const db = new Database(path.join(h.local.dataDir, 'local.db'), { readonly: true, fileMustExist: true })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'c\\_%' ESCAPE '\\' OR name = '_tcb_files')").pluck().all() as string[]
    return tables.flatMap((table) => {
      if (table === '_tcb_files') {
        return (db.prepare('SELECT path, owner FROM _tcb_files').all() as { path: string; owner: string }[]).map((row) => ({ table, id: row.path, text: `${row.path}\u0000${row.owner}` }))
      }
      return (db.prepare(`SELECT id, data FROM "${table}"`).all() as { id: string; data: string }[]).map((row) => ({ table: table.slice(2), id: String(row.id), text: row.data }))
    })
  } finally {
    db.close()
  }
}

/** Rows that hold something of the sender together with something of the tip. */
function linking(rows: StoredRow[], sender: string[], tip: string[]): StoredRow[] {
  return rows.filter((row) => sender.some((needle) => row.text.includes(needle)) && tip.some((needle) => row.text.includes(needle)))
}

describe('an anonymous tip', () => {
  it('leaves nothing in the database or the file store that ties it to its sender', async () => {
    const openid = await newTipster()
    const userId = userIdFor(openid)
    const before = rawStore()
    watch.mark()

    const story = '冒充快递客服说包裹丢了要理赔，让我下载会议软件共享屏幕，我挂断了。'
    const sent = data(await submit(h, openid, tipInput({ kind: 'service', story, evidenceCount: 2, transfer: 'recent', amountLost: 500, villageId: 'v-xinhua' })))
    data(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt, index: 0, image: JPEG_A }))
    data(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt, index: 1, image: JPEG_B }))
    const mine = data(await tipsCall<MyTips>(h, openid, 'mine', { receipts: [sent.receipt] }))
    expect(mine.tips.map((tip) => tip.reference)).toEqual([sent.reference])

    const tipId = await tipIdOf(sent.reference)
    const rows = rawStore()
    const senderNeedles = [openid, userId]
    const tipNeedles = [tipId, sent.reference, story, sent.receipt]
    // Nothing anywhere holds the sender beside the tip (documents, the request log, the audit log, counters, file owners).
    expect(linking(rows, senderNeedles, tipNeedles)).toEqual([])
    // Nor did the calls write the sender anywhere at all: every row they added or changed is free of them.
    const written = rows.filter((row) => before.find((old) => old.table === row.table && old.id === row.id)?.text !== row.text)
    expect(written.map((row) => row.table).sort()).toEqual(['_tcb_files', '_tcb_files', 'tipLimits', 'tipLimits', 'tipStats', 'tips'])
    expect(written.filter((row) => senderNeedles.some((needle) => row.text.includes(needle)))).toEqual([])
    // The evidence files are owned by no client (the function stored them), under the tip's own folder.
    const files = rows.filter((row) => row.table === '_tcb_files' && row.id.startsWith(`tips/${tipId}/`))
    expect(files).toHaveLength(2)
    for (const file of files) expect(file.text.endsWith('\u0000')).toBe(true)
    // The rate-limit counters hold a count and an expiry, under ids that name nobody without TIP_SECRET.
    const counters = written.filter((row) => row.table === 'tipLimits').map((row) => Object.keys(JSON.parse(row.text)).sort())
    expect(counters).toEqual([
      ['_id', 'count', 'expiresAt'],
      ['_id', 'count', 'expiresAt'],
    ])
    // No file name in storage carries the sender either.
    const storageNames = fs.readdirSync(path.join(h.local.dataDir, 'storage'), { recursive: true }).map(String)
    expect(storageNames.filter((name) => senderNeedles.some((needle) => name.includes(needle)))).toEqual([])
    // The sender's own lookup without the receipt does not find it: nothing maps it to them.
    const withoutReceipt = data(await tipsCall<MyTips>(h, openid, 'mine', { receipts: [] }))
    expect(withoutReceipt.tips).toEqual([])
  })

  it('is told apart from a named tip by the same scan, which finds the named sender on theirs', async () => {
    const openid = await newTipster()
    const sent = data(await submit(h, openid, tipInput({ contact: { mode: 'named', name: '王秀英', phone: '13912340001' } })))
    const tipId = await tipIdOf(sent.reference)
    expect(linking(rawStore(), [userIdFor(openid), '13912340001'], [tipId]).map((row) => row.table)).toEqual(['tips'])
    // Even a named tip holds no OPENID: the user id and the contact they chose to give.
    expect(linking(rawStore(), [openid], [tipId])).toEqual([])
  })

  it('keeps no EXIF of a phone photo: no camera, serial or GPS, only its orientation', async () => {
    const openid = await newTipster()
    const sent = data(await submit(h, openid, tipInput({ evidenceCount: 1 })))
    const photo = withCameraExif(JPEG_A, 6)
    expect(photo.includes(CAMERA_MAKE)).toBe(true)
    data(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt, index: 0, image: photo.toString('base64') }))
    const revealed = data(await tipsCall<RevealedTip>(h, POLICE, 'reveal', { tipId: await tipIdOf(sent.reference), what: 'evidence' }))
    const url = revealed.what === 'evidence' ? revealed.images[0].url : null
    const stored = Buffer.from(await (await fetch(String(url))).arrayBuffer())
    expect([stored[0], stored[1]]).toEqual([0xff, 0xd8])
    expect(stored.includes(CAMERA_MAKE)).toBe(false)
    expect(stored.includes(CAMERA_SERIAL)).toBe(false)
    // Chromium's ICC profile (APP2) goes too; the orientation stays, in a block of its own.
    expect(stored.includes('ICC_PROFILE')).toBe(false)
    const exif = stored.indexOf('Exif\u0000\u0000')
    expect(exif).toBeGreaterThan(0)
    expect(stored.readUInt16BE(exif - 2)).toBe(34)
  })
})

describe('submitting a tip', () => {
  it('numbers the town’s tips of the day and hands the sender a receipt code once per requestId', async () => {
    const openid = await newTipster()
    const requestId = h.newRequestId()
    const first = data(await submit(h, openid, tipInput(), requestId))
    expect(first.reference).toMatch(new RegExp(`^JB-${shanghaiDay().replace(/-/g, '')}-\\d{4}$`))
    expect(first.receipt).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{16}$/)
    const count = await h.count('tips')
    // A double tap, or a retry after a lost reply: the same tip, the same receipt, nothing more written.
    watch.mark()
    const again = data(await submit(h, openid, tipInput(), requestId))
    expect(again).toEqual(first)
    expect(watch.changes().rows).toEqual([])
    expect(await h.count('tips')).toBe(count)
    // The same requestId with other content is refused.
    const other = await submit(h, openid, tipInput({ story: '另一件事情：有人冒充领导让我转账。' }), requestId)
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'requestId' } })

    const next = data(await submit(h, openid, tipInput()))
    expect(Number(next.reference.slice(-4))).toBe(Number(first.reference.slice(-4)) + 1)
  })

  it('gives tips sent at the same moment numbers of their own, counts each once, and makes one tip of a double tap sent twice at once', async () => {
    const statsOf = async () => {
      const { data: docs } = await h.db.collection('tipStats').where({ townId: 'town-jiasi' }).get()
      return docs.reduce((sum, doc) => sum + Number(doc.total), 0)
    }
    const countedBefore = await statsOf()
    const tipsBefore = await h.count('tips')
    const senders = await Promise.all(Array.from({ length: 4 }, () => newTipster()))
    const sent = await Promise.all(senders.flatMap((openid) => [submit(h, openid, tipInput()), submit(h, openid, tipInput())]))
    const references = sent.map((reply) => data(reply).reference)
    expect(new Set(references).size).toBe(8)
    const requestId = h.newRequestId()
    const [a, b] = await Promise.all([submit(h, senders[0], tipInput({ kind: 'game' }), requestId), submit(h, senders[0], tipInput({ kind: 'game' }), requestId)])
    expect(data(a)).toEqual(data(b))
    expect(await h.count('tips')).toBe(tipsBefore + 9)
    expect(await statsOf()).toBe(countedBefore + 9)
  })

  it('names the identifier that is wrong and says why, in Chinese', async () => {
    const openid = await newTipster()
    const identifiers = [
      { kind: 'phone', value: '138 1234 5678' },
      { kind: 'wechat', value: 'wxid_fraud01' },
      { kind: 'bankCard', value: '6222 0212 3456 7890 123' },
    ] as const
    const reply = await submit(h, openid, tipInput({ identifiers: [...identifiers] }))
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'identifiers.2.value' } })
    expect(!reply.ok && reply.error.message).toContain('银行卡号校验不通过')
    const phone = await submit(h, openid, tipInput({ identifiers: [{ kind: 'qq', value: '12345' }, { kind: 'phone', value: '1234' }] }))
    expect(phone).toMatchObject({ ok: false, error: { field: 'identifiers.1.value', message: expect.stringContaining('电话号码格式不对') } })
    // A valid card (Luhn) is stored as digits.
    const ok = data(await submit(h, openid, tipInput({ identifiers: [{ kind: 'bankCard', value: '6222 0212 3456 7890 128' }], contact: { mode: 'named', name: '王秀英', phone: '13912340002' } })))
    const stored = data(await tipsCall<MyTips>(h, openid, 'mine', {}))
    expect(stored.tips.find((tip) => tip.reference === ok.reference)?.identifiers).toEqual([{ kind: 'bankCard', value: '6222021234567890128' }])
  })

  it('refuses a date in the future, a village of no town of the sender, and a sender who has not signed in', async () => {
    const openid = await newTipster()
    expect(await submit(h, openid, tipInput({ happenedOn: addDays(shanghaiDay(), 1) }))).toMatchObject({ ok: false, error: { field: 'happenedOn' } })
    expect(await submit(h, openid, tipInput({ villageId: 'v-nowhere' }))).toMatchObject({ ok: false, error: { field: 'villageId' } })
    expect(await submit(h, 'wx-never-signed-in', tipInput())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('takes at most 5 tips an hour and 20 a day from one person, says so, and writes nothing when it refuses', async () => {
    const openid = await newTipster()
    const now = new Date()
    for (let i = 0; i < 5; i += 1) data(await submit(h, openid, tipInput({ story: `第${i + 1}条：有人打电话冒充公安说我涉嫌洗钱。` })))
    watch.mark()
    const sixth = await submit(h, openid, tipInput())
    // The hour may have turned meanwhile; then the hourly count starts again and the test says which limit it met.
    if (formatShanghai(new Date(), 'YYYYMMDDHH') === formatShanghai(now, 'YYYYMMDDHH')) {
      expect(sixth).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('每人每小时最多5条') } })
      expect(watch.changes().rows).toEqual([])
    }
    // The day's limit, reached by a counter set to 20 (its id, like the tips', comes through TIP_SECRET).
    const other = await newTipster()
    await h.db.collection('tipLimits').add({ _id: limitIdFor(other, `day:${shanghaiDay()}`), count: 20, expiresAt: new Date(Date.now() + 3600_000) })
    watch.mark()
    expect(await submit(h, other, tipInput())).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('每天最多20条') } })
    expect(watch.changes().rows).toEqual([])
  })

  it('tells the town’s police of an urgent tip at once, if they subscribed', async () => {
    await grant(h, POLICE, 'tipUrgent')
    const openid = await newTipster()
    const sent = data(await submit(h, openid, tipInput({ transfer: 'recent', kind: 'investment', amountLost: 38000, story: '网上认识的导师带我买虚拟币，转了38000元后提不了现。' })))
    const messages = await outbox(POLICE, 'tipUrgent')
    expect(messages.at(-1)).toMatchObject({
      fields: { reference: sent.reference, kind: '虚假投资理财', amount: '38000元·刚转账不久' },
      page: `pages/staff/tip-detail/index?id=${await tipIdOf(sent.reference)}`,
    })
    // No grant left: a later urgent tip is saved all the same, and nothing is sent.
    data(await submit(h, openid, tipInput({ transfer: 'recent' })))
    expect(await outbox(POLICE, 'tipUrgent')).toHaveLength(messages.length)
  })
})

describe('evidence', () => {
  it('is an image, at most the announced number, one per slot, and never replaced', async () => {
    const openid = await newTipster()
    const sent = data(await submit(h, openid, tipInput({ evidenceCount: 1 })))
    const notImage = Buffer.from('<html><script>alert(1)</script></html>').toString('base64')
    expect(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt, index: 0, image: notImage })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'image' } })
    expect(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt, index: 1, image: JPEG_A })).toMatchObject({ ok: false, error: { field: 'index' } })
    expect(await tipsCall(h, openid, 'addEvidence', { receipt: 'ABCD-EFGH-JKMN-PQRS', index: 0, image: JPEG_A })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'receipt' } })
    expect(data(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt, index: 0, image: JPEG_A }))).toEqual({ index: 0, expected: 1, received: 1 })
    // The same image again (a retry) is fine; another one is refused.
    watch.mark()
    expect(data(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt.toLowerCase(), index: 0, image: JPEG_A }))).toEqual({ index: 0, expected: 1, received: 1 })
    expect(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt, index: 0, image: JPEG_B })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(watch.changes()).toEqual({ rows: [], newFiles: [] })
  })

  it('lives where no client may upload: the storage rule refuses tips/ to a phone', async () => {
    const result = await h.local.server.uploadAsClient({ openid: RESIDENT, cloudPath: `tips/tp_0123456789abcdef0123456789abcdef/e0-000000000000.jpg`, content: Buffer.from(JPEG_A, 'base64') })
    expect(result).toMatchObject({ ok: false, reason: 'denied' })
  })

  it('is shown to police of the town only, with temporary links, and every view is audited', async () => {
    const openid = await newTipster()
    const sent = data(await submit(h, openid, tipInput({ evidenceCount: 1, contact: { mode: 'named', name: '王秀英', phone: '13912340003' } })))
    data(await tipsCall(h, openid, 'addEvidence', { receipt: sent.receipt, index: 0, image: JPEG_A }))
    const tipId = await tipIdOf(sent.reference)
    for (const openidOf of ALL_DEMO.filter((user) => user !== POLICE)) {
      for (const what of ['evidence', 'contact']) {
        expect(await tipsCall(h, openidOf, 'reveal', { tipId, what })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    const audits = () => h.count('audit', { target: tipId })
    const evidence = data(await tipsCall<RevealedTip>(h, POLICE, 'reveal', { tipId, what: 'evidence' }))
    expect(evidence).toMatchObject({ what: 'evidence', images: [{ index: 0, url: expect.stringContaining('/storage/') }] })
    const contact = data(await tipsCall<RevealedTip>(h, POLICE, 'reveal', { tipId, what: 'contact' }))
    expect(contact).toEqual({ what: 'contact', contact: { name: '王秀英', phone: '13912340003' } })
    expect(await audits()).toBe(2)
    const { data: entries } = await h.db.collection('audit').where({ target: tipId }).get()
    expect(entries.map((entry) => entry.action).sort()).toEqual(['tips.viewContact', 'tips.viewEvidence'])
    expect(entries.every((entry) => entry.actor === POLICE && entry.detail.byUserId === userIdFor(POLICE))).toBe(true)
    // The tipster sees how many images arrived, never a link.
    const mine = data(await tipsCall<MyTips>(h, openid, 'mine', {}))
    expect(JSON.stringify(mine)).not.toContain('/storage/')
    expect(mine.tips[0].evidence).toEqual({ expected: 1, received: 1 })
  })

  it('of an anonymous tip has no contact to reveal', async () => {
    const openid = await newTipster()
    const sent = data(await submit(h, openid, tipInput()))
    expect(await tipsCall(h, POLICE, 'reveal', { tipId: await tipIdOf(sent.reference), what: 'contact' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('匿名') } })
  })
})

describe('who may do what', () => {
  // form, submit, addEvidence and mine are every signed-in user's; the rest by role.
  const POLICE_ONLY = ['queue', 'get', 'reveal', 'update', 'reward', 'export']

  it('refuses every police action to everyone else with FORBIDDEN, writing nothing', async () => {
    const openid = await newTipster()
    const sent = data(await submit(h, openid, tipInput({ contact: { mode: 'named', name: '王秀英', phone: '13912340004' } })))
    const tipId = await tipIdOf(sent.reference)
    const today = shanghaiDay()
    const payloads: Record<string, unknown> = {
      queue: {},
      get: { tipId },
      reveal: { tipId, what: 'contact' },
      update: { tipId, status: 'accepted', note: '已受理' },
      reward: { tipId, state: 'proposed', amount: 200 },
      export: { from: today, to: today },
      stats: { from: today, to: today },
    }
    for (const user of DEMO_USERS) {
      for (const [action, payload] of Object.entries(payloads)) {
        const allowed = action === 'stats' ? user.roles.some((role) => role === 'office' || role === 'police') : user.roles.includes('police')
        if (allowed) continue
        watch.mark()
        expect([user.openid, action, await tipsCall(h, user.openid, action, payload)]).toMatchObject([user.openid, action, { ok: false, error: { code: 'FORBIDDEN' } }])
        expect(watch.changes()).toEqual({ rows: [], newFiles: [] })
      }
    }
    expect(POLICE_ONLY.every((action) => action in tips.actions)).toBe(true)
    // And a caller without a WeChat identity reaches nothing.
    for (const action of Object.keys(tips.actions)) {
      expect(await tipsCall(h, null, action, payloads[action] ?? {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    }
  })

  it('lets police of another town find nothing of this one', async () => {
    const openid = await newTipster()
    await h.db.collection('towns').add({ _id: 'town-other', name: '别的镇', region: '重庆市江津区', hotlines: [] })
    await h.db.collection('users').add({ _id: userIdFor('other-police'), openid: 'other-police', name: '外镇民警', roles: ['resident', 'police'], townId: 'town-other', villageId: null, unitId: null, createdAt: new Date(), updatedAt: new Date() })
    const sent = data(await submit(h, openid, tipInput()))
    const tipId = await tipIdOf(sent.reference)
    expect(await tipsCall(h, 'other-police', 'get', { tipId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await tipsCall(h, 'other-police', 'update', { tipId, status: 'accepted', note: '' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const page = data(await tipsCall<TipPage>(h, 'other-police', 'queue', {}))
    expect(page.tips).toEqual([])
    // One town again: new users belong to it by default.
    await h.db.collection('towns').doc('town-other').remove()
  })

  it('shows a resident only their own tips', async () => {
    const alice = await newTipster()
    const bob = await newTipster()
    const aliceTip = data(await submit(h, alice, tipInput({ contact: { mode: 'named', name: '阿丽', phone: '13912340005' } })))
    data(await submit(h, bob, tipInput({ contact: { mode: 'named', name: '阿波', phone: '13912340006' } })))
    const bobs = data(await tipsCall<MyTips>(h, bob, 'mine', {}))
    expect(bobs.tips.map((tip) => tip.reference)).not.toContain(aliceTip.reference)
    expect(JSON.stringify(bobs)).not.toContain('13912340005')
  })
})

describe('handling a tip', () => {
  async function namedTip(subscribed = true): Promise<{ openid: string; sent: SubmittedTip; tipId: string }> {
    const openid = await newTipster()
    if (subscribed) await grant(h, openid, 'tipStatus')
    const sent = data(await submit(h, openid, tipInput({ contact: { mode: 'named', name: '王秀英', phone: '13912340007' } })))
    return { openid, sent, tipId: await tipIdOf(sent.reference) }
  }

  it('moves only along the allowed steps, and a refusal needs its reason', async () => {
    const { tipId } = await namedTip(false)
    expect(await tipsCall(h, POLICE, 'update', { tipId, status: 'closed', note: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('只能改为「已受理」、「不予受理」') } })
    expect(await tipsCall(h, POLICE, 'update', { tipId, status: 'rejected', note: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'note' } })
    const accepted = data(await tipsCall<TipDetail>(h, POLICE, 'update', { tipId, status: 'accepted', note: '' }))
    expect(accepted).toMatchObject({ status: 'accepted', next: ['forwarded', 'filed', 'rejected', 'closed'] })
    data(await tipsCall(h, POLICE, 'update', { tipId, status: 'forwarded', note: '已转96110反诈中心' }))
    data(await tipsCall(h, POLICE, 'update', { tipId, status: 'closed', note: '已办结' }))
    expect(await tipsCall(h, POLICE, 'update', { tipId, status: 'filed', note: '' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已办结') } })
  })

  it('tells a named tipster of each public step by subscribe message, and shows them the step with its note', async () => {
    const { openid, sent, tipId } = await namedTip()
    data(await tipsCall(h, POLICE, 'update', { tipId, status: 'accepted', note: '民警已联系银行止付，请保持电话畅通', notePublic: true }))
    const [message] = await outbox(openid, 'tipStatus')
    expect(message).toMatchObject({ page: 'pages/my-tips/index', fields: { reference: sent.reference, status: '已受理', note: '民警已联系银行止付，请保持电话畅通' } })
    // An internal note is neither sent nor shown to the tipster; police see it.
    await grant(h, openid, 'tipStatus')
    const detail = data(await tipsCall<TipDetail>(h, POLICE, 'update', { tipId, note: '对方号码已上报研判', notePublic: false }))
    expect(await outbox(openid, 'tipStatus')).toHaveLength(1)
    expect(detail.timeline.map((step) => [step.kind, step.note, step.public])).toEqual([
      ['submitted', '', true],
      ['status', '民警已联系银行止付，请保持电话畅通', true],
      ['note', '对方号码已上报研判', false],
    ])
    const mine = data(await tipsCall<MyTips>(h, openid, 'mine', {}))
    expect(mine.tips[0]).toMatchObject({ status: 'accepted' })
    expect(mine.tips[0].timeline.map((step) => step.note)).toEqual(['', '民警已联系银行止付，请保持电话畅通'])
    expect(JSON.stringify(mine)).not.toContain('何警官')
  })

  it('sends an anonymous tipster nothing (there is no one to send to); they see the step in 我的举报 by the receipt', async () => {
    const openid = await newTipster()
    await grant(h, openid, 'tipStatus')
    const sent = data(await submit(h, openid, tipInput()))
    const tipId = await tipIdOf(sent.reference)
    data(await tipsCall(h, POLICE, 'update', { tipId, status: 'accepted', note: '已受理，正在核查' }))
    expect(await outbox(openid, 'tipStatus')).toEqual([])
    const mine = data(await tipsCall<MyTips>(h, openid, 'mine', { receipts: [sent.receipt] }))
    expect(mine.tips[0]).toMatchObject({ status: 'accepted', receipt: sent.receipt, timeline: [{ kind: 'submitted' }, { kind: 'status', status: 'accepted', note: '已受理，正在核查' }] })
  })

  it('records a reward, 拟奖励 then 已发放, and tells the tipster', async () => {
    const { openid, tipId } = await namedTip()
    expect(await tipsCall(h, POLICE, 'reward', { tipId, state: 'proposed', amount: 500 })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已受理') } })
    data(await tipsCall(h, POLICE, 'update', { tipId, status: 'accepted', note: '' }))
    // One message per grant: the tipster tapped 订阅 twice more.
    await grant(h, openid, 'tipStatus')
    await grant(h, openid, 'tipStatus')
    data(await tipsCall(h, POLICE, 'reward', { tipId, state: 'proposed', amount: 500, note: '请带回执码或身份证到派出所领取' }))
    const paid = data(await tipsCall<TipDetail>(h, POLICE, 'reward', { tipId, state: 'paid', amount: 500 }))
    expect(paid.reward).toEqual({ state: 'paid', amount: 500 })
    expect(await tipsCall(h, POLICE, 'reward', { tipId, state: 'proposed', amount: 800 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const messages = await outbox(openid, 'tipStatus')
    expect(messages.map((message) => message.fields.status)).toEqual(['已受理', '拟奖励', '奖励已发放'])
    const mine = data(await tipsCall<MyTips>(h, openid, 'mine', {}))
    expect(mine.tips[0].reward).toEqual({ state: 'paid', amount: 500 })
  })
})

describe('the police queue, export and counts', () => {
  it('puts new urgent tips first and filters by status, type, urgency, amount and date', async () => {
    const openid = await newTipster()
    const calm = data(await submit(h, openid, tipInput({ kind: 'romance' })))
    const urgent = data(await submit(h, openid, tipInput({ kind: 'romance', transfer: 'recent', amountLost: 9000 })))
    const page = data(await tipsCall<TipPage>(h, POLICE, 'queue', { status: 'submitted' }))
    const urgentAt = page.tips.findIndex((tip) => tip.reference === urgent.reference)
    expect(page.tips.slice(0, urgentAt + 1).every((tip) => tip.urgent)).toBe(true)
    expect(page.tips.findIndex((tip) => tip.reference === calm.reference)).toBeGreaterThan(urgentAt)
    const romance = data(await tipsCall<TipPage>(h, POLICE, 'queue', { kind: 'romance', minAmount: 5000, from: shanghaiDay(), to: shanghaiDay() }))
    expect(romance.tips.map((tip) => tip.reference)).toEqual([urgent.reference])
    // The queue never shows who sent a tip.
    expect(JSON.stringify(page)).not.toMatch(/13912340\d{3}|王秀英/)
  })

  it('exports the period to .xlsx with the named tipsters’ contacts, and audits it', async () => {
    const today = shanghaiDay()
    const exported = data(await tipsCall<ExportedFile & { tips: number }>(h, POLICE, 'export', { from: today, to: today }))
    expect(exported.fileName).toBe(`举报线索（${today}至${today}）.xlsx`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await (await fetch(exported.url)).arrayBuffer()) as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('举报线索')
    expect(sheet?.getRow(1).getCell(1).value).toBe('举报编号')
    expect(sheet?.rowCount).toBe(exported.tips + 1)
    const people = (sheet?.getColumn(13).values ?? []).slice(2)
    expect(people).toContain('匿名')
    expect(people).toContain('王秀英')
    expect(await h.count('audit', { action: 'tips.export', actor: POLICE })).toBe(1)
  })

  it('gives office counts by type, status, week and village, and nothing of any single tip', async () => {
    const today = shanghaiDay()
    const stats = data(await tipsCall<TipStats>(h, 'demo-office', 'stats', { from: today, to: today }))
    const total = await h.count('tips')
    expect(stats.total).toBe(total)
    expect(stats.byKind.reduce((sum, row) => sum + row.count, 0)).toBe(total)
    expect(stats.byStatus.reduce((sum, row) => sum + row.count, 0)).toBe(total)
    expect(stats.byVillage.reduce((sum, row) => sum + row.count, 0)).toBe(total)
    expect(stats.byVillage.find((row) => row.id === 'v-xinhua')?.count).toBeGreaterThanOrEqual(1)
    expect(stats.byWeek).toHaveLength(1)
    const accepted = await h.count('tips', { status: 'accepted' })
    expect(stats.byStatus.find((row) => row.key === 'accepted')?.count).toBe(accepted)
    const text = JSON.stringify(stats)
    expect(text).not.toMatch(/JB-|有人|冒充快递|王秀英|1391234/)
  })
})
