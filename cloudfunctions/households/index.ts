import { createHouseholdSchema, importRosterSchema, registerSchema } from '../../domain/roster'
import { action, defineFunction } from '../_lib/function'
import { commitImport, createHousehold, previewImport, readRegister } from './roster'

export const main = defineFunction('households', {
  register: action({
    audience: ['cadre', 'office', 'police'],
    input: registerSchema,
    run: ({ db, caller, input }) => readRegister(db, caller, input.villageId, input.offset),
  }),

  create: action({
    audience: ['cadre', 'office'],
    write: true,
    input: createHouseholdSchema,
    run: ({ db, caller, input }) => createHousehold(db, caller, input),
  }),

  previewImport: action({
    audience: ['cadre', 'office'],
    input: importRosterSchema,
    run: ({ db, caller, input }) => previewImport(db, caller, input.villageId, input.fileID),
  }),

  commitImport: action({
    audience: ['cadre', 'office'],
    write: true,
    input: importRosterSchema,
    run: ({ db, caller, input }) => commitImport(db, caller, input.villageId, input.fileID),
  }),
})
