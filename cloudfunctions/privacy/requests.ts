import { shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import type { DataRequestDetail, DataRequestPage, DataRequestStatus, DataRequestView, MyDataRequest, SubmitDataRequest } from '../../domain/privacy'
import { callerTownId, signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { decodeCursor } from '../_lib/paging'
import { countPendingOf, dataRequestIdFor, findDataRequest, listMyDataRequests, listTownDataRequests, saveDataRequest, type DataRequestDoc } from '../_lib/repos/data-requests'
import { findHouseholdsLike } from '../_lib/repos/households'
import { findVillage, listVillages } from '../_lib/repos/places'
import { listVisitsOfHouseholds } from '../_lib/repos/visits'
import { receiptHash } from '../_lib/tip-secret'
import { requesterTips } from './held'

// A resident asks to see or delete what is held about them; the town's office
// calls them to confirm who they are, then answers, erases, or says why not.

/** Requests one person may have waiting at once. */
const MAX_PENDING = 3
const PAGE_SIZE = 30

export async function submitDataRequest(db: Database, caller: Caller, input: SubmitDataRequest, requestId: string): Promise<MyDataRequest> {
  const user = signedInUser(caller)
  const townId = callerTownId(caller)
  const id = dataRequestIdFor(user._id, requestId)
  const existing = await findDataRequest(db, id)
  if (existing) return mine(existing)
  if ((await countPendingOf(db, user._id)) >= MAX_PENDING) {
    throw new AppError('RATE_LIMITED', `您已有 ${MAX_PENDING} 个申请在办理中，请等办完后再申请`)
  }
  if (input.subject === 'household') {
    const village = await findVillage(db, input.villageId)
    if (!village || village.townId !== townId) throw new AppError('INVALID_INPUT', '所选村（社区）不属于本镇，请重新选择', 'villageId')
  }
  const household = input.subject === 'household' ? input : null
  const doc: DataRequestDoc = {
    _id: id,
    townId,
    requesterId: user._id,
    subject: input.subject,
    kind: input.kind,
    villageId: household?.villageId ?? null,
    name: household?.name ?? '',
    phone: household?.phone ?? '',
    door: household?.door ?? '',
    note: input.note,
    receiptHashes: input.subject === 'tipster' ? input.receipts.map(receiptHash) : [],
    status: 'pending',
    createdAt: new Date(),
    handledAt: null,
    handledById: null,
    handledByName: null,
    reply: '',
    householdIds: [],
    erased: null,
    answer: null,
    answerKeptUntil: null,
  }
  await saveDataRequest(db, doc)
  return mine(doc)
}

export async function myDataRequests(db: Database, caller: Caller): Promise<MyDataRequest[]> {
  const user = signedInUser(caller)
  return (await listMyDataRequests(db, user._id)).map(mine)
}

/** The requester's own view: what was done, and the copy of their data while it is kept. */
function mine(doc: DataRequestDoc): MyDataRequest {
  const today = shanghaiDay()
  return {
    ...outcome(doc),
    answer: doc.answer && doc.answerKeptUntil && doc.answerKeptUntil >= today ? doc.answer : null,
  }
}

export async function listDataRequests(db: Database, caller: Caller, input: { status?: DataRequestStatus; cursor?: string }): Promise<DataRequestPage> {
  const townId = callerTownId(caller)
  const docs = await listTownDataRequests(db, { townId, status: input.status, before: decodeCursor(input.cursor), limit: PAGE_SIZE + 1 })
  const page = docs.slice(0, PAGE_SIZE)
  const villages = new Map((await listVillages(db, townId)).map((village) => [village._id, village.name]))
  const tips = await Promise.all(page.map(async (doc) => (doc.subject === 'tipster' ? (await requesterTips(db, doc)).length : 0)))
  const last = page[page.length - 1]
  return {
    requests: page.map((doc, index) => toView(doc, villages, tips[index])),
    nextCursor: docs.length > PAGE_SIZE && last ? new Date(last.createdAt).toISOString() : null,
  }
}

export async function dataRequestDetail(db: Database, caller: Caller, id: string): Promise<DataRequestDetail> {
  const doc = await requireTownRequest(db, caller, id)
  const villages = await villageNames(db, doc.townId)
  const tips = doc.subject === 'tipster' ? (await requesterTips(db, doc)).length : 0
  return { ...toView(doc, villages, tips), candidates: doc.subject === 'household' ? await candidates(db, doc, villages) : [] }
}

/** A request as office's list shows it; `tips` is the number of the requester's own tips, when already known. */
export async function dataRequestView(db: Database, doc: DataRequestDoc, tips?: number): Promise<DataRequestView> {
  const count = tips ?? (doc.subject === 'tipster' ? (await requesterTips(db, doc)).length : 0)
  return toView(doc, await villageNames(db, doc.townId), count)
}

async function villageNames(db: Database, townId: string): Promise<Map<string, string>> {
  return new Map((await listVillages(db, townId)).map((village) => [village._id, village.name]))
}

/** A request of the caller's town, or NOT_FOUND (another town's is never revealed). */
export async function requireTownRequest(db: Database, caller: Caller, id: string): Promise<DataRequestDoc> {
  const townId = callerTownId(caller)
  const doc = await findDataRequest(db, id)
  if (!doc || doc.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这个申请', 'dataRequestId')
  return doc
}

/** Households the requester may be: the same phone anywhere in the town, or the same name in the village they gave. */
async function candidates(db: Database, doc: DataRequestDoc, villages: Map<string, string>): Promise<DataRequestDetail['candidates']> {
  const found = await findHouseholdsLike(db, { townId: doc.townId, phone: doc.phone, villageId: doc.villageId, name: doc.name })
  const ids = [...new Set([...found.map((household) => household._id), ...doc.householdIds])]
  const visits = await listVisitsOfHouseholds(db, ids)
  return found.map((household) => {
    const own = visits.filter((visit) => visit.householdId === household._id)
    const matches: ('phone' | 'name')[] = []
    if (household.phone && household.phone === doc.phone) matches.push('phone')
    if (household.villageId === doc.villageId && household.headName === doc.name) matches.push('name')
    return {
      id: household._id,
      villageName: villages.get(household.villageId) ?? '',
      address: household.address,
      headName: household.headName,
      phone: household.phone,
      visits: own.length,
      lastVisitedOn: own.reduce<string | null>((last, visit) => (!last || visit.visitedOn > last ? visit.visitedOn : last), null),
      matches,
      erased: Boolean(household.erasedAt),
    }
  })
}

/** What both the requester and office see of a request: what was asked, when, and what was done. */
function outcome(doc: DataRequestDoc): Omit<MyDataRequest, 'answer'> {
  return {
    id: doc._id,
    subject: doc.subject,
    kind: doc.kind,
    status: doc.status,
    createdAt: new Date(doc.createdAt).toISOString(),
    handledAt: doc.handledAt ? new Date(doc.handledAt).toISOString() : null,
    reply: doc.reply,
    erased: doc.erased,
  }
}

function toView(doc: DataRequestDoc, villages: Map<string, string>, tips: number): DataRequestView {
  return {
    ...outcome(doc),
    requester: { name: doc.name, villageName: doc.villageId ? villages.get(doc.villageId) ?? null : null, phone: doc.phone, door: doc.door },
    note: doc.note,
    tips,
    handledByName: doc.handledByName,
  }
}
