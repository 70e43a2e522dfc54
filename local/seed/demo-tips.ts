import type { CloudApp } from '../../cloudfunctions/_lib/cloud'
import { collection } from '../../cloudfunctions/_lib/collections'
import { emptyTipStats, NO_VILLAGE, tipStatsIdFor, type TipDoc, type TipEvent, type TipStatsDoc } from '../../cloudfunctions/_lib/repos/tips'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { receiptHash } from '../../cloudfunctions/_lib/tip-secret'
import { addDays, shanghaiDay } from '../../domain/dates'
import type { SuspectIdentifier } from '../../domain/tip-identifiers'
import { isUrgent, tipReference, weekOf, type TipKind, type TipReward, type TipStatus, type TransferState } from '../../domain/tips'
import { DEMO_TOWN } from './demo-town'
import { signaturePng } from './signature-png'

// 线索举报 on day one: six weeks of the town's tips in every status, so the
// police queue (何警官) has new ones with an urgent one on top, office (陈主任)
// has counts by type, status, week and village, and 张阿姨 finds her two named
// tips in 我的举报, one with a note from the police and a reward. One
// anonymous tip can be looked up with the receipt code below (README).

/** The receipt code of the demo's anonymous tip, to type into 我的举报. */
export const DEMO_RECEIPT = 'DEMA23456789BCDE'

const OFFICER = { id: userIdFor('demo-police'), name: '何警官' }

interface DemoTip {
  daysAgo: number
  /** Hour of the day (Shanghai) it came in. */
  hour: number
  kind: TipKind
  transfer: TransferState
  amountLost: number
  villageId: string | null
  story: string
  identifiers: SuspectIdentifier[]
  /** 张阿姨's named tip, or anonymous. */
  named?: boolean
  receipt?: string
  evidence?: number
  steps?: { afterHours: number; status?: TipStatus; note: string; public?: boolean; reward?: TipReward }[]
}

const TIPS: DemoTip[] = [
  {
    daysAgo: 0,
    hour: 9,
    kind: 'investment',
    transfer: 'recent',
    amountLost: 8600,
    villageId: 'v-shiliang',
    story: '微信群里的“老师”带着炒股，下载了一个叫“鼎盛财富”的App，今天早上转了8600元进去，现在提不了现，客服也不回了。',
    identifiers: [
      { kind: 'url', value: 'dingsheng-caifu.example.com' },
      { kind: 'bankCard', value: '6222021234567890128' },
    ],
    evidence: 2,
    receipt: DEMO_RECEIPT,
  },
  {
    daysAgo: 0,
    hour: 8,
    kind: 'authority',
    transfer: 'none',
    amountLost: 0,
    villageId: 'v-xinhua',
    story: '有人打电话自称江津区公安局，说我的银行卡涉嫌洗钱，要我把钱转到“安全账户”，我没转，挂了电话。',
    identifiers: [{ kind: 'phone', value: '+85261234567' }],
  },
  {
    daysAgo: 1,
    hour: 20,
    kind: 'service',
    transfer: 'none',
    amountLost: 0,
    villageId: null,
    story: '自称快递客服说包裹丢了要理赔，让我下载会议软件共享屏幕。',
    identifiers: [{ kind: 'phone', value: '17012345678' }],
  },
  {
    daysAgo: 2,
    hour: 15,
    kind: 'authority',
    transfer: 'none',
    amountLost: 0,
    villageId: 'v-xinhua',
    story: '下午接到电话，对方说是检察院的，念出了我的身份证号，让我加QQ做“资金清查”。我觉得不对，没有加。',
    identifiers: [
      { kind: 'phone', value: '+639123456789' },
      { kind: 'qq', value: '2837465910' },
    ],
    named: true,
    steps: [
      { afterHours: 2, status: 'accepted', note: '已受理，谢谢您及时举报。对方号码已上报封停。' },
      { afterHours: 3, note: '号码已提交96110研判，同号段近期多起冒充公检法', public: false },
      { afterHours: 30, reward: { state: 'proposed', amount: 200 }, note: '您的举报帮助封停了诈骗号码，拟奖励200元，请带身份证到贾嗣派出所领取。' },
    ],
  },
  {
    daysAgo: 5,
    hour: 10,
    kind: 'brushing',
    transfer: 'earlier',
    amountLost: 300,
    villageId: 'v-xinhua',
    story: '在抖音上看到刷单兼职，做了两单返了钱，第三单垫付300元后对方说要再做三单才能提现。',
    identifiers: [{ kind: 'wechat', value: 'shuadan_888' }],
    named: true,
    steps: [
      { afterHours: 1, status: 'accepted', note: '' },
      { afterHours: 50, status: 'closed', note: '已联系您核实并登记，损失较小已协助向平台申诉。请注意刷单都是诈骗。' },
    ],
  },
  {
    daysAgo: 6,
    hour: 11,
    kind: 'loan',
    transfer: 'earlier',
    amountLost: 2000,
    villageId: 'v-shiliang',
    story: '网上申请贷款，对方说我流水不够要先交2000元“解冻金”，交了以后对方不见了。',
    identifiers: [{ kind: 'phone', value: '4001234567' }],
    steps: [{ afterHours: 3, status: 'accepted', note: '' }, { afterHours: 26, status: 'filed', note: '已立案侦查。' }],
  },
  {
    daysAgo: 9,
    hour: 16,
    kind: 'game',
    transfer: 'earlier',
    amountLost: 650,
    villageId: 'v-dongsheng',
    story: '孩子在游戏里卖账号，对方让到一个网站交易，付了650元保证金后账号和钱都没了。',
    identifiers: [{ kind: 'url', value: 'http://game-trade.example.net/pay' }],
    steps: [{ afterHours: 4, status: 'accepted', note: '' }, { afterHours: 6, status: 'forwarded', note: '已转96110反诈中心处理。' }],
  },
  {
    daysAgo: 13,
    hour: 19,
    kind: 'romance',
    transfer: 'earlier',
    amountLost: 15000,
    villageId: null,
    story: '网上认识的“男朋友”说在国外当医生，寄了礼物要我交关税和手续费，前后转了15000元。',
    identifiers: [{ kind: 'other', value: '交友App“缘来”用户名：DrLee' }],
    steps: [{ afterHours: 2, status: 'accepted', note: '' }, { afterHours: 20, status: 'filed', note: '' }],
  },
  {
    daysAgo: 17,
    hour: 9,
    kind: 'acquaintance',
    transfer: 'none',
    amountLost: 0,
    villageId: 'v-xinhua',
    story: '有人加我微信冒充村支书，说帮忙垫付一笔钱，我打电话给书记本人核实是假的。',
    identifiers: [{ kind: 'wechat', value: 'cunzhishu2024' }],
    steps: [{ afterHours: 5, status: 'accepted', note: '' }, { afterHours: 8, status: 'closed', note: '已提醒各村社干部注意。' }],
  },
  {
    daysAgo: 22,
    hour: 14,
    kind: 'other',
    transfer: 'none',
    amountLost: 0,
    villageId: 'v-dongsheng',
    story: '收到短信说医保卡要过期，点链接填写信息。我没有点。',
    identifiers: [{ kind: 'url', value: 'yibao-update.example.org' }],
    steps: [{ afterHours: 20, status: 'rejected', note: '经核实为已知钓鱼短信，平台已拦截，无需另行受理。谢谢您的举报。' }],
  },
  {
    daysAgo: 30,
    hour: 10,
    kind: 'service',
    transfer: 'earlier',
    amountLost: 4200,
    villageId: 'v-shiliang',
    story: '冒充电商客服说我开通了会员要扣费，引导我在“贷款平台”借钱转给他们关闭会员。',
    identifiers: [{ kind: 'phone', value: '02388886666' }],
    steps: [{ afterHours: 1, status: 'accepted', note: '' }, { afterHours: 30, status: 'filed', note: '' }, { afterHours: 300, status: 'closed', note: '案件已移交，谢谢您的举报。' }],
  },
  {
    daysAgo: 38,
    hour: 17,
    kind: 'brushing',
    transfer: 'none',
    amountLost: 0,
    villageId: 'v-xinhua',
    story: 'QQ群里有人发刷单返利广告，我截图留下了群号。',
    identifiers: [{ kind: 'qq', value: '765432198' }],
    steps: [{ afterHours: 10, status: 'accepted', note: '' }, { afterHours: 40, status: 'closed', note: '群已被举报解散。' }],
  },
]

/** Writes the demo tips, their evidence images and the town's counters (as submit and update keep them). */
export async function seedDemoTips(app: CloudApp, now = new Date()): Promise<number> {
  const db = app.database()
  const today = shanghaiDay(now)
  const sequences = new Map<string, number>()
  const stats = new Map<string, TipStatsDoc>()
  const docs: TipDoc[] = []
  // Today's tips came in earlier today, however early the demo starts; oldest
  // first, so each day's reference numbers count up with the time they came in.
  const timed = TIPS.map((tip, index) => {
    const planned = new Date(`${addDays(today, -tip.daysAgo)}T${String(tip.hour).padStart(2, '0')}:${String(7 + index * 3).padStart(2, '0')}:00+08:00`)
    return { tip, createdAt: new Date(Math.min(planned.getTime(), now.getTime() - (TIPS.length - index) * 7 * 60_000)) }
  }).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  for (const [index, { tip, createdAt }] of timed.entries()) {
    const day = shanghaiDay(createdAt)
    const sequence = (sequences.get(day) ?? 0) + 1
    sequences.set(day, sequence)
    const id = `tp_demo${String(index + 1).padStart(2, '0')}`
    const events: TipEvent[] = [{ at: createdAt, kind: 'submitted', status: 'submitted', note: '', public: true, reward: null, byId: null, byName: '' }]
    let status: TipStatus = 'submitted'
    let reward: TipReward | null = null
    for (const step of tip.steps ?? []) {
      const at = new Date(Math.min(createdAt.getTime() + step.afterHours * 3600_000, now.getTime() - 60_000))
      if (step.status) status = step.status
      if (step.reward) reward = step.reward
      events.push({ at, kind: step.status ? 'status' : step.reward ? 'reward' : 'note', status: step.status ?? null, note: step.note, public: step.public ?? true, reward: step.reward ?? null, byId: OFFICER.id, byName: OFFICER.name })
    }
    const evidence: TipDoc['evidence'] = { expected: tip.evidence ?? 0, files: {} }
    for (let slot = 0; slot < (tip.evidence ?? 0); slot += 1) {
      const { fileID } = await app.uploadFile({ cloudPath: `tips/${id}/e${slot}-demo.png`, fileContent: signaturePng(40 + index * 3 + slot, 360, 240) })
      evidence.files[`e${slot}`] = { fileID, sha256: `demo-${slot}`, bytes: 0, at: createdAt }
    }
    const doc: TipDoc = {
      _id: id,
      townId: DEMO_TOWN._id,
      reference: tipReference(day, sequence),
      submittedOn: day,
      week: weekOf(day),
      kind: tip.kind,
      transfer: tip.transfer,
      urgent: isUrgent(tip.transfer),
      amountLost: tip.amountLost,
      happenedOn: day,
      story: tip.story,
      identifiers: tip.identifiers,
      villageId: tip.villageId,
      anonymous: !tip.named,
      reporterId: tip.named ? userIdFor('demo-resident') : null,
      contact: tip.named ? { name: '张阿姨', phone: '13800000001' } : null,
      // Receipts of tips nobody will look up are made up; the one in the README is real.
      receiptHash: receiptHash(tip.receipt ?? `DEMO${id.toUpperCase()}`),
      requestHash: `demo-${id}`,
      evidence,
      status,
      reward,
      events,
      createdAt,
      updatedAt: events[events.length - 1].at,
    }
    docs.push(doc)
    const week = stats.get(doc.week) ?? emptyTipStats(doc.townId, doc.week)
    const village = doc.villageId ?? NO_VILLAGE
    week.total += 1
    week.urgent += doc.urgent ? 1 : 0
    week.byKind[doc.kind] = (week.byKind[doc.kind] ?? 0) + 1
    week.byStatus[doc.status] = (week.byStatus[doc.status] ?? 0) + 1
    week.byVillage[village] = (week.byVillage[village] ?? 0) + 1
    week.sequence[day] = sequence
    stats.set(doc.week, { ...week, _id: tipStatsIdFor(doc.townId, doc.week) })
  }
  await collection(db, 'tips').add(docs)
  await collection(db, 'tipStats').add([...stats.values()])
  return docs.length
}
