import type { CreateVisitInput } from '../../domain/visits'
import { uploadVisitFile } from './files'
import type { Harness } from './functions'

// A tiny PNG is enough: the function checks the file exists, not what it shows.
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** The signature image of the visit `requestId` that `openid` is about to log, uploaded where the app puts it. */
export function uploadSignature(h: Harness, openid: string, villageId: string, requestId: string, png: Buffer = PNG_BYTES): Promise<string> {
  return uploadVisitFile(h, 'signature', { openid, villageId, requestId }, png)
}

export function visitInput(overrides: Partial<CreateVisitInput> & { villageId: string }): CreateVisitInput {
  return {
    unitName: '新华村村委会',
    visitedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    items: ['propaganda'],
    otherContent: '',
    residentName: '王大爷',
    phone: '13812341234',
    phoneDeclinedReason: '',
    coworkers: [],
    signature: { kind: 'refused', reason: '老人不识字' },
    ...overrides,
  }
}
