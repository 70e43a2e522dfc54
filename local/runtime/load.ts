import { existsSync, readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import type { FunctionMain } from './invoke'

export interface TimerTrigger {
  name: string
  type: 'timer'
  config: string
}

export interface FunctionConfig {
  timeout?: number
  memorySize?: number
  triggers?: TimerTrigger[]
  permissions?: { openapi?: string[] }
  envVariables?: Record<string, string>
}

export interface LoadedFunction {
  name: string
  main: FunctionMain
  config: FunctionConfig
}

/** Loads the deployable function folders (index.js + config.json) that `build:functions` writes. */
export function loadBuiltFunctions(root: string): LoadedFunction[] {
  if (!existsSync(root)) return []
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'index.js')))
    .map((entry) => {
      const dir = join(root, entry.name)
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built folders are CommonJS, as CloudBase loads them
      const mod = require(join(dir, 'index.js')) as { main?: FunctionMain }
      if (typeof mod.main !== 'function') throw new Error(`${dir}/index.js does not export main`)
      const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as FunctionConfig
      return { name: entry.name, main: mod.main, config }
    })
}
