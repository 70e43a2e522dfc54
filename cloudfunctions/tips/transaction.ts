import { AppError } from '../../domain/errors'
import type { Database } from '../_lib/cloud'

// The SDK types a transaction loosely; this is the part of it used here.
export interface TipTransaction {
  collection(name: 'tips' | 'tipStats' | 'tipLimits'): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>
      set(data: Record<string, unknown>): Promise<unknown>
      update(data: Record<string, unknown>): Promise<unknown>
    }
    add(data: Record<string, unknown>): Promise<unknown>
  }
}

const CONFLICT_RETRIES = 8

/**
 * Runs `work` in a transaction; one that loses a write conflict (two tips of
 * a town's week at once move its counters) is tried again after a random pause.
 */
export async function inTransaction<T>(db: Database, work: (tx: TipTransaction) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await db.runTransaction((tx: TipTransaction) => work(tx), 0)) as T
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== 'DATABASE_TRANSACTION_CONFLICT') throw error
      if (attempt >= CONFLICT_RETRIES) throw new AppError('RATE_LIMITED', '同时提交的人较多，请稍后重试')
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(10 * 2 ** attempt, 300)))
    }
  }
}

/** A document read in a transaction, or null. */
export async function readDoc<T>(tx: TipTransaction, name: 'tips' | 'tipStats' | 'tipLimits', id: string): Promise<T | null> {
  const { data } = await tx.collection(name).doc(id).get()
  return (data as T | undefined) ?? null
}
