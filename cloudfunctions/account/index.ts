import { createInviteSchema, redeemInviteSchema, revokeInviteSchema, updateProfileSchema } from '../../domain/account'
import { ACCESS } from '../../domain/access'
import { grantMessagesSchema } from '../../domain/messages'
import { action, defineFunction } from '../_lib/function'
import { addGrants, messageSettings } from '../_lib/notify'
import { updateUser } from '../_lib/repos/users'
import { createInvite, directoryFor, listInvites, redeemInvite, revokeInvite } from './invites'
import { buildMe, requireUser, signIn } from './profile'

export const main = defineFunction('account', {
  signIn: action({
    audience: 'anyone',
    write: true,
    run: async ({ db, caller }) => buildMe(db, await signIn(db, caller.openid, caller.user)),
  }),

  me: action({
    audience: 'anyone',
    run: async ({ db, caller }) => buildMe(db, requireUser(caller.user)),
  }),

  updateProfile: action({
    audience: 'anyone',
    write: true,
    input: updateProfileSchema,
    run: async ({ db, caller, input }) => {
      const user = requireUser(caller.user)
      await updateUser(db, user._id, { name: input.name, updatedAt: new Date() })
      return buildMe(db, { ...user, name: input.name })
    },
  }),

  redeemInvite: action({
    audience: 'anyone',
    write: true,
    input: redeemInviteSchema,
    run: async ({ db, caller, input }) => buildMe(db, await redeemInvite(db, caller, input.code)),
  }),

  createInvite: action({
    audience: ACCESS.manageInvites,
    write: true,
    input: createInviteSchema,
    run: ({ db, caller, input }) => createInvite(db, caller, input),
  }),

  listInvites: action({
    audience: ACCESS.manageInvites,
    run: ({ db, caller }) => listInvites(db, caller),
  }),

  revokeInvite: action({
    audience: ACCESS.manageInvites,
    write: true,
    input: revokeInviteSchema,
    run: ({ db, caller, input }) => revokeInvite(db, caller, input.code),
  }),

  messageSettings: action({
    audience: 'anyone',
    run: ({ db, caller }) => messageSettings(db, requireUser(caller.user)._id),
  }),

  /** The user tapped 订阅 and accepted these templates: one message each may now be sent. */
  grantMessages: action({
    audience: 'anyone',
    write: true,
    input: grantMessagesSchema,
    run: async ({ db, caller, input }) => {
      const user = requireUser(caller.user)
      await addGrants(db, user._id, input.templates)
      return messageSettings(db, user._id)
    },
  }),

  directory: action({
    audience: ACCESS.workDirectory,
    run: ({ db, caller }) => directoryFor(db, caller),
  }),
})
