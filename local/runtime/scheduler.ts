import { nextFiring, parseCron } from './cron'
import { invoke } from './invoke'
import type { LoadedFunction } from './load'

export interface SchedulerEvents {
  onRun?: (fn: string, trigger: string, result: unknown) => void
  onError?: (fn: string, trigger: string, error: unknown) => void
}

/** Runs each function's timer trigger on its cron, like CloudBase does. Returns a stop function. */
export function startScheduler(functions: LoadedFunction[], events: SchedulerEvents = {}, now = () => new Date()): () => void {
  const timers = new Set<NodeJS.Timeout>()
  let stopped = false

  for (const fn of functions) {
    for (const trigger of fn.config.triggers ?? []) {
      if (trigger.type !== 'timer') continue
      const schedule = parseCron(trigger.config)
      const arm = () => {
        if (stopped) return
        const at = nextFiring(schedule, now())
        if (!at) return
        // setTimeout cannot wait longer than ~24.8 days: re-arm in steps.
        const delay = Math.min(at.getTime() - now().getTime(), 2 ** 31 - 1)
        const timer = setTimeout(async () => {
          timers.delete(timer)
          if (now().getTime() >= at.getTime()) {
            const event = { Type: 'Timer', TriggerName: trigger.name, Time: at.toISOString(), Message: '' }
            try {
              events.onRun?.(fn.name, trigger.name, await invoke(fn.name, fn.main, event, { openid: null }))
            } catch (error) {
              events.onError?.(fn.name, trigger.name, error)
            }
          }
          arm()
        }, Math.max(delay, 0))
        timer.unref()
        timers.add(timer)
      }
      arm()
    }
  }

  return () => {
    stopped = true
    for (const timer of timers) clearTimeout(timer)
    timers.clear()
  }
}
