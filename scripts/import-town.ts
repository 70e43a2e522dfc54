// `npm run town:import -- <file.json>`: writes a town's data (the town with its
// hotlines, units, villages with 实有户数, campaigns with milestones) to a
// CloudBase environment. Nothing about a town lives in code; see
// database/examples/town.example.json for the shape. Re-running replaces the
// same documents (ids are in the file).
import { readFileSync } from 'fs'
import * as v from 'valibot'
import { isDayString } from '../domain/dates'
import { parseInput } from '../domain/validate'
import { cloudTarget } from './cloud-target'

const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'id 只能用字母、数字、- 和 _'))
const day = v.pipe(v.string(), v.check(isDayString, '日期格式应为 YYYY-MM-DD'))
const townFile = v.object({
  town: v.object({
    _id: id,
    name: v.string(),
    region: v.string(),
    hotlines: v.array(v.object({ label: v.string(), number: v.pipe(v.string(), v.regex(/^[0-9-]{3,20}$/, '电话号码只含数字和 -')) })),
  }),
  units: v.array(v.object({ _id: id, name: v.string(), order: v.number(), headName: v.string() })),
  villages: v.array(
    v.object({
      _id: id,
      name: v.string(),
      kind: v.picklist(['village', 'community']),
      order: v.number(),
      registeredHouseholds: v.pipe(v.number(), v.integer(), v.minValue(0)),
      policeOfficer: v.nullable(v.object({ name: v.string(), phone: v.string() })),
      unitId: v.nullable(id),
    }),
  ),
  campaigns: v.array(
    v.object({
      _id: id,
      name: v.string(),
      startDay: day,
      milestones: v.array(v.object({ day, targetPercent: v.pipe(v.number(), v.minValue(0), v.maxValue(100)) })),
    }),
  ),
})

async function main() {
  const file = process.argv[2]
  if (!file) {
    console.error('用法：npm run town:import -- <town.json>')
    process.exit(2)
  }
  const parsed = parseInput(townFile, JSON.parse(readFileSync(file, 'utf8')))
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
