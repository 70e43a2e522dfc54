import { createInviteSchema, homeVillageSchema, redeemInviteSchema, revokeInviteSchema, updateProfileSchema } from '../../domain/account'
import { ACCESS } from '../../domain/access'
import { inboxSchema, readInboxSchema } from '../../domain/inbox'
import { grantMessagesSchema } from '../../domain/messages'
import { action, defineFunction } from '../_lib/function'
import { addGrants, messageSettings } from '../_lib/notify'
import { markInboxRead } from '../_lib/repos/inbox'
import { updateUser } from '../_lib/repos/users'
import { readInbox } from './inbox'
import { setHomeVillage, townVillages } from './home-village'
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

  /** 所在村（社区）: where the user lives; their shares of articles count for it. */
  setHomeVillage: action({
    audience: 'anyone',
    write: true,
    input: homeVillageSchema,
    run: ({ db, caller, input }) => setHomeVillage(db, caller, input.villageId),
  }),

  /** The villages of the user's town, to pick where they live. */
  townVillages: action({
    audience: 'anyone',
    run: ({ db, caller }) => townVillages(db, caller),
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

  /** 消息: the caller's own messages, newest first. */
  inbox: action({
    audience: 'anyone',
    input: inboxSchema,
    run: ({ db, caller, input }) => readInbox(db, requireUser(caller.user), input),
  }),

  /** Marks some of the caller's messages read; answers how many stay unread. */
  readInbox: action({
    audience: 'anyone',
    write: true,
    input: readInboxSchema,
    run: async ({ db, caller, input }) => ({ unread: await markInboxRead(db, requireUser(caller.user)._id, input.ids) }),
  }),
})
