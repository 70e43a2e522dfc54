import { auditQuerySchema, listUsersSchema, removeUnitSchema, removeVillageSchema, saveUnitSchema, saveVillageSchema, setRolesSchema } from '../../domain/admin'
import { ACCESS } from '../../domain/access'
import { saveCampaignSchema, townSettingsSchema } from '../../domain/town'
import { action, defineFunction } from '../_lib/function'
import { auditLog } from './audit-log'
import { listUsers, setRoles } from './people'
import { removeUnit, removeVillage, saveCampaign, saveTown, saveUnit, saveVillage, townSetup } from './town-setup'

// 镇级管理: the town's villages, units, campaigns and hotlines, its people and
// their roles, and the audit trail. Every action acts on the caller's own town.
export const main = defineFunction('admin', {
  town: action({
    audience: ACCESS.manageTown,
    run: ({ db, caller }) => townSetup(db, caller),
  }),

  saveTown: action({
    audience: ACCESS.manageTown,
    write: true,
    input: townSettingsSchema,
    run: ({ db, caller, input }) => saveTown(db, caller, input),
  }),

  saveVillage: action({
    audience: ACCESS.manageTown,
    write: true,
    input: saveVillageSchema,
    run: ({ db, caller, input, requestId }) => saveVillage(db, caller, input, requestId),
  }),

  removeVillage: action({
    audience: ACCESS.manageTown,
    write: true,
    input: removeVillageSchema,
    run: ({ db, caller, input }) => removeVillage(db, caller, input.villageId),
  }),

  saveUnit: action({
    audience: ACCESS.manageTown,
    write: true,
    input: saveUnitSchema,
    run: ({ db, caller, input, requestId }) => saveUnit(db, caller, input, requestId),
  }),

  removeUnit: action({
    audience: ACCESS.manageTown,
    write: true,
    input: removeUnitSchema,
    run: ({ db, caller, input }) => removeUnit(db, caller, input.unitId),
  }),

  saveCampaign: action({
    audience: ACCESS.manageTown,
    write: true,
    input: saveCampaignSchema,
    run: ({ db, caller, input, requestId }) => saveCampaign(db, caller, input, requestId),
  }),

  users: action({
    audience: ACCESS.manageUsers,
    input: listUsersSchema,
    run: ({ db, caller, input }) => listUsers(db, caller, input),
  }),

  setRoles: action({
    audience: ACCESS.manageUsers,
    write: true,
    input: setRolesSchema,
    run: ({ db, caller, input }) => setRoles(db, caller, input),
  }),

  auditLog: action({
    audience: ACCESS.readAudit,
    input: auditQuerySchema,
    run: ({ db, caller, input }) => auditLog(db, caller, input),
  }),
})
