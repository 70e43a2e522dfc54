// Transactions through the real node-sdk: commit, rollback on abort and on a
// thrown error, isolation from other requests, conflicts and retries, and the
// CloudBase rule that only single-document operations run inside one.
import { post, rejection } from './helpers'
import { LocalTcb, startLocalTcb } from '../support/local-tcb'

let local: LocalTcb
let db: ReturnType<LocalTcb['app']['database']>

interface TxDoc {
  get(): Promise<{ data: Record<string, unknown> | null }>
  set(data: Record<string, unknown>): Promise<unknown>
  update(data: Record<string, unknown>): Promise<unknown>
  remove(): Promise<unknown>
}
interface TxCollection {
  doc(id: string): TxDoc
  add(data: Record<string, unknown>): Promise<{ id: string }>
  where(query: Record<string, unknown>): { get(): Promise<unknown>; count(): Promise<unknown> }
  get(): Promise<unknown>
}
interface Tx {
  collection(name: string): TxCollection
  rollback(reason?: unknown): Promise<unknown>
  commit(): Promise<unknown>
}

const accounts = () => db.collection('accounts')
const balance = async (id: string) => (await accounts().doc(id).get()).data[0]?.balance

beforeAll(async () => {
  local = await startLocalTcb({ collections: [{ name: 'accounts', indexes: [{ name: 'owner_1', keys: { owner: 1 }, unique: true }] }] })
  db = local.app.database()
})
afterAll(() => local.stop())
beforeEach(async () => {
  await accounts().where({}).remove()
  await accounts().add([
    { _id: 'alice', owner: 'alice', balance: 100 },
    { _id: 'bob', owner: 'bob', balance: 0 },
  ])
})

test('runTransaction commits every write together and returns the callback result', async () => {
  const result = await db.runTransaction(async (tx: Tx) => {
    const from = await tx.collection('accounts').doc('alice').get()
    await tx.collection('accounts').doc('alice').update({ balance: (from.data?.balance as number) - 30 })
    await tx.collection('accounts').doc('bob').update({ balance: db.command.inc(30) })
    const added = await tx.collection('accounts').add({ owner: 'carol', balance: 5 })
    return added.id
  })
  expect(await balance('alice')).toBe(70)
  expect(await balance('bob')).toBe(30)
  expect(await balance(result)).toBe(5)
})

test('a transaction reads its own uncommitted writes', async () => {
  await db.runTransaction(async (tx: Tx) => {
    await tx.collection('accounts').doc('bob').update({ balance: 7 })
    const seen = await tx.collection('accounts').doc('bob').get()
    expect(seen.data?.balance).toBe(7)
    await tx.collection('accounts').doc('dave').set({ owner: 'dave', balance: 1 })
    expect((await tx.collection('accounts').doc('dave').get()).data?.balance).toBe(1)
  })
})

test('a throw inside runTransaction rolls every write back and rethrows', async () => {
  const err = await rejection(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('accounts').doc('alice').update({ balance: 0 })
      await tx.collection('accounts').add({ owner: 'mallory', balance: 1000 })
      throw new Error('changed my mind')
    }),
  )
  expect(err.message).toBe('changed my mind')
  expect(await balance('alice')).toBe(100)
  expect((await accounts().where({ owner: 'mallory' }).count()).total).toBe(0)
})

test('transaction.rollback(reason) discards the writes and runTransaction rejects with the reason', async () => {
  const err = await rejection(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('accounts').doc('alice').remove()
      await tx.rollback({ message: 'insufficient funds' })
    }),
  )
  expect(err).toEqual({ message: 'insufficient funds' })
  expect(await balance('alice')).toBe(100)
})

test('startTransaction: other requests do not see uncommitted writes until commit', async () => {
  const tx: Tx = await db.startTransaction()
  await tx.collection('accounts').doc('alice').update({ balance: 1 })
  await tx.collection('accounts').add({ _id: 'erin', owner: 'erin', balance: 2 })
  expect(await balance('alice')).toBe(100)
  expect((await accounts().doc('erin').get()).data).toEqual([])
  await tx.commit()
  expect(await balance('alice')).toBe(1)
  expect(await balance('erin')).toBe(2)
})

test('startTransaction then rollback leaves no trace', async () => {
  const tx: Tx = await db.startTransaction()
  await tx.collection('accounts').doc('bob').set({ owner: 'bob', balance: 999 })
  await tx.rollback()
  expect(await balance('bob')).toBe(0)
  expect((await rejection(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL')
})

test('a where() query inside a transaction is refused', async () => {
  const tx: Tx = await db.startTransaction()
  const err = await rejection(tx.collection('accounts').where({ owner: 'alice' }).get())
  expect(err.code).toBe('INVALID_OPERATION')
  expect(err.message).toContain('not allowed inside a transaction')
  expect((await rejection(tx.collection('accounts').get())).code).toBe('INVALID_OPERATION')
  await tx.rollback()
})

test('batch update/remove, count and aggregate carrying a transactionId are refused on the wire', async () => {
  // The SDK (3.18.3) sends no transactionId for where().update/remove/count, so
  // those run outside the transaction, in CloudBase as here; a client that does
  // send one is refused.
  const tx: Tx = await db.startTransaction()
  const transactionId = (tx as unknown as { getTransactionId(): string }).getTransactionId()
  const base = { collectionName: 'accounts', transactionId, query: '{"owner":"alice"}', queryType: 'WHERE' }
  for (const body of [
    { ...base, action: 'database.modifyDocument', data: '{"$set":{"x":1}}', multi: true, merge: true },
    { ...base, action: 'database.removeDocument', multi: true },
    { ...base, action: 'database.calculateDocument' },
    { collectionName: 'accounts', transactionId, action: 'database.aggregateDocuments', stages: [] },
  ]) {
    const reply = await post(local.serviceUrl, body, { credentials: local.credentials })
    expect(reply.code).toBe('INVALID_OPERATION')
  }
  await tx.rollback()
  expect(await balance('alice')).toBe(100)
})

test('a duplicate inside a transaction fails that operation, and nothing is committed', async () => {
  const err = await rejection(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('accounts').doc('bob').update({ balance: 50 })
      await tx.collection('accounts').add({ owner: 'alice' })
    }),
  )
  expect(err.message).toContain('E11000')
  expect(await balance('bob')).toBe(0)
})

test('a write by another request to a document the transaction read fails its next operation with DATABASE_TRANSACTION_CONFLICT', async () => {
  const tx: Tx = await db.startTransaction()
  const seen = await tx.collection('accounts').doc('alice').get()
  await accounts().doc('alice').update({ balance: db.command.inc(1) })
  const err = await rejection(tx.collection('accounts').doc('alice').update({ balance: (seen.data?.balance as number) + 10 }))
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(await balance('alice')).toBe(101)
})

test('a write by another request after the transaction wrote the document fails the commit with DATABASE_TRANSACTION_CONFLICT', async () => {
  const tx: Tx = await db.startTransaction()
  await tx.collection('accounts').doc('bob').update({ balance: 10 })
  await accounts().doc('bob').remove()
  const err = await rejection(tx.commit())
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect((await accounts().doc('bob').get()).data).toEqual([])
})

test('concurrent read-modify-write transactions lose no update: each one either commits or fails with a conflict', async () => {
  const attempts = 8
  const outcomes = await Promise.allSettled(
    Array.from({ length: attempts }, () =>
      db.runTransaction(async (tx: Tx) => {
        const doc = await tx.collection('accounts').doc('bob').get()
        await tx.collection('accounts').doc('bob').update({ balance: (doc.data?.balance as number) + 1 })
      }),
    ),
  )
  const committed = outcomes.filter((o) => o.status === 'fulfilled').length
  for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code?: string }).code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(committed).toBeGreaterThan(0)
  expect(await balance('bob')).toBe(committed)
})
