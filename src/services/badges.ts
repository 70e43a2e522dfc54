// Counts shown on the bottom tabs (e.g. unread 消息 on 我的). The tab bar is
// a shared component and the counts come from features, so they meet here:
// a feature sets a tab's count, the tab bar reads it.

type Listener = () => void

let badges: Readonly<Record<string, number>> = {}
const listeners = new Set<Listener>()

export function setTabBadge(tab: string, count: number): void {
  const next = Math.max(0, Math.floor(count))
  if ((badges[tab] ?? 0) === next) return
  badges = { ...badges, [tab]: next }
  listeners.forEach((listener) => listener())
}

export function getTabBadges(): Readonly<Record<string, number>> {
  return badges
}

export function subscribeTabBadges(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** How a count reads on a badge. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count)
}
