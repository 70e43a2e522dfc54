// `npm run town:import -- <file.json>`: writes a town's data (the town with its
// hotlines, units, villages with 实有户数, campaigns with milestones) to a
// CloudBase environment. Nothing about a town lives in code; see
// database/examples/town.example.json for the shape; domain/town.ts checks it
// with the schemas the app's town setup uses. Re-running replaces the same
// documents (ids are in the file).
import { readFileSync } from 'fs'
import { townFileSchema } from '../domain/town'
import { parseInput } from '../domain/validate'
import { cloudTarget } from './cloud-target'

async function main() {
  const file = process.argv[2]
  if (!file) {
    console.error('用法：npm run town:import -- <town.json>')
    process.exit(2)
  }
  const parsed = parseInput(townFileSchema, JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.ok) {
    console.error(`${file}: ${parsed.error.field ?? ''} ${parsed.error.message}`)
    process.exit(1)
  }
  const { town, units, villages, campaigns } = parsed.value
  const db = cloudTarget().database()
  const put = async (collection: string, docs: { _id: string }[]) => {
    for (const { _id, ...doc } of docs) await db.collection(collection).doc(_id).set({ ...doc, townId: town._id })
    console.log(`${collection}: ${docs.length}`)
  }
  const { _id: townId, ...townDoc } = town
  await db.collection('towns').doc(townId).set(townDoc)
  await put('units', units)
  await put('villages', villages)
  await put('campaigns', campaigns)
  console.log(`导入完成：${town.name}（${villages.length} 个村社，实有户数共 ${villages.reduce((sum, item) => sum + item.registeredHouseholds, 0)} 户）`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
