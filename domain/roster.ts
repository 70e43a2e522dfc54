import * as v from 'valibot'
import { normaliseAddress, villageHouseholdAddress, type AddressVillage, type NormalisedAddress } from './address'
import { docId, integer, phoneNumber, text } from './fields'
import { normalisePhone, PHONE_HINT } from './phone'

// A village's household register (户籍名册), imported from the spreadsheet the
// village already keeps. Every row is checked before anything is written; one
// bad row stops the import and is listed with its line number.

export const ROSTER_FIELDS = ['group', 'door', 'headName', 'phone'] as const
export type RosterField = (typeof ROSTER_FIELDS)[number]

export const ROSTER_FIELD_LABELS: Record<RosterField, string> = {
  group: '组',
  door: '门牌号',
  headName: '户主姓名',
  phone: '联系电话',
}

// Header spellings seen in village spreadsheets.
const HEADER_NAMES: Record<RosterField, string[]> = {
  group: ['组', '组别', '组号', '村民小组', '小组', '社', '队'],
  door: ['门牌号', '门牌', '地址', '住址', '入户标准地址', '标准地址', '详细地址'],
  headName: ['户主姓名', '户主', '姓名', '入户对象姓名'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '入户对象联系电话'],
}

export type HeaderMap = Partial<Record<RosterField, number>>

export function mapHeader(cells: readonly string[]): HeaderMap {
  const map: HeaderMap = {}
  cells.forEach((cell, index) => {
    const name = cell.replace(/\s/g, '')
    for (const field of ROSTER_FIELDS) {
      if (map[field] === undefined && HEADER_NAMES[field].includes(name)) map[field] = index
    }
  })
  return map
}

export function missingHeaders(map: HeaderMap, needsGroup: boolean): RosterField[] {
  return (['door', 'headName', ...(needsGroup ? (['group'] as const) : [])] as RosterField[]).filter((field) => map[field] === undefined)
}

export interface RosterProblem {
  /** 1-based line in the file, the header being line 1. */
  line: number
  field: RosterField
  message: string
}

export interface CheckedRow {
  line: number
  group: number | null
  addressKey: string
  address: string
  headName: string
  phone: string
}

export interface RosterCheck {
  rows: CheckedRow[]
  problems: RosterProblem[]
}

export const MAX_ROSTER_ROWS = 10000

/** `lines[i]` is the cells of file line i + 2 (after the header). Blank lines are skipped. */
export function checkRoster(lines: readonly (readonly string[])[], header: HeaderMap, village: AddressVillage, townName = ''): RosterCheck {
  const rows: CheckedRow[] = []
  const problems: RosterProblem[] = []
  const seen = new Map<string, number>()
  const cell = (cells: readonly string[], field: RosterField) => (header[field] === undefined ? '' : String(cells[header[field] as number] ?? '').trim())

  lines.forEach((cells, index) => {
    const line = index + 2
    if (cells.every((value) => String(value ?? '').trim() === '')) return
    const problem = (field: RosterField, message: string) => problems.push({ line, field, message })

    const groupText = cell(cells, 'group').replace(/(组|社|队)$/, '')
    let group: number | null = null
    if (groupText) {
      const parsed = normaliseAddress(`${groupText}组1号`)
      group = parsed?.group ?? null
      if (group === null || group < 1 || group > 99) problem('group', `组“${groupText}”无效，应为1到99的数字`)
    }

    const door = cell(cells, 'door')
    let address: NormalisedAddress | null = null
    if (!door) problem('door', '缺少门牌号')
    else {
      const parsed = villageHouseholdAddress(village, group, door, townName)
      if ('problems' in parsed) parsed.problems.forEach((found) => problem(found.field, found.message))
      else address = parsed.address
    }

    const headName = cell(cells, 'headName')
    if (!headName) problem('headName', '缺少户主姓名')
    else if ([...headName].length > 20) problem('headName', '户主姓名不能超过20个字')

    const rawPhone = cell(cells, 'phone')
    const phone = rawPhone ? normalisePhone(rawPhone) : null
    if (rawPhone && !phone) problem('phone', `电话“${rawPhone}”无效：${PHONE_HINT}`)

    if (address) {
      const first = seen.get(address.key)
      if (first !== undefined) problem('door', `与第${first}行是同一个地址（${address.label}）`)
      else seen.set(address.key, line)
    }
    if (address && headName && (!rawPhone || phone) && !problems.some((p) => p.line === line)) {
      rows.push({ line, group: address.group, addressKey: address.key, address: address.label, headName, phone: phone?.value ?? '' })
    }
  })
  return { rows, problems }
}

export const importRosterSchema = v.object({
  villageId: docId('村（社区）'),
  fileID: v.pipe(v.string('请先选择名册文件'), v.regex(/^cloud:\/\/\S{1,300}\.(xlsx|csv)$/i, '名册文件应为 .xlsx 或 .csv')),
})

export const createHouseholdSchema = v.object({
  villageId: docId('村（社区）'),
  group: v.optional(v.nullable(v.pipe(v.number('组应为数字'), v.integer('组应为整数'), v.minValue(1, '组应从1开始'), v.maxValue(99, '组不能超过99')))),
  door: text('门牌号', { max: 60 }),
  headName: text('户主姓名', { max: 20 }),
  phone: v.optional(phoneNumber('户主电话'), ''),
})

export const registerSchema = v.object({
  villageId: docId('村（社区）'),
  offset: v.optional(integer('名册位置', { min: 0, max: 100_000 }), 0),
})

export interface HouseholdView {
  id: string
  group: number | null
  address: string
  headName: string
  phone: string
}

export interface RosterPreview {
  total: number
  toAdd: number
  alreadyRegistered: number
  problems: RosterProblem[]
  /** Problems beyond those listed. */
  moreProblems: number
  missingHeaders: RosterField[]
}

export interface RosterImportResult {
  added: number
  alreadyRegistered: number
}
