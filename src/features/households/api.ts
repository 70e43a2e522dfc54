import type { Reply } from '../../../domain/errors'
import type { HouseholdView, RosterImportResult, RosterPreview } from '../../../domain/roster'
import { callFunction, newRequestId } from '../../services/cloud'

// Typed calls to the `households` function.

const FN = 'households'

export interface RegisterPage {
  households: HouseholdView[]
  nextOffset: number | null
}

/** One page (1000 households) of the village register, with full names and phones. */
export function getRegisterPage(villageId: string, offset = 0): Promise<Reply<RegisterPage>> {
  return callFunction<RegisterPage>(FN, 'register', { villageId, offset })
}

export interface RosterFile {
  villageId: string
  fileID: string
}

export function previewImport(input: RosterFile): Promise<Reply<RosterPreview>> {
  return callFunction<RosterPreview>(FN, 'previewImport', input)
}

/** All or nothing, and safe to repeat: households are keyed by their address. */
export function commitImport(input: RosterFile, requestId: string = newRequestId()): Promise<Reply<RosterImportResult>> {
  return callFunction<RosterImportResult>(FN, 'commitImport', input, { requestId })
}
