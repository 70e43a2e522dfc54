import ExcelJS from 'exceljs'
// exceljs's own zip library (a dependency of exceljs).
import JSZip from 'jszip'
import { userIdFor } from '../../cloudfunctions/_lib/repos/users'
import { main as progress } from '../../cloudfunctions/progress'
import { main as visits } from '../../cloudfunctions/visits'
import type { Reply } from '../../domain/errors'
import type { Role } from '../../domain/roles'
import type { CreateVisitInput, VisitDetail } from '../../domain/visits'
import type { Harness } from './functions'
import { uploadSignature, visitInput } from './visits'

export function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`)
  return reply.data
}

export function callProgress<T>(h: Harness, openid: string, action: string, payload: unknown = {}, requestId?: string) {
  return h.call<T>('progress', progress, openid, { action, payload, requestId })
}

/** A write: a fresh requestId unless one is given. */
export function writeProgress<T>(h: Harness, openid: string, action: string, payload: unknown = {}, requestId = h.newRequestId()) {
  return callProgress<T>(h, openid, action, payload, requestId)
}

export async function addStaff(
  h: Harness,
  user: { openid: string; name: string; roles: Role[]; villageId?: string | null; unitId?: string | null; townId?: string },
): Promise<void> {
  const now = new Date()
  await h.db.collection('users').add({
    _id: userIdFor(user.openid),
    openid: user.openid,
    name: user.name,
    roles: user.roles,
    townId: user.townId ?? 'town-jiasi',
    villageId: user.villageId ?? null,
    unitId: user.unitId ?? null,
    createdAt: now,
    updatedAt: now,
  })
}

export type SignatureChoice = 'signed' | 'refused' | 'proxy'

/** Logs a visit through the visits function, uploading a signature image first when one is needed. */
export async function logVisit(
  h: Harness,
  openid: string,
  villageId: string,
  overrides: Partial<CreateVisitInput> & { signatureKind?: SignatureChoice; png?: Buffer } = {},
): Promise<VisitDetail> {
  const { signatureKind = 'refused', png, ...rest } = overrides
  const requestId = h.newRequestId()
  let signature: CreateVisitInput['signature'] = { kind: 'refused', reason: '老人不识字' }
  if (signatureKind !== 'refused') {
    const fileID = await uploadSignature(h, openid, villageId, requestId, png)
    signature = signatureKind === 'signed' ? { kind: 'signed', fileID } : { kind: 'proxy', fileID, proxyName: '王小明', reason: '本人眼睛不好' }
  }
  const reply = await h.call<VisitDetail>('visits', visits, openid, {
    action: 'create',
    payload: visitInput({ villageId, signature, ...rest }),
    requestId,
  })
  return data(reply)
}

/** Downloads an export by its temporary URL. */
export async function download(url: string): Promise<Buffer> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`download failed: ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  return workbook
}

/** One part of the .xlsx zip as text, for what exceljs does not read back (page breaks, print options). */
export async function xlsxPart(bytes: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  const part = zip.file(name)
  if (!part) throw new Error(`no ${name} in the file`)
  return part.async('string')
}

/** Text of a cell as shown. */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('')
  return String(value)
}
