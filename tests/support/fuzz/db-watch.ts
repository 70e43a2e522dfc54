// Did a call change anything? Every row of every collection (tables c_<name>)
// read from the harness's SQLite file with a second, read-only connection, and
// the files under <dataDir>/storage. `PRAGMA data_version` moves whenever
// another connection commits, so the rows are re-read only after a commit.
import Database from 'better-sqlite3'
import fs from 'fs'
import path from 'path'

/** collection -> document id -> stored text. */
export type Rows = Map<string, Map<string, string>>

export interface DatabaseChange {
  collection: string
  id: string
  change: 'added' | 'removed' | 'changed'
  /** Top-level fields that differ (for `changed`). */
  fields: string[]
  /** The stored document before and after (absent when it did not exist). */
  before?: string
  after?: string
}

export class DatabaseWatch {
  private readonly db: Database.Database
  private readonly storageRoot: string
  private version = -1
  private rows: Rows = new Map()
  private files = new Set<string>()

  constructor(dataDir: string) {
    this.db = new Database(path.join(dataDir, 'local.db'), { readonly: true, fileMustExist: true })
    this.storageRoot = path.join(dataDir, 'storage')
  }

  /** Takes the state to compare a call against (re-read only if something was committed since). */
  mark(): void {
    const version = this.dataVersion()
    if (version !== this.version) {
      this.rows = this.readRows()
      this.version = version
    }
    this.files = this.listFiles()
  }

  /** What changed since mark(); the new state becomes the mark. */
  changes(): { rows: DatabaseChange[]; newFiles: string[] } {
    const files = this.listFiles()
    const newFiles = [...files].filter((file) => !this.files.has(file))
    this.files = files
    const version = this.dataVersion()
    if (version === this.version) return { rows: [], newFiles }
    const rows = this.readRows()
    const changed = diffRows(this.rows, rows)
    this.rows = rows
    this.version = version
    return { rows: changed, newFiles }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number
  }

  private readRows(): Rows {
    return this.db.transaction(() => {
      const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[]
      const rows: Rows = new Map()
      for (const table of tables) {
        const docs = new Map<string, string>()
        for (const row of this.db.prepare(`SELECT id, data FROM "${table.replace(/"/g, '""')}"`).all() as { id: string | number; data: string }[]) {
          docs.set(`${typeof row.id}:${row.id}`, row.data)
        }
        rows.set(table.slice(2), docs)
      }
      return rows
    })()
  }

  private listFiles(): Set<string> {
    const files = new Set<string>()
    const walk = (dir: string): void => {
      let entries: fs.Dirent[]
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true })
      } catch {
        return
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else files.add(path.relative(this.storageRoot, full))
      }
    }
    walk(this.storageRoot)
    return files
  }
}

export function diffRows(before: Rows, after: Rows): DatabaseChange[] {
  const changes: DatabaseChange[] = []
  for (const collection of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(collection) ?? new Map<string, string>()
    const b = after.get(collection) ?? new Map<string, string>()
    const bare = (key: string) => key.slice(key.indexOf(':') + 1)
    for (const [id, text] of b) {
      const was = a.get(id)
      if (was === undefined) changes.push({ collection, id: bare(id), change: 'added', fields: [], after: text })
      else if (was !== text) changes.push({ collection, id: bare(id), change: 'changed', fields: changedFields(was, text), before: was, after: text })
    }
    for (const [id, was] of a) if (!b.has(id)) changes.push({ collection, id: bare(id), change: 'removed', fields: [], before: was })
  }
  return changes
}

function changedFields(before: string, after: string): string[] {
  const a = JSON.parse(before) as Record<string, unknown>
  const b = JSON.parse(after) as Record<string, unknown>
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort()
}
