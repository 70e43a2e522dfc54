import { can, type Capability } from '../../../domain/access'
import type { Role } from '../../../domain/roles'

export interface WorkTool {
  key: string
  title: string
  description: string
  /** Who gets it: the same table the functions' audiences come from. */
  capability: Capability
  /** Where the tool lives; null while it is not built yet. */
  path: string | null
}

// The 工作 tab's tools and who gets each. A tool without a path is shown as
// 即将上线 so staff know it is coming, and nothing pretends to work.
export const WORK_TOOLS: readonly WorkTool[] = [
  {
    key: 'invites',
    title: '邀请码管理',
    description: '给村社干部、单位负责人、民警等工作人员发邀请码，查看使用情况，作废不用的邀请码。',
    capability: 'manageInvites',
    path: '/pages/staff/invites/index',
  },
  {
    key: 'visits',
    title: '入户登记',
    description: '走访入户后登记户主、宣传内容和签名。没有信号也能登记，有信号时自动上传。',
    capability: 'logVisits',
    path: '/pages/staff/visit-new/index',
  },
  {
    key: 'my-visits',
    title: '我的入户记录',
    description: '今天、本周登记的户，待上传和被退回的记录，24小时内可更正或作废。',
    capability: 'logVisits',
    path: '/pages/staff/visits/index?scope=mine',
  },
  {
    key: 'village-visits',
    title: '村（社区）入户记录',
    description: '按村（社区）查看入户记录，可按姓名、地址搜索。',
    capability: 'readVisits',
    path: '/pages/staff/visits/index?scope=village',
  },
  {
    key: 'activity-new',
    title: '宣传活动登记',
    description: '登记五进、院坝会、张贴海报、悬挂横幅、发放资料、银行网点提示检查，附现场照片。没有信号也能登记。',
    capability: 'logActivities',
    path: '/pages/staff/activity-new/index',
  },
  {
    key: 'activities',
    title: '宣传台账',
    description: '各村（社区）的重点场所（哪些已挂横幅、贴海报）和宣传活动记录；可导入场所表，24小时内可作废自己的记录。',
    capability: 'readActivities',
    path: '/pages/staff/activities/index',
  },
  {
    key: 'roster',
    title: '户籍名册导入',
    description: '导入村里的户籍名册表格（.xlsx 或 .csv），入户登记时在手机上查找户。',
    capability: 'maintainRegister',
    path: '/pages/staff/roster/index',
  },
  {
    key: 'progress',
    title: '进度看板',
    description: '各村（社区）入户宣传的覆盖进度、阶段目标和每天需要的进度；村社干部看本村。',
    capability: 'watchProgress',
    path: '/pages/staff/progress/index',
  },
  {
    key: 'bulletins',
    title: '通报',
    description: '按时间段生成进度通报（文字和表格），可转发，可导出 Excel。',
    capability: 'publishBulletins',
    path: '/pages/staff/bulletin/index',
  },
  {
    key: 'exports',
    title: '存档导出',
    description: '按纸质入户工作记录表导出某村（社区）的入户记录（含签名），以及宣传活动台账（附照片），交社区民警存档备查。',
    capability: 'exportArchive',
    path: '/pages/staff/archive/index',
  },
  {
    key: 'town',
    title: '镇级管理',
    description: '村（社区）的实有户数、组、社区民警和包村单位，单位和负责人，入户宣传活动的阶段目标，求助电话。',
    capability: 'manageTown',
    path: '/pages/staff/town/index',
  },
  {
    key: 'people',
    title: '人员管理',
    description: '查看工作人员的角色、所在村（社区）或单位和最近使用时间，修改或取消角色。',
    capability: 'manageUsers',
    path: '/pages/staff/people/index',
  },
  {
    key: 'audit',
    title: '操作记录',
    description: '谁在什么时候导出了什么、改了什么；镇反诈办看全镇的，民警看自己的。',
    capability: 'readAudit',
    path: '/pages/staff/audit/index',
  },
  {
    key: 'articles',
    title: '文章发布',
    description: '写防骗文章和诈骗手法预警（手机上编辑，可插图片），发布或定时发布、置顶、撤回；预警可以微信通知订阅的群众。',
    capability: 'publishArticles',
    path: '/pages/staff/articles/index',
  },
  {
    key: 'posters',
    title: '防骗海报',
    description: '把任一篇文章做成 A4 海报：标题、三条要点、96110 和派出所电话，加本村（社区）的二维码，扫码阅读计入本村。',
    capability: 'printPosters',
    path: '/pages/staff/article-poster/index',
  },
  {
    key: 'article-reach',
    title: '宣传成效',
    description: '每篇文章、各单位和各村（社区）的分享次数、分享和海报带来的阅读、「我已学习」人数。',
    capability: 'watchArticleReach',
    path: '/pages/staff/article-reach/index',
  },
  {
    key: 'privacy',
    title: '个人信息保护',
    description: '办理群众查看或删除个人信息的申请（先电话核实本人，办理留有记录）；设置个人信息保存期限，查看每晚自动清理的情况。',
    capability: 'handleDataRequests',
    path: '/pages/staff/privacy/index',
  },
  {
    key: 'district',
    title: '区级进度',
    description: '本区县各镇（街道）的入户宣传覆盖进度和全区合计，只读。',
    capability: 'watchDistrict',
    path: '/pages/staff/district/index',
  },
  {
    key: 'reminders',
    title: '督导提醒',
    description: '提醒包联村（社区）进度落后的单位负责人：先预览每人收到的内容，再立即提醒；查看发送记录，设置免打扰时段。',
    capability: 'remindUnits',
    path: '/pages/staff/reminders/index',
  },
  {
    key: 'tips',
    title: '举报线索',
    description: '群众的网上举报：新举报和紧急的在前，查看详情和证据，受理、转96110、立案，回复举报人，登记奖励，导出 Excel。',
    capability: 'handleTips',
    path: '/pages/staff/tips/index',
  },
  {
    key: 'tip-stats',
    title: '举报统计',
    description: '各类诈骗举报的数量、处理情况，按村（社区）和按周统计；不显示举报人和举报内容。',
    capability: 'countTips',
    path: '/pages/staff/tip-stats/index',
  },
]

export function toolsFor(roles: readonly Role[]): WorkTool[] {
  return WORK_TOOLS.filter((tool) => can(roles, tool.capability))
}
