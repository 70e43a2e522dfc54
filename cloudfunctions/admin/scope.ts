import { AppError } from '../../domain/errors'
import { signedInUser } from '../_lib/access'
import type { Caller } from '../_lib/function'

/** The town an office user administers: their own, never one named in the payload. */
export function adminTown(caller: Caller): string {
  const townId = signedInUser(caller).townId
  if (!townId) throw new AppError('FORBIDDEN', '你的账号还没有归属镇（街道），请联系管理员')
  return townId
}
