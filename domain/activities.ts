import * as v from 'valibot'
import { lastDayOf } from './campaign'
import { progressOf, STATUS_LABELS, type CampaignPlan, type CoverageStatus } from './coverage'
import { daysBetween, isDayString, type DayString } from './dates'
import { ARCHIVE_MAX_DAYS } from './archive'
import { day, docId, integer, optionalText, text } from './fields'
import { fitsIn, isOrdered, periodEntries, TO_BEFORE_FROM, tooLong } from './period'

// 宣传台账: the campaign's work besides household visits — 五进 events, talks,
// posters and banners at key places (重点场所), leaflets, the bank counters'
// 安全提示单 — logged like visits (offline, once per requestId, correctable
// or voidable within 24 h), and the share of each village's key places that
// carry a banner or poster this campaign.

// ---------------------------------------------------------------- places

export const PLACE_KINDS = ['market', 'street', 'hotel', 'restaurant', 'netcafe', 'station', 'wharf', 'school', 'company', 'residential', 'bank', 'other'] as const
export type PlaceKind = (typeof PLACE_KINDS)[number]

export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  market: '集贸市场',
  street: '商业街',
  hotel: '宾馆',
  restaurant: '饭店',
  netcafe: '网吧',
  station: '车站',
  wharf: '码头',
  school: '学校',
  company: '企业',
  residential: '小区/楼栋',
  bank: '银行网点',
  other: '其他',
}

/** Spellings a spreadsheet may use for a kind. */
const PLACE_KIND_NAMES: Record<PlaceKind, string[]> = {
  market: ['集贸市场', '农贸市场', '市场', '集市'],
  street: ['商业街', '街道', '商铺', '商圈'],
  hotel: ['宾馆', '酒店', '旅馆', '民宿'],
  restaurant: ['饭店', '餐馆', '餐厅', '饭馆'],
  netcafe: ['网吧', '网咖'],
  station: ['车站', '客运站', '汽车站', '火车站', '公交站'],
  wharf: ['码头', '渡口'],
  school: ['学校', '小学', '中学', '幼儿园'],
  company: ['企业', '公司', '工厂'],
  residential: ['小区/楼栋', '小区', '楼栋', '小区楼栋', '居民楼', '电梯'],
  bank: ['银行网点', '银行', '信用社', '邮储'],
  other: ['其他', '其它'],
}

export function placeKindOf(textValue: string): PlaceKind | null {
  const name = textValue.replace(/\s/g, '')
  for (const kind of PLACE_KINDS) if (PLACE_KIND_LABELS[kind] === name || PLACE_KIND_NAMES[kind].includes(name)) return kind
  return null
}

/** A place's identity within its village: its kind and its name, spaces and case aside. */
export function placeNameKey(kind: PlaceKind, name: string): string {
  return `${kind}:${name.normalize('NFKC').replace(/\s/g, '').toLowerCase()}`
}

export const newPlaceSchema = v.object({
  kind: v.picklist(PLACE_KINDS, '请选择场所类型'),
  name: text('场所名称', { max: 40 }),
  address: optionalText('场所地址', 60),
})
export type NewPlace = v.InferOutput<typeof newPlaceSchema>

export const createPlaceSchema = v.object({ villageId: docId('村（社区）'), ...newPlaceSchema.entries })

export const listPlacesSchema = v.object({ villageId: docId('村（社区）') })

export const importPlacesSchema = v.object({
  villageId: docId('村（社区）'),
  fileID: v.pipe(v.string('请先选择场所文件'), v.regex(/^cloud:\/\/\S{1,300}\.(xlsx|csv)$/i, '场所文件应为 .xlsx 或 .csv')),
})

export interface PlaceView {
  id: string
  kind: PlaceKind
  name: string
  address: string
  /** Has a banner or poster (active) in the campaign under way. */
  covered: boolean
}

// ---------------------------------------------------------------- place import

export const PLACE_FIELDS = ['kind', 'name', 'address'] as const
export type PlaceField = (typeof PLACE_FIELDS)[number]
export const PLACE_FIELD_LABELS: Record<PlaceField, string> = { kind: '场所类型', name: '场所名称', address: '地址' }

const PLACE_HEADER_NAMES: Record<PlaceField, string[]> = {
  kind: ['场所类型', '类型', '类别', '场所类别'],
  name: ['场所名称', '名称', '场所', '单位名称', '网点名称'],
  address: ['地址', '场所地址', '详细地址', '位置'],
}

export type PlaceHeaderMap = Partial<Record<PlaceField, number>>

export function mapPlaceHeader(cells: readonly string[]): PlaceHeaderMap {
  const map: PlaceHeaderMap = {}
  cells.forEach((cell, index) => {
    const name = String(cell ?? '').replace(/\s/g, '')
    for (const field of PLACE_FIELDS) if (map[field] === undefined && PLACE_HEADER_NAMES[field].includes(name)) map[field] = index
  })
  return map
}

export function missingPlaceHeaders(map: PlaceHeaderMap): PlaceField[] {
  return (['kind', 'name'] as PlaceField[]).filter((field) => map[field] === undefined)
}

export interface PlaceProblem {
  line: number
  field: PlaceField
  message: string
}

export interface CheckedPlace {
  line: number
  kind: PlaceKind
  name: string
  nameKey: string
  address: string
}

export const MAX_PLACE_ROWS = 2000

/** `lines[i]` is the cells of file line i + 2. Every row is checked; duplicates within the file are problems. */
export function checkPlaces(lines: readonly (readonly string[])[], header: PlaceHeaderMap): { rows: CheckedPlace[]; problems: PlaceProblem[] } {
  const rows: CheckedPlace[] = []
  const problems: PlaceProblem[] = []
  const seen = new Map<string, number>()
  const cell = (cells: readonly string[], field: PlaceField) => (header[field] === undefined ? '' : String(cells[header[field] as number] ?? '').trim())
  lines.forEach((cells, index) => {
    const line = index + 2
    if (cells.every((value) => String(value ?? '').trim() === '')) return
    const before = problems.length
    const kindText = cell(cells, 'kind')
    const kind = kindText ? placeKindOf(kindText) : null
    if (!kindText) problems.push({ line, field: 'kind', message: '缺少场所类型' })
    else if (!kind) problems.push({ line, field: 'kind', message: `场所类型“${kindText.slice(0, 20)}”无法识别，应为：${PLACE_KINDS.map((k) => PLACE_KIND_LABELS[k]).join('、')}` })
    const name = cell(cells, 'name')
    if (!name) problems.push({ line, field: 'name', message: '缺少场所名称' })
    else if ([...name].length > 40) problems.push({ line, field: 'name', message: '场所名称不能超过40个字' })
    const address = cell(cells, 'address')
    if ([...address].length > 60) problems.push({ line, field: 'address', message: '地址不能超过60个字' })
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(name + address)) problems.push({ line, field: 'name', message: '含有无法识别的字符' })
    if (problems.length > before || !kind) return
    const nameKey = placeNameKey(kind, name)
    const first = seen.get(nameKey)
    if (first !== undefined) {
      problems.push({ line, field: 'name', message: `与第${first}行是同一个场所（${name}）` })
      return
    }
    seen.set(nameKey, line)
    rows.push({ line, kind, name, nameKey, address })
  })
  return { rows, problems }
}

export interface PlaceImportPreview {
  total: number
  toAdd: number
  alreadyListed: number
  problems: PlaceProblem[]
  moreProblems: number
  missingHeaders: PlaceField[]
}

export interface PlaceImportResult {
  added: number
  alreadyListed: number
}

// ---------------------------------------------------------------- activities

export const ACTIVITY_KINDS = ['talk', 'fiveIn', 'poster', 'banner', 'leaflets', 'bankCheck', 'other'] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  talk: '宣讲/院坝会',
  fiveIn: '五进',
  poster: '张贴海报',
  banner: '悬挂横幅/标语',
  leaflets: '发放资料',
  bankCheck: '银行网点提示检查',
  other: '其他',
}

export const FIVE_IN = ['school', 'company', 'community', 'market', 'workplace'] as const
export type FiveIn = (typeof FIVE_IN)[number]
export const FIVE_IN_LABELS: Record<FiveIn, string> = { school: '进校园', company: '进企业', community: '进社区', market: '进商圈', workplace: '进单位' }

/** A banner or a poster puts the campaign on the place: these count for its coverage. */
export function marksPlace(kind: ActivityKind): boolean {
  return kind === 'poster' || kind === 'banner'
}

/** Posters and banners must be shown: a photo at least. */
export function needsPhoto(kind: ActivityKind): boolean {
  return marksPlace(kind)
}

/** Work done at a key place must name it; a talk may be held anywhere (a 院坝). */
export function needsPlace(kind: ActivityKind): boolean {
  return marksPlace(kind) || kind === 'bankCheck'
}

/** What `reached` counts for the kind. */
export function reachedLabel(kind: ActivityKind): string {
  if (kind === 'poster') return '张贴张数'
  if (kind === 'banner') return '悬挂条数'
  if (kind === 'leaflets') return '发放份数'
  if (kind === 'bankCheck') return '检查网点个数'
  return '参加人数'
}

export const MAX_ACTIVITY_PHOTOS = 9

const photoFileId = v.pipe(v.string('照片无效'), v.regex(/^cloud:\/\/[^\s]{1,300}$/, '照片无效，请重新拍摄'))

const activityFields = {
  kind: v.picklist(ACTIVITY_KINDS, '请选择活动类型'),
  fiveIn: v.optional(v.picklist(FIVE_IN, '请选择五进的哪一进')),
  heldOn: day('活动日期'),
  reached: integer('人数或数量', { min: 0, max: 100_000 }),
  venue: optionalText('活动地点', 40),
  note: optionalText('活动内容', 200),
}

export const NO_FIVE_IN = '请选择五进的哪一进（进校园、进企业、进社区、进商圈、进单位）'
export const NO_PLACE = '张贴海报、悬挂横幅和银行网点检查要选择场所；其他活动请选择场所或填写活动地点'
export const NO_PHOTO = '张贴海报、悬挂横幅至少要拍1张照片'

export function hasFiveIn(input: { kind: ActivityKind; fiveIn?: FiveIn }): boolean {
  return input.kind !== 'fiveIn' || Boolean(input.fiveIn)
}

export function hasPlace(input: { kind: ActivityKind; placeId?: string; newPlace?: unknown; venue?: string }): boolean {
  if (input.placeId && input.newPlace) return false
  const named = Boolean(input.placeId || input.newPlace)
  return needsPlace(input.kind) ? named : named || (input.venue ?? '').trim() !== ''
}

export function hasPhotos(input: { kind: ActivityKind; photoFileIDs?: readonly string[] }): boolean {
  return !needsPhoto(input.kind) || (input.photoFileIDs?.length ?? 0) > 0
}

export const createActivitySchema = v.pipe(
  v.object({
    villageId: docId('村（社区）'),
    placeId: v.optional(docId('场所')),
    newPlace: v.optional(newPlaceSchema),
    ...activityFields,
    photoFileIDs: v.optional(v.pipe(v.array(photoFileId, '照片格式不正确'), v.maxLength(MAX_ACTIVITY_PHOTOS, `照片最多${MAX_ACTIVITY_PHOTOS}张`)), []),
    location: v.optional(
      v.object({
        latitude: v.pipe(v.number('位置无效'), v.minValue(-90, '位置无效'), v.maxValue(90, '位置无效')),
        longitude: v.pipe(v.number('位置无效'), v.minValue(-180, '位置无效'), v.maxValue(180, '位置无效')),
      }),
    ),
  }),
  v.forward(v.check((input) => hasFiveIn(input), NO_FIVE_IN), ['fiveIn']),
  v.forward(v.check((input) => hasPlace(input), NO_PLACE), ['placeId']),
  v.forward(v.check((input) => hasPhotos(input), NO_PHOTO), ['photoFileIDs']),
)
export type CreateActivityInput = v.InferInput<typeof createActivitySchema>
export type CreateActivityRequest = v.InferOutput<typeof createActivitySchema>

/** A correction keeps the place and the photos: those are what was seen there. */
export const correctActivitySchema = v.pipe(
  v.object({
    activityId: docId('活动记录'),
    ...activityFields,
    reason: text('更正原因', { max: 100 }),
  }),
  v.forward(v.check((input) => hasFiveIn(input), NO_FIVE_IN), ['fiveIn']),
)
export type CorrectActivityRequest = v.InferOutput<typeof correctActivitySchema>
export type CorrectActivityInput = v.InferInput<typeof correctActivitySchema>

export const voidActivitySchema = v.object({ activityId: docId('活动记录'), reason: text('作废原因', { max: 100 }) })
export const getActivitySchema = v.object({ activityId: docId('活动记录') })
export const listActivitiesSchema = v.object({
  scope: v.optional(v.picklist(['mine', 'village'], '请选择查看范围'), 'mine'),
  villageId: v.optional(docId('村（社区）')),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(100))),
})

/** The author may correct or void for this long; office at any time. */
export const ACTIVITY_EDIT_WINDOW_MS = 24 * 60 * 60 * 1000

/** Not in the future, not before the campaign started. */
export function activityDateProblem(heldOn: DayString, today: DayString, campaignStart: DayString | null): string | null {
  if (!isDayString(heldOn)) return '日期格式应为 年-月-日'
  if (daysBetween(today, heldOn) > 0) return '活动日期不能晚于今天'
  if (campaignStart && daysBetween(campaignStart, heldOn) < 0) return `活动日期不能早于本次活动开始日（${campaignStart}）`
  return null
}

/** What the form needs (cached for offline use): the villages the caller may log for, and their places. */
export interface ActivityFormContext {
  villages: { id: string; name: string }[]
  uploaderId: string
  authorName: string
  today: DayString
  campaign: { id: string; name: string; startDay: DayString } | null
}

export interface ActivityListItem {
  id: string
  villageId: string
  kind: ActivityKind
  kindLabel: string
  placeName: string
  heldOn: DayString
  reached: number
  photos: number
  authorName: string
  status: 'active' | 'voided'
  createdAt: string
  editable: boolean
}

export interface ActivityDetail extends ActivityListItem {
  fiveIn: FiveIn | null
  placeId: string | null
  placeKind: PlaceKind | null
  venue: string
  note: string
  photoUrls: (string | null)[]
  voidReason: string
  corrections: { at: string; byName: string; reason: string; changed: string[] }[]
}

export interface ActivityPage {
  items: ActivityListItem[]
  nextCursor: string | null
}

export function activityPlaceLabel(activity: { placeName?: string | null; venue?: string }): string {
  return activity.placeName || activity.venue || ''
}

// ---------------------------------------------------------------- archive

export const ACTIVITY_ARCHIVE_TITLE = '宣传活动台账'
export const ACTIVITY_ARCHIVE_COLUMNS = ['序号', '日期', '活动类型', '场所/地点', '人数或数量', '活动内容', '记录人', '照片'] as const
/** One export holds at most this many records (photos are embedded). */
export const ACTIVITY_ARCHIVE_MAX = 1000

export const exportActivityArchiveSchema = v.pipe(
  v.object({ villageId: docId('村（社区）'), ...periodEntries }),
  v.forward(v.check((input) => isOrdered(input), TO_BEFORE_FROM), ['to']),
  v.forward(v.check((input) => fitsIn(input, ARCHIVE_MAX_DAYS), tooLong(ARCHIVE_MAX_DAYS)), ['to']),
)
export type ExportActivityArchiveRequest = v.InferOutput<typeof exportActivityArchiveSchema>

export function activityKindText(kind: ActivityKind, fiveIn: FiveIn | null | undefined): string {
  return kind === 'fiveIn' && fiveIn ? `五进·${FIVE_IN_LABELS[fiveIn]}` : ACTIVITY_KIND_LABELS[kind]
}

// ---------------------------------------------------------------- coverage of places

/** Key places with a banner or poster this campaign, of those listed. */
export interface PlaceShare {
  total: number
  covered: number
  /** 0-100, one decimal. */
  percent: number
}

export interface PlaceKindShare extends PlaceShare {
  kind: PlaceKind
  label: string
}

export interface PlacesProgress extends PlaceShare {
  /** The campaign's target for places, if it sets one. */
  targetPercent: number | null
  /** Judged against the target (as households are against milestones); null without a target. */
  status: CoverageStatus | null
  statusLabel: string | null
  /** Kinds with at least one place listed, in PLACE_KINDS order. */
  byKind: PlaceKindShare[]
  /** Active activities of any kind this campaign, and the people or items they reached. */
  activities: number
  reached: number
}

export function placeShare(total: number, covered: number): PlaceShare {
  return { total, covered, percent: total > 0 ? Math.round((covered / total) * 1000) / 10 : 0 }
}

export interface PlaceCounters {
  totals: { total: number; byKind: Partial<Record<PlaceKind, number>> }[]
  coverage: { covered: number; byKind: Partial<Record<PlaceKind, number>>; activities: number; reached: number }[]
}

/**
 * The places of a scope from its villages' counters. With a target, the
 * status follows the straight-line pace from the campaign's start to its last
 * milestone, as household coverage does (domain/coverage.ts).
 */
export function placesProgress(counters: PlaceCounters, campaign: CampaignPlan & { placeTargetPercent?: number | null }, today: DayString): PlacesProgress {
  const totalOf = (kind: PlaceKind) => counters.totals.reduce((n, doc) => n + (doc.byKind[kind] ?? 0), 0)
  const coveredOf = (kind: PlaceKind) => counters.coverage.reduce((n, doc) => n + (doc.byKind?.[kind] ?? 0), 0)
  const byKind = PLACE_KINDS.map((kind) => ({ kind, label: PLACE_KIND_LABELS[kind], ...placeShare(totalOf(kind), coveredOf(kind)) })).filter((row) => row.total > 0)
  const total = counters.totals.reduce((n, doc) => n + doc.total, 0)
  const covered = counters.coverage.reduce((n, doc) => n + doc.covered, 0)
  const target = campaign.placeTargetPercent ?? null
  let status: CoverageStatus | null = null
  if (target !== null) {
    const last = lastDayOf(campaign) ?? today
    status = progressOf(total, covered, { startDay: campaign.startDay, milestones: [{ day: last, targetPercent: target }] }, today).status
  }
  return {
    ...placeShare(total, covered),
    targetPercent: target,
    status,
    statusLabel: status ? STATUS_LABELS[status] : null,
    byKind,
    activities: counters.coverage.reduce((n, doc) => n + doc.activities, 0),
    reached: counters.coverage.reduce((n, doc) => n + doc.reached, 0),
  }
}
