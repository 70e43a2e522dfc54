import type { ReachCounts, ReachRow, ReachTable, ReachUnit } from '../../domain/articles'
import { AppError } from '../../domain/errors'
import type { Database } from '../_lib/cloud'
import type { Caller } from '../_lib/function'
import { findArticle, listPublished } from '../_lib/repos/articles'
import { ALL_ARTICLES, reachOf, type ReachDoc } from '../_lib/repos/reach'
import { signedInTown, unitsOf, villagesOf } from './places'
import { readsOf } from './views'

// 宣传成效: per article (or all articles) and per unit and village, what
// shares and posters brought. Read from the counters kept with each share and
// read (repos/reach.ts): a few documents, whatever the number of reads.

const ZERO: ReachCounts = { shares: 0, shareReads: 0, posterReads: 0, learned: 0, reads: 0 }
const RECENT_ARTICLES = 30

function add(into: ReachCounts, from: ReachCounts): ReachCounts {
  return {
    shares: into.shares + from.shares,
    shareReads: into.shareReads + from.shareReads,
    posterReads: into.posterReads + from.posterReads,
    learned: into.learned + from.learned,
    reads: into.reads + from.reads,
  }
}

const countsOf = (doc: ReachDoc | undefined): ReachCounts =>
  doc ? { shares: doc.shares ?? 0, shareReads: doc.shareReads ?? 0, posterReads: doc.posterReads ?? 0, learned: doc.learned ?? 0, reads: doc.reads ?? 0 } : { ...ZERO }

export async function reachTable(db: Database, caller: Caller, articleId: string | undefined): Promise<ReachTable> {
  const { user, townId } = signedInTown(caller)
  const townWide = caller.roles.includes('office')
  const unitId = townWide ? null : user.unitId
  if (!townWide && !(caller.roles.includes('unit_head') && unitId)) throw new AppError('FORBIDDEN', '宣传成效给镇反诈办和单位负责人查看')

  const article = articleId ? await findArticle(db, articleId) : null
  if (articleId && (!article || article.townId !== townId)) throw new AppError('NOT_FOUND', '没有找到这篇文章', 'articleId')
  const [villages, units, docs, recent] = await Promise.all([
    villagesOf(db, townId),
    unitsOf(db, townId),
    reachOf(db, townId, article?._id ?? ALL_ARTICLES),
    listPublished(db, { townId, now: new Date(), limit: RECENT_ARTICLES }),
  ])
  const byKey = new Map(docs.map((doc) => [doc.key, doc]))
  const inScope = villages.filter((village) => townWide || village.unitId === unitId)
  const unitNames = new Map(units.map((unit) => [unit._id, unit.name]))

  const rows: ReachRow[] = inScope.map((village) => ({ key: `v:${village._id}`, name: village.name, unitId: village.unitId, ...countsOf(byKey.get(`v:${village._id}`)) }))
  // A unit's own staff (unit heads) share as the unit, not as a village.
  for (const unit of units.filter((candidate) => townWide || candidate._id === unitId)) {
    const doc = byKey.get(`u:${unit._id}`)
    if (doc) rows.push({ key: doc.key, name: `${unit.name}（单位人员）`, unitId: unit._id, ...countsOf(doc) })
  }
  if (townWide) {
    const doc = byKey.get('town')
    if (doc) rows.push({ key: 'town', name: '未填写所在村（社区）的群众', unitId: null, ...countsOf(doc) })
  }

  const unitTotals = new Map<string | null, ReachUnit>()
  for (const row of rows) {
    const current = unitTotals.get(row.unitId) ?? { id: row.unitId, name: row.unitId ? unitNames.get(row.unitId) ?? '其他单位' : '未包联单位', ...ZERO }
    unitTotals.set(row.unitId, { ...current, ...add(current, row) })
  }
  const total = rows.reduce<ReachCounts>((sum, row) => add(sum, row), { ...ZERO })
  const scopeName = townWide ? '全镇' : unitNames.get(unitId ?? '') ?? '本单位'
  return {
    scope: townWide ? 'town' : 'unit',
    scopeName,
    article: article ? { id: article._id, title: article.title } : null,
    total,
    units: [...unitTotals.values()].filter((unit) => unit.id !== null || townWide),
    rows: rows.sort((a, b) => b.reads - a.reads || b.shares - a.shares),
    articles: recent.map((doc) => ({
      id: doc._id,
      title: doc.title,
      publishedAt: new Date(doc.publishAt ?? doc.updatedAt).toISOString(),
      shares: doc.shares ?? 0,
      shareReads: doc.shareReads ?? 0,
      posterReads: doc.posterReads ?? 0,
      learned: doc.learned ?? 0,
      reads: readsOf(doc),
    })),
  }
}
