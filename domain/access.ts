import { hasAnyRole, STAFF_ROLES, type Role } from './roles'

// Who may do what, in one table: the functions take their actions' audiences
// from it, and the app decides from it what to offer (the 工作 tools, what a
// page shows). Which village a staff member may act on is the functions'
// decision too (cloudfunctions/_lib/access.ts); the app learns it from
// account.directory, never from a copy of the rule.

export const ACCESS = {
  /** 邀请码管理 */
  manageInvites: ['office'],
  /** 入户登记 and 我的入户记录 */
  logVisits: ['cadre'],
  /** 更正、作废 (the author within 24 h; office at any time) */
  editVisits: ['cadre', 'office'],
  /** 宣传台账: log 五进, talks, posters, banners, bank checks (cadres their village, unit heads their unit's, police the town) */
  logActivities: ['cadre', 'unit_head', 'police'],
  /** 更正、作废 an activity (the author within 24 h; office at any time) */
  editActivities: ['cadre', 'unit_head', 'police', 'office'],
  /** 宣传台账 lists and records, and a village's key places */
  readActivities: STAFF_ROLES,
  /** 重点场所: add a place or import a village's list */
  maintainPlaces: ['cadre', 'office'],
  /** 村（社区）入户记录: lists of the villages one works with, and records one may open */
  readVisits: STAFF_ROLES,
  /** The household register of a village */
  readRegister: ['cadre', 'office', 'police'],
  /** 户籍名册导入 and adding a household */
  maintainRegister: ['cadre', 'office'],
  /** 进度看板 */
  watchProgress: STAFF_ROLES,
  /** 通报 */
  publishBulletins: ['office'],
  /** 存档导出 */
  exportArchive: ['cadre', 'office', 'police'],
  /** 重新统计 */
  recount: ['office'],
  /** 督导提醒: preview, 立即提醒, the record of attempts, the settings */
  remindUnits: ['office'],
  /** The villages (and units) one works with */
  workDirectory: STAFF_ROLES,
  /** 区级进度: each town's progress and the district's totals, read-only */
  watchDistrict: ['district'],
  /** 镇级管理: the town's villages, units, campaigns and hotlines */
  manageTown: ['office'],
  /** 人员管理: roles of the town's users */
  manageUsers: ['office'],
  /** Handle residents' requests to see or delete their data (recorded) */
  handleDataRequests: ['office'],
  /** How long personal data is kept; what the nightly purge last removed */
  setRetention: ['office'],
  /** 操作记录: office the town's, police their own */
  readAudit: ['office', 'police'],
  /** 文章发布: write, publish, withdraw and pin articles and alerts; see drafts */
  publishArticles: ['office', 'police'],
  /** 防骗海报: a printable poster of an article with a village's code */
  printPosters: ['cadre', 'office'],
  /** 宣传成效: shares, reads from shares and posters, 我已学习, per unit and village */
  watchArticleReach: ['office', 'unit_head'],
  /** 举报线索: the police queue, a tip's detail, its tipster's contact and evidence (audited), status, notes, rewards, export */
  handleTips: ['police'],
  /** 举报统计: counts by type, status, week and village; never who, never what they wrote */
  countTips: ['office', 'police'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof ACCESS

export function can(roles: readonly Role[], capability: Capability): boolean {
  return hasAnyRole(roles, ACCESS[capability])
}
