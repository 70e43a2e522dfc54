import fs from 'fs'
import path from 'path'
import type { CloudFunctionMain } from '../../cloudfunctions/_lib/function'

const FUNCTIONS_DIR = path.join(__dirname, '..', '..', 'cloudfunctions')

/** Every cloud function with its action table, found at run time: a new function is covered without editing a test. */
export function loadFunctions(): { name: string; main: CloudFunctionMain }[] {
  return fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && fs.existsSync(path.join(FUNCTIONS_DIR, entry.name, 'index.ts')))
    .map((entry) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the function folders are only known at run time
      const mod = require(path.join(FUNCTIONS_DIR, entry.name, 'index.ts')) as { main?: CloudFunctionMain }
      if (typeof mod.main !== 'function' || !mod.main.actions) throw new Error(`cloudfunctions/${entry.name}/index.ts does not export a main with its action table`)
      return { name: entry.name, main: mod.main }
    })
}
