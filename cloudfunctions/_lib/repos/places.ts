import type { Hotline } from '../../../domain/account'
import type { RetentionSettings } from '../../../domain/privacy'
import type { TownReminderSettings } from '../../../domain/reminders'
import type { Database } from '../cloud'
import { collection } from '../collections'

export interface TownDoc {
  _id: string
  name: string
  /** e.g. 重庆市江津区 */
  region: string
  hotlines: Hotline[]
  /** The district (区县) the town belongs to: its 区反诈办 sees the town's progress. */
  districtId?: string | null
  /** How long personal data is kept (domain/privacy.ts fills in what is missing). */
  retention?: Partial<RetentionSettings>
  /** 督导提醒: quiet hours, cadres included, the timer on or off (domain/reminders.ts fills in what is missing). */
  reminderSettings?: Partial<TownReminderSettings>
}

export interface VillageDoc {
  _id: string
  townId: string
  name: string
  /** 社区 or 村 */
  kind: 'village' | 'community'
  order: number
  /** 实有户数: the households registered in the village, coverage's denominator. */
  registeredHouseholds: number
  /** 社区民警: the officer who archives the village's visit records. */
  policeOfficer: { name: string; phone: string } | null
  unitId: string | null
  /** 组 (村民小组) numbers, for the forms; a 社区 usually has none. */
  groups?: number[]
}

export interface UnitDoc {
  _id: string
  townId: string
  name: string
  order: number
  headName: string
}

async function byId<T>(db: Database, name: 'towns' | 'villages' | 'units', id: string): Promise<T | null> {
  const { data } = await collection(db, name).doc(id).get()
  return (data?.[0] as T | undefined) ?? null
}

export const findTown = (db: Database, id: string) => byId<TownDoc>(db, 'towns', id)
export const findVillage = (db: Database, id: string) => byId<VillageDoc>(db, 'villages', id)
export const findUnit = (db: Database, id: string) => byId<UnitDoc>(db, 'units', id)

export async function listTowns(db: Database, limit = 100): Promise<TownDoc[]> {
  const { data } = await collection(db, 'towns').limit(limit).get()
  return data as TownDoc[]
}

/** DEFAULT_TOWN_ID if configured, else the deployment's only town: where a new user starts. */
export async function findDefaultTownId(db: Database): Promise<string | null> {
  if (process.env.DEFAULT_TOWN_ID) return process.env.DEFAULT_TOWN_ID
  const towns = await listTowns(db, 2)
  return towns.length === 1 ? towns[0]._id : null
}

export async function listVillages(db: Database, townId: string): Promise<VillageDoc[]> {
  const { data } = await collection(db, 'villages').where({ townId }).orderBy('order', 'asc').limit(1000).get()
  return data as VillageDoc[]
}

export async function listUnits(db: Database, townId: string): Promise<UnitDoc[]> {
  const { data } = await collection(db, 'units').where({ townId }).orderBy('order', 'asc').limit(1000).get()
  return data as UnitDoc[]
}

/** Writes a town's editable fields (name, region, hotlines), keeping everything else on the document. */
export async function updateTown(db: Database, townId: string, patch: Partial<Omit<TownDoc, '_id'>>): Promise<void> {
  await collection(db, 'towns').doc(townId).update(patch)
}

export async function saveVillageDoc(db: Database, village: VillageDoc): Promise<void> {
  const { _id, ...doc } = village
  await collection(db, 'villages').doc(_id).set(doc)
}

export async function saveUnitDoc(db: Database, unit: UnitDoc): Promise<void> {
  const { _id, ...doc } = unit
  await collection(db, 'units').doc(_id).set(doc)
}

export async function removePlace(db: Database, name: 'villages' | 'units', id: string): Promise<void> {
  await collection(db, name).doc(id).remove()
}

export async function listTownsOfDistrict(db: Database, districtId: string): Promise<TownDoc[]> {
  const { data } = await collection(db, 'towns').where({ districtId }).limit(1000).get()
  return data as TownDoc[]
}

/** The villages of several towns at once (a district's), at most 1,000 per call of the database. */
export async function listVillagesOfTowns(db: Database, townIds: string[]): Promise<VillageDoc[]> {
  if (townIds.length === 0) return []
  const villages: VillageDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await collection(db, 'villages').where({ townId: db.command.in(townIds) }).orderBy('_id', 'asc').skip(skip).limit(1000).get()
    villages.push(...(data as VillageDoc[]))
    if (data.length < 1000) return villages
  }
}
