// Starts the local app (as `npm start` does, without rebuilding) in its own
// process for benchmarks, so the load generator's CPU is not charged to it.
// Prints one JSON line when ready: { url } of the gateway, and the local
// CloudBase's private serviceUrl with this start's key, for seeding bench data.
import { startLocal } from '../local/app'

startLocal({ port: 0, dataDir: process.argv[2], scheduler: false })
  .then((app) => {
    const database = { serviceUrl: process.env.TCB_SERVICE_URL, secretId: process.env.TCB_SECRET_ID, secretKey: process.env.TCB_SECRET_KEY }
    process.stdout.write(`${JSON.stringify({ url: app.url, database })}\n`)
    process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)))
  })
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
