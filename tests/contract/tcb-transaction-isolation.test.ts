// Transaction isolation as CloudBase shows it through the real node-sdk. The
// expectations come from node-sdk's own tests against CloudBase
// (test/database/unit/transaction.test.ts: 冲突检测, 读偏, 读快照, 事务提交后不能
// 进行其它操作, write skew) and MongoDB's documented snapshot isolation; the two
// tests at the end pin down where the local server is knowingly stricter.
import { rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb
let db: ReturnType<LocalTcb['app']['database']>

interface TxDoc {
  get(): Promise<{ data: Record<string, unknown> | null }>
  set(data: Record<string, unknown>): Promise<unknown>
  update(data: Record<string, unknown>): Promise<{ updated?: number }>
  remove(): Promise<unknown>
}
interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(data: Record<string, unknown>): Promise<unknown> }
  rollback(reason?: unknown): Promise<unknown>
  commit(): Promise<unknown>
}

const start = async (): Promise<Tx> => (await db.startTransaction()) as Tx
const inTx = (tx: Tx, id: string) => tx.collection('articles').doc(id)
const outside = (id: string) => db.collection('articles').doc(id)
const category = async (id: string) => (await outside(id).get()).data[0]?.category

beforeAll(async () => {
  local = await startLocalTcb({ collections: [{ name: 'articles', indexes: [] }] })
  db = local.app.database()
})
afterAll(() => local.stop())
beforeEach(async () => {
  await db.collection('articles').where({}).remove()
  await db.collection('articles').add([
    { _id: '1', category: 'Web' },
    { _id: '2', category: 'Life' },
  ])
})

describe('as CloudBase does', () => {
  test('when two transactions write the same document, the second writer is refused at its write and the first commits', async () => {
    const first = await start()
    const second = await start()
    const seen = await inTx(second, '1').get()
    await inTx(first, '1').update({ category: 'first' })
    const err = await rejection(inTx(second, '1').update({ category: `${seen.data?.category as string} second` }))
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await first.commit()
    expect(await category('1')).toBe('first')
  })

  test('after a write outside the transaction, a re-read inside it returns its snapshot, and writing that document is a conflict', async () => {
    const tx = await start()
    expect((await inTx(tx, '1').get()).data).toEqual({ _id: '1', category: 'Web' })
    await outside('1').set({ category: 'changed outside' })
    await outside('2').set({ category: 'also changed outside' })
    expect((await inTx(tx, '1').get()).data).toEqual({ _id: '1', category: 'Web' })
    // The snapshot is the transaction's, not per document: '2' was never read before the outside write.
    expect((await inTx(tx, '2').get()).data).toEqual({ _id: '2', category: 'Life' })
    const err = await rejection(inTx(tx, '1').update({ category: 'from the transaction' }))
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await category('1')).toBe('changed outside')
  })

  test('a document created outside after the snapshot is absent inside, and creating it there is a conflict', async () => {
    const tx = await start()
    await inTx(tx, '1').get()
    await outside('3').set({ category: 'new outside' })
    expect((await inTx(tx, '3').get()).data).toBeNull()
    expect((await rejection(inTx(tx, '3').set({ category: 'new inside' }))).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await category('3')).toBe('new outside')
  })

  test('a transaction reads its own writes; others see them only after commit', async () => {
    const tx = await start()
    await inTx(tx, '1').update({ category: 'update in transaction' })
    expect(await category('1')).toBe('Web')
    expect((await inTx(tx, '1').get()).data).toEqual({ _id: '1', category: 'update in transaction' })
    await tx.commit()
    expect(await category('1')).toBe('update in transaction')
  })

  test('a transaction aborted by a conflict no longer exists: its rollback and commit are DATABASE_TRANSACTION_FAIL', async () => {
    const first = await start()
    const second = await start()
    await inTx(first, '1').update({ category: 'first' })
    expect((await rejection(inTx(second, '1').update({ category: 'second' }))).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await rejection(second.rollback())).code).toBe('DATABASE_TRANSACTION_FAIL')
    expect((await rejection(second.commit())).code).toBe('DATABASE_TRANSACTION_FAIL')
    await first.rollback()
    expect(await category('1')).toBe('Web')
  })

  test('using a transaction after it has committed is DATABASE_TRANSACTION_FAIL', async () => {
    const tx = await start()
    await tx.commit()
    const err = await rejection(inTx(tx, '1').set({ category: 'Node.js' }))
    expect(err.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(err.message).toContain('does not exist')
    expect(await category('1')).toBe('Web')
  })

  test('runTransaction retries the second writer and both changes land', async () => {
    const increments = await Promise.all(
      [1, 2].map((n) =>
        db.runTransaction(async (tx: Tx) => {
          const doc = await inTx(tx, '2').get()
          await inTx(tx, '2').update({ category: `${doc.data?.category as string}+${n}` })
          return n
        }),
      ),
    )
    expect(increments).toEqual([1, 2])
    expect(String(await category('2')).split('+').sort()).toEqual(['1', '2', 'Life'])
  })

  test('a transaction not finished within 30 seconds no longer exists', async () => {
    const tx = await start()
    await inTx(tx, '1').update({ category: 'late' })
    const now = Date.now
    const later = jest.spyOn(Date, 'now').mockImplementation(() => now() + 31_000)
    try {
      expect((await rejection(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL')
    } finally {
      later.mockRestore()
    }
    expect(await category('1')).toBe('Web')
  })
})

describe('knowingly stricter than CloudBase', () => {
  test('write skew: a commit fails with DATABASE_TRANSACTION_CONFLICT when a document it read changed since (CloudBase commits both)', async () => {
    const first = await start()
    const second = await start()
    const one = await inTx(first, '1').get()
    const two = await inTx(second, '2').get()
    await inTx(first, '2').set({ category: `${one.data?.category as string} doc1` })
    await inTx(second, '1').set({ category: `${two.data?.category as string} doc2` })
    await first.commit()
    expect((await rejection(second.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await category('1')).toBe('Web')
    expect(await category('2')).toBe('Web doc1')
  })

  test('a write outside any transaction to a document a transaction wrote goes through, and the transaction fails at its next operation (CloudBase makes the outside write wait)', async () => {
    const tx = await start()
    await inTx(tx, '1').update({ category: 'inside' })
    await outside('1').update({ category: 'outside' })
    expect((await rejection(inTx(tx, '2').get())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await rejection(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(await category('1')).toBe('outside')
  })
})
