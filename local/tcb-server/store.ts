// The SQLite file: one table per collection (id, data), one expression index per
// declared index, and a small catalog. Every write goes through here, so this is
// where duplicates are detected and where transactions observe reads and writes.
import Database from 'better-sqlite3'
import fs from 'fs'
import path from 'path'
import { collectionNotExist, duplicateKeyError, ErrorCode, TcbServerError } from './errors'
import { Doc, isPlainObject } from './ejson'
import { isSqlPath, keyExpr, prefixArrayChecks } from './sql-keys'

export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}

export interface CollectionSpec {
  name: string
  indexes: IndexSpec[]
}

export interface IndexInfo {
  name: string
  sqlName: string
  paths: string[]
  unique: boolean
}

export interface CollectionInfo {
  name: string
  /** Quoted table name, ready for SQL text. */
  table: string
  indexes: IndexInfo[]
  indexedPaths: Set<string>
  /**
   * Indexed paths where some document ever held an array (anywhere along the
   * path), an object or a non-finite number: there the index key cannot answer
   * MongoDB's element-wise matching, so the planner stops trusting it. Never
   * cleared, like MongoDB's multikey flag.
   */
  nonScalar: Set<string>
}

/** A document id as the id column holds it: a string, a number, or the 12 bytes of an ObjectId (a BLOB). */
export type DocId = string | number | Buffer

export type PhysicalWrite =
  | { kind: 'insert' | 'replace'; collection: string; id: DocId; doc: Doc; text: string }
  | { kind: 'delete'; collection: string; id: DocId }

/** The transaction manager: sees every read by id and every write. */
export interface StoreObserver {
  /** Before a read by id: the text to answer instead of the table's (a transaction's snapshot), or undefined to read the table. */
  read(collection: string, id: DocId): { text: string | undefined } | undefined
  /** Before a write runs: may refuse it; `current` reads the document's text as the table holds it now. */
  beforeWrite(w: PhysicalWrite, current: () => string | undefined): void
  /** After a write changed a row. */
  write(w: PhysicalWrite): void
}

/** An id for messages: ObjectIds as ObjectId('<hex>'), like MongoDB. */
export const formatId = (id: DocId): string => (Buffer.isBuffer(id) ? `ObjectId('${id.toString('hex')}')` : JSON.stringify(id))

const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** True when MongoDB could match `path` element-wise or the value has no exact index key. */
export const holdsNonScalar = (doc: Doc, fieldPath: string): boolean => {
  const parts = fieldPath.split('.')
  let current: unknown = doc
  for (let i = 0; i < parts.length; i++) {
    if (Array.isArray(current)) return true
    if (!isPlainObject(current)) return false
    current = current[parts[i]]
  }
  if (Array.isArray(current)) return true
  if (typeof current === 'number') return !Number.isFinite(current)
  return typeof current === 'object' && current !== null && !(current instanceof Date)
}

export class Store {
  readonly db: Database.Database
  private readonly collections = new Map<string, CollectionInfo>()
  private readonly statements = new Map<string, Database.Statement>()
  /** Set by the transaction manager; sees every id-level read and every write. */
  observer: StoreObserver | null = null

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true })
    this.db = new Database(path.join(dataDir, 'local.db'))
    // WAL + NORMAL: a commit reaches the OS before we reply, so a killed process
    // loses nothing acknowledged (only an OS crash could lose the last commits).
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    // Checkpoints (which fsync) every 1000 pages cost more than the inserts
    // themselves on a big table; let the WAL grow to ~80 MB between them.
    this.db.pragma('wal_autocheckpoint = 20000')
    this.db.pragma('busy_timeout = 5000')
    this.db.pragma('cache_size = -65536')
    this.db.pragma('mmap_size = 268435456')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS _tcb_collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS _tcb_indexes (collection TEXT, name TEXT, spec TEXT, PRIMARY KEY (collection, name));
      CREATE TABLE IF NOT EXISTS _tcb_nonscalar (collection TEXT, path TEXT, PRIMARY KEY (collection, path));
      CREATE TABLE IF NOT EXISTS _tcb_meta (key TEXT PRIMARY KEY, value TEXT);
      CREATE TABLE IF NOT EXISTS _tcb_files (path TEXT PRIMARY KEY, owner TEXT NOT NULL);
    `)
    this.loadCatalog()
  }

  private loadCatalog(): void {
    const names = this.db.prepare('SELECT name FROM _tcb_collections').pluck().all() as string[]
    for (const name of names) this.collections.set(name, this.emptyInfo(name))
    const indexes = this.db.prepare('SELECT collection, spec FROM _tcb_indexes').all() as { collection: string; spec: string }[]
    for (const row of indexes) {
      const info = this.collections.get(row.collection)
      if (info) this.addIndexInfo(info, JSON.parse(row.spec) as IndexSpec)
    }
    const flags = this.db.prepare('SELECT collection, path FROM _tcb_nonscalar').all() as { collection: string; path: string }[]
    for (const row of flags) this.collections.get(row.collection)?.nonScalar.add(row.path)
  }

  private emptyInfo(name: string): CollectionInfo {
    return { name, table: quote(`c_${name}`), indexes: [], indexedPaths: new Set(), nonScalar: new Set() }
  }

  private addIndexInfo(info: CollectionInfo, spec: IndexSpec): void {
    const paths = Object.keys(spec.keys)
    info.indexes.push({ name: spec.name, sqlName: `ix_${info.name}_${spec.name}`, paths, unique: spec.unique === true })
    for (const p of paths) info.indexedPaths.add(p)
  }

  /** Prepared statements are cached by SQL text: planning yields few distinct texts. */
  prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      // $in lists of every length make new texts; keep the cache bounded.
      if (this.statements.size >= 1000) this.statements.clear()
      stmt = this.db.prepare(sql)
      this.statements.set(sql, stmt)
    }
    return stmt
  }

  /** Who uploaded the file at cloudPath (storage.ts); undefined when the catalog has no row. */
  fileOwner(cloudPath: string): string | undefined {
    return this.prepare('SELECT owner FROM _tcb_files WHERE path = ?').pluck().get(cloudPath) as string | undefined
  }

  setFileOwner(cloudPath: string, owner: string): void {
    this.prepare('INSERT INTO _tcb_files (path, owner) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET owner = excluded.owner').run(cloudPath, owner)
  }

  dropFileOwner(cloudPath: string): void {
    this.prepare('DELETE FROM _tcb_files WHERE path = ?').run(cloudPath)
  }

  meta(key: string, create: () => string): string {
    const row = this.db.prepare('SELECT value FROM _tcb_meta WHERE key = ?').pluck().get(key) as string | undefined
    if (row !== undefined) return row
    const value = create()
    this.db.prepare('INSERT INTO _tcb_meta (key, value) VALUES (?, ?)').run(key, value)
    return value
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  collection(name: string): CollectionInfo {
    const info = this.collections.get(name)
    if (!info) throw collectionNotExist(name)
    return info
  }

  collectionNames(): string[] {
    return [...this.collections.keys()]
  }

  createCollection(name: string): void {
    if (!COLLECTION_NAME.test(name)) throw new TcbServerError(ErrorCode.INVALID_PARAM, `invalid collection name "${name}"`)
    if (this.collections.has(name)) {
      throw new TcbServerError(ErrorCode.COLLECTION_ALREADY_EXIST, `collection "${name}" already exists`)
    }
    const info = this.emptyInfo(name)
    this.db.transaction(() => {
      // No declared type on id: it keeps strings and numbers apart, as _id does.
      this.db.exec(`CREATE TABLE ${info.table} (rid INTEGER PRIMARY KEY, id NOT NULL UNIQUE, data TEXT NOT NULL)`)
      this.db.prepare('INSERT INTO _tcb_collections (name) VALUES (?)').run(name)
    })()
    this.collections.set(name, info)
  }

  /** Creates missing collections, and makes each listed collection's indexes exactly the declared ones. */
  ensureCollections(specs: CollectionSpec[]): void {
    for (const spec of specs) {
      if (!this.collections.has(spec.name)) this.createCollection(spec.name)
      const info = this.collection(spec.name)
      const stored = new Map(
        (this.db.prepare('SELECT name, spec FROM _tcb_indexes WHERE collection = ?').all(spec.name) as { name: string; spec: string }[]).map(
          (r) => [r.name, r.spec],
        ),
      )
      const declared = new Map(spec.indexes.map((ix) => [ix.name, JSON.stringify(ix)]))
      const changed = [...stored].some(([name, json]) => declared.get(name) !== json) || [...declared].some(([name]) => !stored.has(name))
      if (!changed) continue
      this.db.transaction(() => {
        for (const [name, json] of stored) {
          if (declared.get(name) === json) continue
          this.db.exec(`DROP INDEX IF EXISTS ${quote(`ix_${spec.name}_${name}`)}`)
          this.db.prepare('DELETE FROM _tcb_indexes WHERE collection = ? AND name = ?').run(spec.name, name)
        }
        for (const ix of spec.indexes) {
          if (stored.get(ix.name) === JSON.stringify(ix)) continue
          this.createIndex(info, ix)
        }
      })()
      info.indexes = []
      info.indexedPaths.clear()
      for (const ix of spec.indexes) this.addIndexInfo(info, ix)
    }
    this.statements.clear()
  }

  private createIndex(info: CollectionInfo, ix: IndexSpec): void {
    const paths = Object.keys(ix.keys)
    for (const p of paths) {
      if (!isSqlPath(p)) throw new TcbServerError(ErrorCode.INVALID_PARAM, `index ${ix.name}: field path "${p}" cannot be indexed`)
    }
    const columns = paths.map((p) => `${keyExpr(p)}${ix.keys[p] === -1 ? ' DESC' : ''}`).join(', ')
    try {
      this.db.exec(`CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quote(`ix_${info.name}_${ix.name}`)} ON ${info.table} (${columns})`)
    } catch (err) {
      throw new TcbServerError(ErrorCode.REQUEST_FAILED, `cannot create index ${info.name}.${ix.name}: ${(err as Error).message}`)
    }
    this.db.prepare('INSERT INTO _tcb_indexes (collection, name, spec) VALUES (?, ?, ?)').run(info.name, ix.name, JSON.stringify(ix))
    // Documents written before the index existed were never checked: ask SQLite
    // (same test as holdsNonScalar, in C) whether any holds a non-scalar there.
    for (const p of paths) {
      if (info.nonScalar.has(p)) continue
      const test = [`${keyExpr(p)} IN (x'03', x'04')`, ...prefixArrayChecks(p)].join(' OR ')
      if (this.db.prepare(`SELECT 1 FROM ${info.table} WHERE ${test} LIMIT 1`).get() !== undefined) this.flagNonScalar(info, p)
    }
  }

  private flagNonScalar(info: CollectionInfo, fieldPath: string): void {
    info.nonScalar.add(fieldPath)
    this.prepare('INSERT OR IGNORE INTO _tcb_nonscalar (collection, path) VALUES (?, ?)').run(info.name, fieldPath)
  }

  private checkNonScalar(info: CollectionInfo, doc: Doc): void {
    for (const p of info.indexedPaths) {
      if (!info.nonScalar.has(p) && holdsNonScalar(doc, p)) this.flagNonScalar(info, p)
    }
  }

  /** The stored text of a document (as a transaction sees it, inside one), or undefined. */
  getById(collection: string, id: DocId): string | undefined {
    const info = this.collection(collection)
    const seen = this.observer?.read(collection, id)
    return seen ? seen.text : this.peek(info, id)
  }

  private peek(info: CollectionInfo, id: DocId): string | undefined {
    return this.prepare(`SELECT data FROM ${info.table} WHERE id = ?`).pluck().get(id) as string | undefined
  }

  /** Applies one write; duplicates surface as MongoDB-style E11000 errors. */
  apply(w: PhysicalWrite): number {
    const info = this.collection(w.collection)
    this.observer?.beforeWrite(w, () => this.peek(info, w.id))
    let changes: number
    try {
      if (w.kind === 'delete') {
        changes = this.prepare(`DELETE FROM ${info.table} WHERE id = ?`).run(w.id).changes
      } else {
        this.checkNonScalar(info, w.doc)
        changes =
          w.kind === 'insert'
            ? this.prepare(`INSERT INTO ${info.table} (id, data) VALUES (?, ?)`).run(w.id, w.text).changes
            : this.prepare(`UPDATE ${info.table} SET data = ? WHERE id = ?`).run(w.text, w.id).changes
      }
    } catch (err) {
      throw this.translateConstraint(err, info, w)
    }
    if (changes > 0) this.observer?.write(w)
    return changes
  }

  private translateConstraint(err: unknown, info: CollectionInfo, w: PhysicalWrite): unknown {
    const code = (err as { code?: string }).code
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return err
    const message = (err as Error).message
    const index = info.indexes.find((ix) => message.includes(`'${ix.sqlName}'`))
    if (!index || w.kind === 'delete') return duplicateKeyError(info.name, '_id_', `{ _id: ${formatId(w.id)} }`)
    const key = index.paths.map((p) => `${p}: ${JSON.stringify(valueAt(w.doc, p) ?? null)}`).join(', ')
    return duplicateKeyError(info.name, index.name, `{ ${key} }`)
  }

  /** True when no collection holds a document. */
  isEmpty(): boolean {
    for (const info of this.collections.values()) {
      if (this.prepare(`SELECT 1 FROM ${info.table} LIMIT 1`).get() !== undefined) return false
    }
    return true
  }

  close(): void {
    this.statements.clear()
    if (this.db.open) this.db.close()
  }
}

export const valueAt = (doc: Doc, fieldPath: string): unknown => {
  let current: unknown = doc
  for (const part of fieldPath.split('.')) {
    if (!isPlainObject(current)) return undefined
    current = current[part]
  }
  return current
}
