// Worker-thread entry: registers tsx so the TypeScript server loads in the
// worker whatever started the main thread (tsx, jest, plain node).
require('tsx/cjs/api').register()
require('./worker.ts')
