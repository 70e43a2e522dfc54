// `npm run deploy:check`: what CloudBase would refuse or run wrongly, found
// before uploading. Checks every built function folder and the database files.
import { existsSync, readdirSync, readFileSync } from 'fs'
import { builtinModules } from 'module'
import { join, resolve } from 'path'
import { allows, loadFunctionRules, loadStorageRules, type FunctionRules } from '../local/rules'
import { CronError, parseCron } from '../local/runtime/cron'
import type { FunctionConfig } from '../local/runtime/load'

const root = resolve(__dirname, '..')
const functionsDir = join(root, 'build', 'cloudfunctions')
const problems: string[] = []
const problem = (text: string) => problems.push(text)

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch (error) {
    problem(`${file}: not valid JSON (${(error as Error).message})`)
    return null
  }
}

const declared = readJson<{ collections: Record<string, { indexes: { name: string; keys: Record<string, number> }[] }> }>(
  join(root, 'database', 'collections.json'),
)
const declaredNames = new Set(Object.keys(declared?.collections ?? {}))
for (const [name, spec] of Object.entries(declared?.collections ?? {})) {
  for (const index of spec.indexes) {
    const keys = Object.entries(index.keys)
    if (keys.length === 0 || keys.some(([, order]) => order !== 1 && order !== -1)) {
      problem(`database/collections.json: index ${name}.${index.name} needs keys with order 1 or -1`)
    }
  }
}
const rules = readJson<{ read?: unknown; write?: unknown }>(join(root, 'database', 'security-rules.json'))
if (rules && (rules.read !== false || rules.write !== false)) {
  problem('database/security-rules.json: the app goes through functions only; read and write must be false')
}

// The storage and function-invoke rules, parsed by the same evaluator the local stack enforces them with.
try {
  const storage = loadStorageRules(join(root, 'database', 'storage-rules.json'))
  if (storage.read.source !== false) problem('database/storage-rules.json: clients read no file directly (functions hand out temporary links); read must be false')
} catch (error) {
  problem(`database/storage-rules.json: ${(error as Error).message}`)
}
let functionRules: FunctionRules | null = null
try {
  functionRules = loadFunctionRules(join(root, 'database', 'function-rules.json'))
} catch (error) {
  problem(`database/function-rules.json: ${(error as Error).message}`)
}

const project = readJson<{ cloudfunctionRoot?: string; miniprogramRoot?: string }>(join(root, 'project.config.json'))
if (project && resolve(root, project.cloudfunctionRoot ?? '') !== functionsDir) {
  problem(`project.config.json: cloudfunctionRoot must be build/cloudfunctions/ (is ${project.cloudfunctionRoot})`)
}

const folders = existsSync(functionsDir)
  ? readdirSync(functionsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
  : []
if (folders.length === 0) problem('build/cloudfunctions is empty: run `npm run build:functions` first')

const touched = new Map<string, string>()
for (const name of folders) {
  const dir = join(functionsDir, name)
  for (const file of ['index.js', 'package.json', 'config.json']) {
    if (!existsSync(join(dir, file))) problem(`${name}: missing ${file}`)
  }
  if (!existsSync(join(dir, 'index.js')) || !existsSync(join(dir, 'config.json'))) continue
  const code = readFileSync(join(dir, 'index.js'), 'utf8')
  const config = readJson<FunctionConfig>(join(dir, 'config.json'))
  const pkg = readJson<{ dependencies?: Record<string, string> }>(join(dir, 'package.json'))

  if (!/exports\.main\s*=|main:\s*\(\)\s*=>/.test(code)) problem(`${name}: index.js does not export main`)
  for (const required of code.matchAll(/require\("([^".][^"]*)"\)/g)) {
    const pkgName = required[1].startsWith('@') ? required[1].split('/').slice(0, 2).join('/') : required[1].split('/')[0]
    const builtin = builtinModules.includes(pkgName.replace(/^node:/, ''))
    if (!builtin && !pkg?.dependencies?.[pkgName]) problem(`${name}: requires ${pkgName} but its package.json does not list it`)
  }

  const timers = (config?.triggers ?? []).filter((trigger) => trigger.type === 'timer')
  if (timers.length > 1) problem(`${name}: CloudBase allows one trigger per function (has ${timers.length})`)
  // A function takes an event without a WeChat identity as its timer: no client may reach it without one.
  if (timers.length > 0 && functionRules && allows(functionRules.invoke(name), { auth: null })) {
    problem(`${name}: has a timer trigger, so database/function-rules.json must not let callers without a WeChat identity invoke it (use "invoke": false)`)
  }
  for (const trigger of config?.triggers ?? []) {
    if (trigger.type !== 'timer') problem(`${name}: trigger ${trigger.name} has unknown type ${trigger.type}`)
    try {
      parseCron(trigger.config)
    } catch (error) {
      if (error instanceof CronError) problem(`${name}: trigger ${trigger.name}: ${error.message}`)
      else throw error
    }
  }
  if (code.includes('subscribeMessage.send') && !config?.permissions?.openapi?.includes('subscribeMessage.send')) {
    problem(`${name}: sends subscribe messages but config.json lacks permissions.openapi ["subscribeMessage.send"]`)
  }
  if (config?.timeout !== undefined && (config.timeout < 1 || config.timeout > 900)) problem(`${name}: timeout must be 1-900 s`)

  // collection(db, "x") from _lib, and transaction.collection("x") inside transactions.
  for (const match of code.matchAll(/collection\((?:[A-Za-z_$][\w$]*,\s*)?"([A-Za-z_][\w]*)"\)/g)) {
    touched.set(match[1], name)
  }
}
for (const name of functionRules?.named() ?? []) {
  if (!folders.includes(name)) problem(`database/function-rules.json: names ${name}, which is not a function`)
}
for (const [collectionName, fn] of touched) {
  if (!declaredNames.has(collectionName)) problem(`${fn}: uses collection ${collectionName}, not declared in database/collections.json`)
}

if (problems.length) {
  console.error(`deploy:check found ${problems.length} problem(s):\n- ${problems.join('\n- ')}`)
  process.exit(1)
}
console.log(
  `deploy:check ok: ${folders.length} functions (${folders.join(', ')}); ${touched.size} collections used, all declared; ${declaredNames.size} declared`,
)
