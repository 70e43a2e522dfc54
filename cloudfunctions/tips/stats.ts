import { addDays } from '../../domain/dates'
import { callerTownId } from '../_lib/access'
import { TIP_KINDS, TIP_STATUS_LABELS, TIP_STATUSES, weekOf, type TipStats, type TipStatsRequest } from '../../domain/tips'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { listTipStats, NO_VILLAGE } from '../_lib/repos/tips'
import { townVillages } from './places'

/**
 * 举报统计 for 镇反诈办 (and police): counts kept with every tip and status
 * change, by the week tips came in. Counts only: no identity, no free text,
 * nothing of a single tip. The period is whole weeks (Monday to Sunday).
 */
export async function tipStats(db: Database, caller: Caller, input: TipStatsRequest): Promise<TipStats> {
  const townId = callerTownId(caller)
  const [docs, villages] = await Promise.all([listTipStats(db, townId, weekOf(input.from), weekOf(input.to)), townVillages(db, townId)])
  const sum = (pick: (doc: (typeof docs)[number]) => number | undefined) => docs.reduce((total, doc) => total + (pick(doc) ?? 0), 0)
  const villageCounts = new Map<string, number>()
  for (const doc of docs) for (const [id, count] of Object.entries(doc.byVillage ?? {})) villageCounts.set(id, (villageCounts.get(id) ?? 0) + count)
  const known = new Set(villages.map((village) => village._id))
  return {
    from: weekOf(input.from),
    to: addDays(weekOf(input.to), 6),
    total: sum((doc) => doc.total),
    urgent: sum((doc) => doc.urgent),
    byKind: TIP_KINDS.map((kind) => ({ key: kind.key, label: kind.label, count: sum((doc) => doc.byKind?.[kind.key]) })),
    byStatus: TIP_STATUSES.map((status) => ({ key: status, label: TIP_STATUS_LABELS[status], count: sum((doc) => doc.byStatus?.[status]) })),
    byVillage: [
      ...villages.map((village) => ({ id: village._id, name: village.name, count: villageCounts.get(village._id) ?? 0 })),
      // Tips whose tipster named no village, or one since removed.
      {
        id: null,
        name: '未填写',
        count: [...villageCounts.entries()].filter(([id]) => id === NO_VILLAGE || !known.has(id)).reduce((total, [, count]) => total + count, 0),
      },
    ],
    byWeek: docs.map((doc) => ({ week: doc.week, total: doc.total, urgent: doc.urgent })),
  }
}
