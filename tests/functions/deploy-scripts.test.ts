import { execFile } from 'child_process'
import { join } from 'path'
import { promisify } from 'util'
import { startLocalTcb } from '../support/local-tcb'

const run = promisify(execFile)
const root = join(__dirname, '..', '..')

async function script(name: string, args: string[], serviceUrl: string) {
  return run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', name), ...args], {
    cwd: root,
    env: { ...process.env, TCB_SERVICE_URL: serviceUrl },
  })
}

describe('deployment scripts, against the local CloudBase', () => {
  it('create the declared collections and import a town from its data file', async () => {
    const local = await startLocalTcb({ collections: [] })
    try {
      const created = await script('deploy-database.ts', [], local.serviceUrl)
      expect(created.stdout).toContain('created collection visits')
      expect(created.stdout).toContain('index villageId_1_createdAt_-1: villageId 升序, createdAt 降序')
      expect(created.stdout).toContain('"maintenance": {\n    "invoke": false')
      expect(created.stdout).toMatch(/storage rule[^\n]*\n\{\n  "read": false/)
      expect((await script('deploy-database.ts', [], local.serviceUrl)).stdout).toContain('collection visits exists')

      const imported = await script('import-town.ts', ['database/examples/town.example.json'], local.serviceUrl)
      expect(imported.stdout).toContain('导入完成：贾嗣镇（12 个村社')
      const { data } = await local.app.database().collection('villages').doc('v-xinhua').get()
      expect(data[0]).toMatchObject({ name: '新华村', registeredHouseholds: 1180, townId: 'town-jiasi' })
    } finally {
      await local.stop()
    }
  }, 60_000)
})
