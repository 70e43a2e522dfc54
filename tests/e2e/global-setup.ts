import { existsSync } from 'fs'
import { ensureBuilt } from '../../local/build'

export default async function globalSetup(): Promise<void> {
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('Chromium is missing: install Debian\'s package first (apt-get install -y chromium); never download a browser.')
  }
  await ensureBuilt((line) => process.stdout.write(`${line}\n`))
}
