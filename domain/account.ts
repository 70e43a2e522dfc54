import * as v from 'valibot'
import { docId, integer, oneOf, optionalText, text } from './fields'
import { STAFF_ROLES, type Role, type StaffRole } from './roles'

export interface Hotline {
  label: string
  number: string
}

export interface TownSummary {
  id: string
  name: string
  /** e.g. 重庆市江津区 */
  region: string
  hotlines: Hotline[]
}

export interface PlaceRef {
  id: string
  name: string
}

/** What the app knows about the signed-in user (`account.me`). */
export interface Me {
  userId: string
  name: string
  roles: Role[]
  town: TownSummary | null
  village: PlaceRef | null
  unit: PlaceRef | null
  /** Where the user says they live: their shares of articles count for it (a cadre's is their village). */
  homeVillage?: PlaceRef | null
  /** Unread messages in 消息: the badge on 我的. */
  unreadMessages: number
}

export type InviteStatus = 'active' | 'used' | 'expired' | 'revoked'

export interface InviteView {
  code: string
  role: StaffRole
  village: PlaceRef | null
  unit: PlaceRef | null
  note: string
  status: InviteStatus
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

export interface Directory {
  villages: PlaceRef[]
  units: PlaceRef[]
}

// Invite codes avoid look-alike characters (0/O, 1/I/L) so they can be read
// out over the phone and typed by elderly users.
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const INVITE_LENGTH = 8

/** Accepts "k7xm-3qpa", "K7XM 3QPA"...: what people actually type. */
export function normaliseInviteCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '')
}

export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** `randomIndex(n)` returns an integer in [0, n): crypto-backed in the functions. */
export function generateInviteCode(randomIndex: (n: number) => number): string {
  let code = ''
  for (let i = 0; i < INVITE_LENGTH; i += 1) code += INVITE_ALPHABET[randomIndex(INVITE_ALPHABET.length)]
  return code
}

export const redeemInviteSchema = v.object({
  code: v.pipe(
    v.string('请输入邀请码'),
    v.transform(normaliseInviteCode),
    v.length(INVITE_LENGTH, `邀请码是${INVITE_LENGTH}位字母和数字`),
    v.regex(new RegExp(`^[${INVITE_ALPHABET}]+$`), '邀请码有误，请核对后重新输入'),
  ),
})

export const createInviteSchema = v.pipe(
  v.object({
    role: oneOf('角色', STAFF_ROLES),
    villageId: v.optional(docId('村（社区）')),
    unitId: v.optional(docId('单位')),
    validDays: v.optional(integer('有效天数', { min: 1, max: 30 }), 7),
    note: optionalText('备注', 50),
  }),
  v.forward(
    v.check((input) => input.role !== 'cadre' || Boolean(input.villageId), '村社干部的邀请码要选择所在村（社区）'),
    ['villageId'],
  ),
  v.forward(
    v.check((input) => input.role !== 'unit_head' || Boolean(input.unitId), '单位负责人的邀请码要选择单位'),
    ['unitId'],
  ),
)

export const revokeInviteSchema = v.object({
  code: v.pipe(v.string('缺少邀请码'), v.transform(normaliseInviteCode), v.length(INVITE_LENGTH, '邀请码有误')),
})

/** 所在村（社区）: a village of the user's town, or '' to clear it. */
export const homeVillageSchema = v.object({
  villageId: v.union([v.literal(''), docId('村（社区）')], '请选择村（社区）'),
})

export const updateProfileSchema = v.object({
  name: text('姓名', { max: 20 }),
})

export type CreateInviteInput = v.InferInput<typeof createInviteSchema>
export type CreateInviteRequest = v.InferOutput<typeof createInviteSchema>
