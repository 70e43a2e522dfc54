// `npm run deploy:database`: creates every collection of database/collections.json
// that the environment lacks, then prints the indexes and the security rule to
// set for each, and the storage and function-invoke rules (CloudBase creates
// indexes and rules in the console or with its CLI).
import { readFileSync } from 'fs'
import { join } from 'path'
import { cloudTarget } from './cloud-target'

interface Declared {
  collections: Record<string, { indexes: { name: string; keys: Record<string, 1 | -1>; unique?: boolean }[] }>
}

/** A rules file as the console takes it: the JSON without our $comment. */
function withoutComment(file: string): string {
  const { $comment: _comment, ...rules } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  return JSON.stringify(rules, null, 2)
}

async function main() {
  const root = join(__dirname, '..')
  const declared = JSON.parse(readFileSync(join(root, 'database', 'collections.json'), 'utf8')) as Declared
  const rules = JSON.parse(readFileSync(join(root, 'database', 'security-rules.json'), 'utf8')) as Record<string, unknown>
  const db = cloudTarget().database()
  for (const [name, spec] of Object.entries(declared.collections)) {
    try {
      await db.createCollection(name)
      console.log(`created collection ${name}`)
    } catch (error) {
      const text = `${(error as { code?: string }).code ?? ''} ${(error as Error).message}`
      if (!/EXIST/i.test(text)) throw error
      console.log(`collection ${name} exists`)
    }
    for (const index of spec.indexes) {
      const keys = Object.entries(index.keys).map(([field, order]) => `${field} ${order === 1 ? '升序' : '降序'}`).join(', ')
      console.log(`  index ${index.name}: ${keys}${index.unique ? '（唯一）' : ''}`)
    }
  }
  const rule = JSON.stringify({ read: rules.read, write: rules.write })
  console.log(`\nsecurity rule for every collection (数据库 → 集合 → 数据权限 → 自定义安全规则): ${rule}`)
  console.log(`\nstorage rule (云存储 → 权限设置 → 自定义安全规则):\n${withoutComment(join(root, 'database', 'storage-rules.json'))}`)
  console.log(`\nfunction invoke rule (云函数 → 权限设置 → 自定义安全规则):\n${withoutComment(join(root, 'database', 'function-rules.json'))}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
