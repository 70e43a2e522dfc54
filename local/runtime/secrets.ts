import { randomBytes } from 'crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs'
import { join } from 'path'

/** Where the local TIP_SECRET is kept: a file beside the database, never in it. */
export const TIP_SECRET_FILE = 'tip-secret'

/** The secret the last local start read from its file. */
let fromFile: string | null = null

/**
 * The local stand-in for a function's environment variable TIP_SECRET
 * (cloudfunctions/_lib/tip-secret.ts): made once per data folder and kept in a
 * file of its own there, so anonymous tips keep their receipt codes across
 * restarts. A TIP_SECRET already in the environment wins.
 */
export function ensureTipSecret(dataDir: string): void {
  // Set by whoever started the process (not by an earlier local start): theirs.
  if (process.env.TIP_SECRET && process.env.TIP_SECRET !== fromFile) return
  const file = join(dataDir, TIP_SECRET_FILE)
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  }
  fromFile = readFileSync(file, 'utf8').trim()
  process.env.TIP_SECRET = fromFile
}
