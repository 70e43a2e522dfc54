// Starts the local app (as `npm start` does, without rebuilding) in its own
// process for benchmarks, so the load generator's CPU is not charged to it.
// Prints one JSON line { url } when ready.
import { startLocal } from '../local/app'

startLocal({ port: 0, dataDir: process.argv[2], scheduler: false })
  .then((app) => {
    process.stdout.write(`${JSON.stringify({ url: app.url })}\n`)
    process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)))
  })
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
