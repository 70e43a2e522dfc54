import { execSync } from 'child_process'
import { existsSync, readdirSync, statSync } from 'fs'
import { join } from 'path'

const repoRoot = join(__dirname, '..')

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** The H5 build is older than anything it is built from. */
export function h5IsStale(): boolean {
  const index = join(repoRoot, 'dist-h5', 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return ['src', 'domain', 'config', 'babel.config.js', 'package.json'].some((item) => newestMtime(join(repoRoot, item)) > built)
}

/**
 * Builds what `npm start` and the browser tests serve: the H5 app when stale,
 * the functions always (fast). Both through the same npm scripts a developer
 * runs: local/ runs scripts/, it does not import them.
 */
export async function ensureBuilt(log: (line: string) => void = console.log): Promise<void> {
  if (h5IsStale()) {
    log('正在构建 H5 版本（首次约需 30 秒）…')
    execSync('npx taro build --type h5', { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  }
  execSync('npm run --silent build:functions', { cwd: repoRoot, stdio: 'inherit' })
}
