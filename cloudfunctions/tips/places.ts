import { cached } from '../_lib/cache'
import type { Database } from '../_lib/cloud'
import { listVillages, type VillageDoc } from '../_lib/repos/places'

export function townVillages(db: Database, townId: string): Promise<VillageDoc[]> {
  return cached(`tips:villages:${townId}`, () => listVillages(db, townId))
}

export async function villageNames(db: Database, townId: string): Promise<Map<string, string>> {
  return new Map((await townVillages(db, townId)).map((village) => [village._id, village.name]))
}
