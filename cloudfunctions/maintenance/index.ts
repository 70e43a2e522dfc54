import { defineFunction } from '../_lib/function'
import { purgeRequestsBefore } from '../_lib/repos/requests'

/** How long a write's reply is kept for retries (an offline phone may retry late). */
const KEEP_REQUESTS_DAYS = 30

export const main = defineFunction(
  'maintenance',
  {},
  {
    onTimer: async ({ db, now }) => {
      const before = new Date(now.getTime() - KEEP_REQUESTS_DAYS * 24 * 60 * 60 * 1000)
      return { purgedRequests: await purgeRequestsBefore(db, before) }
    },
  },
)
