import { defineFunction } from '../_lib/function'
import { purgeDue } from '../_lib/privacy/purge'
import { purgeRequestsBefore } from '../_lib/repos/requests'
import { purgeExpiredTipLimits } from '../_lib/repos/tips'

/** How long a write's reply is kept for retries (an offline phone may retry late). */
const KEEP_REQUESTS_DAYS = 30
/** The retention purge stops after this long (the function has 60 s); the next run goes on. */
const PURGE_BUDGET_MS = 40_000

export const main = defineFunction(
  'maintenance',
  {},
  {
    onTimer: async ({ db, now }) => {
      const before = new Date(now.getTime() - KEEP_REQUESTS_DAYS * 24 * 60 * 60 * 1000)
      return {
        purgedRequests: await purgeRequestsBefore(db, before),
        // Tip rate-limit counters whose hour or day is over: nothing needs them (they name nobody, but keep nothing longer than needed).
        purgedTipLimits: await purgeExpiredTipLimits(db, now),
        // Personal data past each town's retention (domain/privacy.ts), measured by the trigger's clock.
        retention: await purgeDue(db, now, Date.now() + PURGE_BUDGET_MS),
      }
    },
  },
)
