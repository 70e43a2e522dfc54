// `npm start`: build what is missing, then serve the app, the functions and the
// local database on one port with demo data.
import { execSync } from 'child_process'
import { existsSync, readdirSync, statSync } from 'fs'
import { join } from 'path'
import { buildFunctions } from '../scripts/build-functions'
import { repoRoot, startLocal } from './app'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function h5IsStale(): boolean {
  const index = join(repoRoot, 'dist-h5', 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return ['src', 'domain', 'config'].some((dir) => newestMtime(join(repoRoot, dir)) > built)
}

async function main() {
  const port = Number(process.env.PORT ?? 10086)
  const host = process.env.HOST ?? '127.0.0.1'
  if (h5IsStale()) {
    console.log('正在构建 H5 版本（首次约需 30 秒）…')
    execSync('npx taro build --type h5', { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  }
  await buildFunctions()

  const app = await startLocal({ port, host, dataDir: process.env.DATA_DIR })
  console.log(app.seeded ? '已写入演示数据（贾嗣镇，12 个村社，5 个演示用户）' : '使用已有数据')
  console.log(`云函数：${app.functions.map((fn) => fn.name).join(', ')}`)
  if (host !== '127.0.0.1' && host !== 'localhost') {
    console.warn(`注意：正在监听 ${host}，本地登录只靠请求头识别身份，局域网内任何人都能冒充任何用户。`)
  }
  console.log(`\n全民反诈（本地）已启动：${app.url}\n选择演示用户：${app.url}/local/signin\n按 Ctrl+C 停止`)

  const shutdown = () => {
    app.stop().finally(() => process.exit(0))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
