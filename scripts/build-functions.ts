// Bundles each cloud function into a deployable folder under build/cloudfunctions
// (project.config.json's cloudfunctionRoot): index.js (CommonJS, with domain/ and
// _lib/ inlined), package.json (the npm packages CloudBase installs on upload)
// and config.json (timeout, triggers, permissions).
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs'
import { join, resolve } from 'path'

const root = resolve(__dirname, '..')
const sourceRoot = join(root, 'cloudfunctions')
export const functionsOutDir = join(root, 'build', 'cloudfunctions')

/** Installed by CloudBase from each function's package.json instead of being bundled. */
const RUNTIME_PACKAGES = ['@cloudbase/node-sdk', 'exceljs', 'wx-server-sdk']
/**
 * Needed only in CloudBase, so not installed here: wx-server-sdk carries
 * WeChat's cloud call (subscribe messages), which has no local counterpart
 * (cloudfunctions/_lib/cloud.ts sends to the local outbox instead).
 */
const CLOUD_ONLY_VERSIONS: Record<string, string> = { 'wx-server-sdk': '4.0.2' }

export function functionNames(): string[] {
  return readdirSync(sourceRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && existsSync(join(sourceRoot, entry.name, 'index.ts')))
    .map((entry) => entry.name)
}

export async function buildFunctions(): Promise<string[]> {
  const rootPackage = (await import(join(root, 'package.json'))) as { dependencies: Record<string, string> }
  const names = functionNames()
  rmSync(functionsOutDir, { recursive: true, force: true })
  await Promise.all(
    names.map(async (name) => {
      const outDir = join(functionsOutDir, name)
      mkdirSync(outDir, { recursive: true })
      const result = await build({
        entryPoints: [join(sourceRoot, name, 'index.ts')],
        outfile: join(outDir, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: RUNTIME_PACKAGES,
        metafile: true,
        logLevel: 'warning',
        legalComments: 'none',
      })
      const used = RUNTIME_PACKAGES.filter((pkg) =>
        Object.values(result.metafile.outputs).some((output) => output.imports.some((item) => item.path === pkg)),
      )
      const dependencies = Object.fromEntries(used.map((pkg) => [pkg, rootPackage.dependencies[pkg] ?? CLOUD_ONLY_VERSIONS[pkg]]))
      writeFileSync(
        join(outDir, 'package.json'),
        `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies }, null, 2)}\n`,
      )
      copyFileSync(join(sourceRoot, name, 'config.json'), join(outDir, 'config.json'))
    }),
  )
  return names
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const started = Date.now()
  buildFunctions()
    .then((names) => console.log(`built ${names.length} functions (${names.join(', ')}) into build/cloudfunctions in ${Date.now() - started} ms`))
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
}
