// CloudBase ids are 32 lowercase hex characters. Ours start with the time, so
// new rows land at the end of the id index instead of at random places in it.
import { randomBytes } from 'crypto'

const processPart = randomBytes(6).toString('hex')
let counter = randomBytes(3).readUIntBE(0, 3)

export const newDocId = (): string => {
  counter = (counter + 1) % 0x1000000000000
  const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0')
  return `${seconds}${processPart}${counter.toString(16).padStart(12, '0')}`
}

export const newToken = (): string => randomBytes(16).toString('hex')
