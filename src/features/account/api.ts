import type { CreateInviteInput, Directory, InviteView, Me, PlaceRef } from '../../../domain/account'
import type { Reply } from '../../../domain/errors'
import { callFunction, newRequestId } from '../../services/cloud'

// Typed calls to the `account` cloud function. Writes take the requestId of
// the attempt: pass the same one when retrying a write whose reply never came.

const FN = 'account'

/** Creates the user as resident on the first call; returns who they are. */
export function signIn(requestId: string = newRequestId()): Promise<Reply<Me>> {
  return callFunction<Me>(FN, 'signIn', {}, { requestId })
}

export function getMe(): Promise<Reply<Me>> {
  return callFunction<Me>(FN, 'me')
}

export function updateProfile(input: { name: string }, requestId: string = newRequestId()): Promise<Reply<Me>> {
  return callFunction<Me>(FN, 'updateProfile', input, { requestId })
}

/** Grants the invite's role; the reply is the user with the new role. */
export function redeemInvite(input: { code: string }, requestId: string = newRequestId()): Promise<Reply<Me>> {
  return callFunction<Me>(FN, 'redeemInvite', input, { requestId })
}

export function createInvite(input: CreateInviteInput, requestId: string = newRequestId()): Promise<Reply<InviteView>> {
  return callFunction<InviteView>(FN, 'createInvite', input, { requestId })
}

export function listInvites(): Promise<Reply<InviteView[]>> {
  return callFunction<InviteView[]>(FN, 'listInvites')
}

export function revokeInvite(input: { code: string }, requestId: string = newRequestId()): Promise<Reply<InviteView>> {
  return callFunction<InviteView>(FN, 'revokeInvite', input, { requestId })
}

/** Villages and units of the caller's town, for the invite form's pickers. */
export function getDirectory(): Promise<Reply<Directory>> {
  return callFunction<Directory>(FN, 'directory')
}

/** 所在村（社区）: where the user lives ('' to clear it); their shares of articles count for it. */
export function setHomeVillage(input: { villageId: string }, requestId: string = newRequestId()): Promise<Reply<Me>> {
  return callFunction<Me>(FN, 'setHomeVillage', input, { requestId })
}

/** The villages of the user's town, to say which one they live in. */
export function getTownVillages(): Promise<Reply<PlaceRef[]>> {
  return callFunction<PlaceRef[]>(FN, 'townVillages')
}
