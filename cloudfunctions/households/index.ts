import { createHouseholdSchema, importRosterSchema, registerSchema } from '../../domain/roster'
import { ACCESS } from '../../domain/access'
import { action, defineFunction } from '../_lib/function'
import { commitImport, createHousehold, previewImport, readRegister } from './roster'

export const main = defineFunction('households', {
  register: action({
    audience: ACCESS.readRegister,
    input: registerSchema,
    run: ({ db, caller, input }) => readRegister(db, caller, input.villageId, input.offset),
  }),

  create: action({
    audience: ACCESS.maintainRegister,
    write: true,
    input: createHouseholdSchema,
    run: ({ db, caller, input }) => createHousehold(db, caller, input),
  }),

  previewImport: action({
    audience: ACCESS.maintainRegister,
    input: importRosterSchema,
    run: ({ db, caller, input }) => previewImport(db, caller, input.villageId, input.fileID),
  }),

  commitImport: action({
    audience: ACCESS.maintainRegister,
    write: true,
    input: importRosterSchema,
    run: ({ db, caller, input }) => commitImport(db, caller, input.villageId, input.fileID),
  }),
})
