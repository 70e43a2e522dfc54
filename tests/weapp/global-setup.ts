import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

// The weapp tests exercise the compiled mini-program in dist/. Build it when it
// is missing or older than anything it is built from, so `npm test` works on a
// fresh clone and after any source change.
const root = path.resolve(__dirname, '..', '..')
const SOURCES = ['src', 'domain', 'config', 'babel.config.js', 'project.config.json', 'package.json']
const OUTPUT = path.join(root, 'dist', 'app.js')

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

export default function buildWeappIfStale(): void {
  const builtAt = fs.existsSync(OUTPUT) ? fs.statSync(OUTPUT).mtimeMs : 0
  const changedAt = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))))
  if (builtAt > changedAt) return
  process.stdout.write('\n[weapp] dist/ is missing or stale: running `taro build --type weapp`...\n')
  const started = Date.now()
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (!fs.existsSync(OUTPUT)) throw new Error('taro build --type weapp did not produce dist/app.js')
  process.stdout.write(`[weapp] built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}
