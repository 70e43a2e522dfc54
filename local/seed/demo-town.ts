import type { CampaignDoc } from '../../cloudfunctions/_lib/repos/campaigns'
import type { TownDoc, UnitDoc, VillageDoc } from '../../cloudfunctions/_lib/repos/places'
import { addDays, daysBetween, type DayString } from '../../domain/dates'
import type { Role } from '../../domain/roles'

// Demo data for local use. The township, its hotlines and its units come from
// the campaign plan (贾嗣府发〔2021〕47号); village names, household counts and
// people are invented for the demo.

export const DEMO_TOWN: TownDoc = {
  _id: 'town-jiasi',
  name: '贾嗣镇',
  region: '重庆市江津区',
  hotlines: [
    { label: '反诈专线', number: '96110' },
    { label: '贾嗣派出所', number: '023-47651042' },
  ],
}

export const DEMO_UNITS: UnitDoc[] = [
  { _id: 'unit-dangqun', name: '党群办（宣传）', headName: '周敏' },
  { _id: 'unit-pingan', name: '平安建设办', headName: '吴刚' },
  { _id: 'unit-jingji', name: '经济办', headName: '郑丽' },
  { _id: 'unit-caizheng', name: '财政办', headName: '冯军' },
].map((unit, order) => ({ ...unit, townId: DEMO_TOWN._id, order }))

type VillageSeed = [id: string, name: string, kind: VillageDoc['kind'], households: number, unitId: string, officer: string]

const VILLAGES: VillageSeed[] = [
  ['v-jiasi', '贾嗣社区', 'community', 2460, 'unit-dangqun', '何警官'],
  ['v-xinhua', '新华村', 'village', 1180, 'unit-dangqun', '何警官'],
  ['v-shiliang', '石梁村', 'village', 860, 'unit-dangqun', '韩警官'],
  ['v-yanba', '燕坝村', 'village', 1520, 'unit-pingan', '韩警官'],
  ['v-guanyin', '观音村', 'village', 640, 'unit-pingan', '林警官'],
  ['v-gaofeng', '高峰村', 'village', 410, 'unit-pingan', '林警官'],
  ['v-sanhe', '三合村', 'village', 930, 'unit-jingji', '何警官'],
  ['v-huangge', '黄桷村', 'village', 1340, 'unit-jingji', '韩警官'],
  ['v-taiping', '太平村', 'village', 720, 'unit-jingji', '林警官'],
  ['v-shuanghe', '双河村', 'village', 1050, 'unit-caizheng', '何警官'],
  ['v-yongxing', '永兴村', 'village', 330, 'unit-caizheng', '韩警官'],
  ['v-qinglong', '青龙村', 'village', 1870, 'unit-caizheng', '林警官'],
]

export const DEMO_VILLAGES: VillageDoc[] = VILLAGES.map(([id, name, kind, households, unitId, officer], order) => ({
  _id: id,
  townId: DEMO_TOWN._id,
  name,
  kind,
  order,
  registeredHouseholds: households,
  policeOfficer: { name: officer, phone: '023-47651042' },
  unitId,
}))

export interface DemoUserSeed {
  openid: string
  name: string
  roles: Role[]
  villageId: string | null
  unitId: string | null
  /** For the local sign-in picker. */
  role: string
  detail: string
}

export const DEMO_USERS: DemoUserSeed[] = [
  { openid: 'demo-resident', name: '张阿姨', roles: ['resident'], villageId: null, unitId: null, role: '群众', detail: '首页一键拨打求助电话；「举报」页一键拨打举报电话、网上举报（可匿名，可传证据图片，给回执码）；「我的举报」里有两条实名举报（一条已受理、拟奖励200元），输入回执码 DEMA-2345-6789-BCDE 可查一条匿名举报；「学习」读防骗文章（置顶的预警在最上面）、点「我已学习」、复制链接转发给亲友（第一次会问住在哪个村）、我的学习记录；订阅过一次防骗预警，发布预警时会在 /local/outbox 收到' },
  { openid: 'demo-cadre', name: '李网格', roles: ['resident', 'cadre'], villageId: 'v-xinhua', unitId: null, role: '村社干部/网格员', detail: '防骗海报（A4，带本村二维码）；新华村：入户登记（没有信号也能登记）、我的入户记录、村（社区）入户记录、户籍名册导入，本村的进度看板和存档导出；宣传活动登记（五进、横幅海报，带照片，没有信号也能登记）、宣传台账（重点场所和活动记录，可导入场所表）' },
  { openid: 'demo-unit-head', name: '周敏', roles: ['resident', 'unit_head'], villageId: null, unitId: 'unit-dangqun', role: '单位负责人', detail: '宣传成效（所包村的分享、海报阅读、已学习）；党群办：所包三个村（社区）的进度看板和村（社区）入户记录（个人信息已遮挡）；「我的 → 消息」里有上个工作日的入户进度提醒（底部「我的」上的红色数字），点开可看该村进度；进度看板上可订阅微信提醒；为所包村（社区）做宣传活动登记，查看宣传台账' },
  { openid: 'demo-office', name: '陈主任', roles: ['resident', 'office'], villageId: null, unitId: null, role: '镇反诈办', detail: '文章发布（写文章、预警通知订阅者、置顶、撤回）、防骗海报、宣传成效；举报统计（只有数量，看不到举报人和内容）；全镇的进度看板、通报、督导提醒（预览、立即提醒、发送记录、设置）、存档导出、邀请码管理、户籍名册导入、村（社区）入户记录；镇级管理（实有户数、阶段目标等）、人员管理、操作记录；个人信息保护（群众的查看/删除申请、保存期限）；宣传台账（各村重点场所和宣传活动，进度看板和通报里有重点场所覆盖率）' },
  { openid: 'demo-police', name: '何警官', roles: ['resident', 'police'], villageId: null, unitId: null, role: '派出所民警', detail: '举报线索（新举报、紧急的在前：查看证据、受理、回复举报人、登记奖励、导出 Excel）、举报统计；文章发布（写文章和预警）；全镇的进度看板、村（社区）入户记录、存档导出（含宣传活动台账）；宣传活动登记、宣传台账；自己的操作记录' },
]

/**
 * Campaigns are data. The plan's own 2021 campaign (start 2021-02-02; 20% by
 * the end of February, 100% by the end of the year), and a current demo one
 * placed around `today` so the demo always has a campaign under way.
 */
export function demoCampaigns(today: DayString): CampaignDoc[] {
  const year = Number(today.slice(0, 4))
  const yearEnd = `${year}-12-31`
  const lastDay = daysBetween(today, yearEnd) >= 30 ? yearEnd : addDays(today, 60)
  return [
    {
      _id: 'campaign-2021',
      townId: DEMO_TOWN._id,
      name: '2021年全民反诈专项行动入户宣传',
      startDay: '2021-02-02',
      milestones: [
        { day: '2021-02-28', targetPercent: 20 },
        { day: '2021-12-31', targetPercent: 100 },
      ],
    },
    {
      _id: `campaign-${year}`,
      townId: DEMO_TOWN._id,
      name: `${year}年全民反诈入户宣传（演示）`,
      startDay: addDays(today, -70),
      milestones: [
        { day: addDays(today, -10), targetPercent: 20 },
        { day: lastDay, targetPercent: 100 },
      ],
    },
  ]
}
