// `npm start`: build what is missing, then serve the app, the functions and the
// local database on one port with demo data.
import { startLocal } from './app'
import { ensureBuilt } from './build'
import { DEMO_TOWN, DEMO_USERS, DEMO_VILLAGES } from './seed/demo-town'
import { DISTRICT_DEMO_USERS, SECOND_TOWN, SECOND_TOWN_VILLAGES } from './seed/district'

async function main() {
  const port = Number(process.env.PORT ?? 10086)
  const host = process.env.HOST ?? '127.0.0.1'
  await ensureBuilt()

  const app = await startLocal({ port, host, dataDir: process.env.DATA_DIR })
  const demo = `${DEMO_TOWN.name}（${DEMO_VILLAGES.length} 个村社）和${SECOND_TOWN.name}（${SECOND_TOWN_VILLAGES.length} 个村社），${DEMO_USERS.length + DISTRICT_DEMO_USERS.length} 个演示用户`
  console.log(app.seeded ? `已写入演示数据：${demo}` : '使用已有数据')
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
