import { campaignOn } from '../../domain/campaign'
import { addDays, inShanghai, shanghaiDay } from '../../domain/dates'
import { AppError } from '../../domain/errors'
import { defaultUnitName, type VisitDetail, type VisitFormContext, type VisitPage, type VisitPeriod } from '../../domain/visits'
import { mayReadVillageRecords, mayWatchVillage, requireVillage, signedInUser } from '../_lib/access'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { listCampaigns } from '../_lib/repos/campaigns'
import { findVillage } from '../_lib/repos/places'
import { decodeCursor } from '../_lib/paging'
import { findVisit, listVisitsPage, type VisitDoc } from '../_lib/repos/visits'
import { temporaryUrls } from '../_lib/storage'
import { toDetail, toListItem } from './views'

const PAGE_SIZE = 30
/** A search reads at most this many recent records of the scope. */
const SEARCH_WINDOW = 1000

export async function formContext(db: Database, caller: Caller): Promise<VisitFormContext> {
  const user = signedInUser(caller)
  if (!caller.roles.includes('cadre') || !user.villageId) throw new AppError('FORBIDDEN', '只有村社干部、网格员可以登记入户')
  const village = await requireVillage(db, user.villageId)
  const today = shanghaiDay()
  const campaign = campaignOn((await listCampaigns(db, village.townId)).map((doc) => ({ ...doc, id: doc._id })), today)
  return {
    village: { id: village._id, name: village.name, kind: village.kind },
    uploaderId: user._id,
    defaultUnitName: defaultUnitName(village),
    authorName: user.name,
    today,
    campaign: campaign ? { id: campaign._id, name: campaign.name, startDay: campaign.startDay } : null,
  }
}

export async function readVisitDetail(db: Database, caller: Caller, visitId: string): Promise<VisitDetail> {
  const visit = await findVisit(db, visitId)
  if (!visit) throw new AppError('NOT_FOUND', '没有找到这条入户记录', 'visitId')
  const village = await findVillage(db, visit.villageId)
  const mayRead = caller.user?._id === visit.authorId || (village !== null && mayReadVillageRecords(caller, village))
  if (!mayRead) throw new AppError('FORBIDDEN', '只有记录人、本村社干部、镇反诈办和派出所可以查看完整记录')
  const files = [visit.signature.fileID, visit.photoFileID].filter((id): id is string => Boolean(id))
  const urls = await temporaryUrls(files)
  return toDetail(visit, caller, {
    signature: visit.signature.fileID ? urls.get(visit.signature.fileID) ?? null : null,
    photo: visit.photoFileID ? urls.get(visit.photoFileID) ?? null : null,
  })
}

export interface ListVisitsInput {
  scope: 'mine' | 'village'
  villageId?: string
  period: VisitPeriod
  query: string
  cursor?: string
}

export async function listVisits(db: Database, caller: Caller, input: ListVisitsInput): Promise<VisitPage> {
  const user = signedInUser(caller)
  const filter: { villageId?: string; authorId?: string } = {}
  // Whether the caller may read these records in full: then a search may match
  // what the detail shows. Otherwise it matches only what the list shows, so
  // searching cannot recover a masked phone digit by digit.
  let entitled: boolean
  if (input.scope === 'mine') {
    filter.authorId = user._id
    entitled = true
  } else {
    const villageId = input.villageId ?? user.villageId
    if (!villageId) throw new AppError('INVALID_INPUT', '请选择村（社区）', 'villageId')
    const village = await requireVillage(db, villageId)
    if (!mayWatchVillage(caller, village)) throw new AppError('FORBIDDEN', '你不能查看这个村（社区）的入户记录')
    filter.villageId = villageId
    entitled = mayReadVillageRecords(caller, village)
  }
  const fromDay = periodStart(input.period)
  const before = decodeCursor(input.cursor)

  if (!input.query) {
    const docs = await listVisitsPage(db, { ...filter, fromDay, before, limit: PAGE_SIZE + 1 })
    return page(docs, caller)
  }
  // Name, address and phone are matched here rather than in the database:
  // CloudBase indexes cannot serve a substring match, and a scope's recent
  // records are few enough to read.
  const docs = await listVisitsPage(db, { ...filter, fromDay, before, limit: SEARCH_WINDOW })
  const needle = input.query.replace(/\s/g, '')
  const hits = docs.filter((doc) => matches(entitled ? doc : toListItem(doc, caller), needle))
  return page(hits.slice(0, PAGE_SIZE + 1), caller)
}

function matches(shown: { residentName: string; address: string; phone: string }, needle: string): boolean {
  return shown.residentName.includes(needle) || shown.address.includes(needle) || (needle.length >= 4 && shown.phone.replace('-', '').includes(needle))
}

function page(docs: VisitDoc[], caller: Caller): VisitPage {
  const items = docs.slice(0, PAGE_SIZE)
  const last = items[items.length - 1]
  return {
    items: items.map((doc) => toListItem(doc, caller)),
    nextCursor: docs.length > PAGE_SIZE && last ? new Date(last.createdAt).toISOString() : null,
  }
}

function periodStart(period: VisitPeriod): string | undefined {
  const today = shanghaiDay()
  if (period === 'today') return today
  // The week starts on Monday, as on a Chinese calendar.
  if (period === 'week') return addDays(today, -((inShanghai().day() + 6) % 7))
  return undefined
}

