import declared from '../../database/collections.json'
import type { Database } from './cloud'

/** Only collections declared in database/collections.json can be named here. */
export type CollectionName = keyof typeof declared.collections

export function collection(db: Database, name: CollectionName) {
  return db.collection(name)
}
