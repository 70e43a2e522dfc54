import type { AuditPage, AuditQuery, SaveUnitInput, SaveVillageInput, SetRolesInput, TownSetup, UserPage, UserView } from '../../../domain/admin'
import type { Reply } from '../../../domain/errors'
import type { StaffRole } from '../../../domain/roles'
import type { SaveCampaignInput, TownSettingsInput } from '../../../domain/town'
import { callFunction } from '../../services/cloud'

// Typed calls to the `admin` function (镇级管理, 人员管理, 操作记录). Writes take
// the requestId of the attempt (hooks/use-write.ts keeps it across a retry).

const FN = 'admin'

export const getTownSetup = () => callFunction<TownSetup>(FN, 'town')
export const saveTown = (input: TownSettingsInput, requestId: string) => callFunction<TownSetup>(FN, 'saveTown', input, { requestId })
export const saveVillage = (input: SaveVillageInput, requestId: string) => callFunction<TownSetup>(FN, 'saveVillage', input, { requestId })
export const removeVillage = (input: { villageId: string }, requestId: string) => callFunction<TownSetup>(FN, 'removeVillage', input, { requestId })
export const saveUnit = (input: SaveUnitInput, requestId: string) => callFunction<TownSetup>(FN, 'saveUnit', input, { requestId })
export const removeUnit = (input: { unitId: string }, requestId: string) => callFunction<TownSetup>(FN, 'removeUnit', input, { requestId })
export const saveCampaign = (input: SaveCampaignInput, requestId: string) => callFunction<TownSetup>(FN, 'saveCampaign', input, { requestId })

export function listUsers(query: { query?: string; role?: StaffRole; cursor?: string }): Promise<Reply<UserPage>> {
  return callFunction<UserPage>(FN, 'users', query)
}

export const setRoles = (input: SetRolesInput, requestId: string) => callFunction<UserView>(FN, 'setRoles', input, { requestId })

export function getAuditLog(query: Partial<AuditQuery>): Promise<Reply<AuditPage>> {
  return callFunction<AuditPage>(FN, 'auditLog', query)
}
