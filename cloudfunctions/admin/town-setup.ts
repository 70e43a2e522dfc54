import { createHash } from 'crypto'
import { callerTownId } from '../_lib/access'
import type { SaveUnitRequest, SaveVillageRequest, TownSetup } from '../../domain/admin'
import { AppError } from '../../domain/errors'
import type { SaveCampaignRequest, TownSettings } from '../../domain/town'
import { forget } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import type { Caller } from '../_lib/function'
import { recordAudit } from '../_lib/repos/audit'
import { listCampaigns, saveCampaignDoc, type CampaignDoc } from '../_lib/repos/campaigns'
import { findTown, findUnit, findVillage, listUnits, listVillages, removePlace, saveUnitDoc, saveVillageDoc, updateTown, type UnitDoc, type VillageDoc } from '../_lib/repos/places'
import { listTownUsers, updateUser } from '../_lib/repos/users'

// 镇级管理: the town's reference data, edited by its office. Each change is
// checked with domain/town.ts (as town:import is), audited, and reaches the
// editor at once and everyone else within the cache's bound (_lib/cache.ts).
// A change that would break the counters is refused: a village with records
// cannot go, a unit with villages or heads cannot go, and a campaign with
// visits cannot start after its first visit.

export async function townSetup(db: Database, caller: Caller): Promise<TownSetup> {
  const townId = callerTownId(caller)
  const [town, villages, units, campaigns, heads] = await Promise.all([
    findTown(db, townId),
    listVillages(db, townId),
    listUnits(db, townId),
    listCampaigns(db, townId),
    listTownUsers(db, { townId, roles: ['unit_head'], limit: 1000 }),
  ])
  if (!town) throw new AppError('NOT_FOUND', '没有找到你所在的镇（街道），请联系管理员')
  return {
    town: { id: town._id, name: town.name, region: town.region, hotlines: town.hotlines },
    villages: villages.map((village) => ({
      id: village._id,
      name: village.name,
      kind: village.kind,
      groups: village.groups ?? [],
      registeredHouseholds: village.registeredHouseholds,
      policeOfficer: village.policeOfficer,
      unitId: village.unitId,
      order: village.order,
    })),
    units: units.map((unit) => ({
      id: unit._id,
      name: unit.name,
      headName: unit.headName,
      order: unit.order,
      heads: heads.filter((user) => user.unitId === unit._id).map((user) => ({ id: user._id, name: user.name })),
    })),
    campaigns: campaigns.map((campaign) => ({ id: campaign._id, name: campaign.name, startDay: campaign.startDay, milestones: campaign.milestones, placeTargetPercent: campaign.placeTargetPercent ?? null })),
  }
}

export async function saveTown(db: Database, caller: Caller, input: TownSettings): Promise<TownSetup> {
  const townId = callerTownId(caller)
  await updateTown(db, townId, { name: input.name, region: input.region, hotlines: input.hotlines })
  await changed(db, caller, townId, 'admin.saveTown', townId, { name: input.name, hotlines: input.hotlines.length })
  return townSetup(db, caller)
}

export async function saveVillage(db: Database, caller: Caller, input: SaveVillageRequest, requestId: string): Promise<TownSetup> {
  const townId = callerTownId(caller)
  const existing = input.villageId ? await ownVillage(db, townId, input.villageId) : null
  if (input.unitId) await ownUnit(db, townId, input.unitId, 'unitId')
  const village: VillageDoc = {
    _id: existing?._id ?? newId('v', townId, requestId),
    townId,
    name: input.name,
    kind: input.kind,
    groups: [...input.groups].sort((a, b) => a - b),
    order: input.order,
    registeredHouseholds: input.registeredHouseholds,
    policeOfficer: input.policeOfficer,
    unitId: input.unitId,
  }
  await saveVillageDoc(db, village)
  await changed(db, caller, townId, 'admin.saveVillage', village._id, {
    name: village.name,
    created: !existing,
    ...(existing && existing.registeredHouseholds !== village.registeredHouseholds ? { registeredHouseholds: [existing.registeredHouseholds, village.registeredHouseholds] } : {}),
    ...(existing && existing.unitId !== village.unitId ? { unitId: [existing.unitId, village.unitId] } : {}),
  })
  return townSetup(db, caller)
}

export async function removeVillage(db: Database, caller: Caller, villageId: string): Promise<TownSetup> {
  const townId = callerTownId(caller)
  const village = await ownVillage(db, townId, villageId)
  for (const name of ['visits', 'households'] as const) {
    const { data } = await collection(db, name).where({ villageId }).limit(1).get()
    if (data.length > 0) throw new AppError('CONFLICT', `${village.name}已有${name === 'visits' ? '入户记录' : '户籍名册'}，不能删除；如需停用，请把实有户数改为实际数字或联系管理员`, 'villageId')
  }
  const { data: staff } = await collection(db, 'users').where({ villageId, roles: 'cadre' }).limit(1).get()
  if (staff.length > 0) throw new AppError('CONFLICT', `${village.name}还有村社干部，请先在人员管理里调整他们的村（社区）`, 'villageId')
  await removePlace(db, 'villages', villageId)
  await changed(db, caller, townId, 'admin.removeVillage', villageId, { name: village.name })
  return townSetup(db, caller)
}

export async function saveUnit(db: Database, caller: Caller, input: SaveUnitRequest, requestId: string): Promise<TownSetup> {
  const townId = callerTownId(caller)
  const existing = input.unitId ? await ownUnit(db, townId, input.unitId, 'unitId') : null
  const unit: UnitDoc = { _id: existing?._id ?? newId('unit', townId, requestId), townId, name: input.name, headName: input.headName, order: input.order }
  await saveUnitDoc(db, unit)
  await changed(db, caller, townId, 'admin.saveUnit', unit._id, { name: unit.name, created: !existing })
  return townSetup(db, caller)
}

export async function removeUnit(db: Database, caller: Caller, unitId: string): Promise<TownSetup> {
  const townId = callerTownId(caller)
  const unit = await ownUnit(db, townId, unitId, 'unitId')
  const [{ data: villages }, { data: heads }] = await Promise.all([
    collection(db, 'villages').where({ townId, unitId }).limit(1).get(),
    collection(db, 'users').where({ unitId, roles: 'unit_head' }).limit(1).get(),
  ])
  if (villages.length > 0) throw new AppError('CONFLICT', `${unit.name}还包着村（社区），请先把这些村（社区）交给别的单位`, 'unitId')
  if (heads.length > 0) throw new AppError('CONFLICT', `${unit.name}还有负责人账号，请先在人员管理里调整`, 'unitId')
  await removePlace(db, 'units', unitId)
  await changed(db, caller, townId, 'admin.removeUnit', unitId, { name: unit.name })
  return townSetup(db, caller)
}

export async function saveCampaign(db: Database, caller: Caller, input: SaveCampaignRequest, requestId: string): Promise<TownSetup> {
  const townId = callerTownId(caller)
  const campaigns = await listCampaigns(db, townId)
  const existing = input.campaignId ? campaigns.find((campaign) => campaign._id === input.campaignId) : null
  if (input.campaignId && !existing) throw new AppError('NOT_FOUND', '没有找到这个入户宣传活动', 'campaignId')
  if (existing && input.startDay > existing.startDay) {
    // Visits already logged before the new start would fall outside their campaign.
    const { data } = await collection(db, 'visits').where({ campaignId: existing._id, visitedOn: db.command.lt(input.startDay) }).limit(1).get()
    if (data.length > 0) throw new AppError('CONFLICT', `已有早于${input.startDay}的入户记录，开始日期不能推后`, 'startDay')
  }
  const campaign: CampaignDoc = {
    ...(existing ?? {}),
    _id: existing?._id ?? newId('campaign', townId, requestId),
    townId,
    name: input.name,
    startDay: input.startDay,
    milestones: input.milestones,
    // A form that does not show the places target leaves it as it was.
    placeTargetPercent: input.placeTargetPercent !== undefined ? input.placeTargetPercent : (existing?.placeTargetPercent ?? null),
  }
  await saveCampaignDoc(db, campaign)
  await changed(db, caller, townId, 'admin.saveCampaign', campaign._id, { name: campaign.name, startDay: campaign.startDay, milestones: campaign.milestones, placeTargetPercent: campaign.placeTargetPercent ?? null })
  return townSetup(db, caller)
}

/** A village of the caller's town; another town's is as good as missing. */
async function ownVillage(db: Database, townId: string, villageId: string): Promise<VillageDoc> {
  const village = await findVillage(db, villageId)
  if (!village || village.townId !== townId) throw new AppError('NOT_FOUND', '没有找到这个村（社区）', 'villageId')
  return village
}

async function ownUnit(db: Database, townId: string, unitId: string, field: string): Promise<UnitDoc> {
  const unit = await findUnit(db, unitId)
  if (!unit || unit.townId !== townId) throw new AppError('INVALID_INPUT', '所选单位不属于本镇，请重新选择', field)
  return unit
}

/** A new document's id, derived from the write's requestId: a retry lands on the same document. */
function newId(prefix: string, townId: string, requestId: string): string {
  return `${prefix}-${createHash('sha256').update(`${townId}\u0000${requestId}`).digest('hex').slice(0, 16)}`
}

/**
 * After an edit: audited; this instance forgets its copies; and the editor's
 * user document says when, so their next reads (on any instance) are fresh.
 */
async function changed(db: Database, caller: Caller, townId: string, action: string, target: string, detail: Record<string, unknown>): Promise<void> {
  const now = new Date()
  forget(`town:${townId}:`, 'village:')
  if (caller.user) {
    await updateUser(db, caller.user._id, { townEditedAt: now })
    caller.user.townEditedAt = now
  }
  await recordAudit(db, { townId, actor: caller.openid, action, target, detail }, now)
}
