import type { Database } from '../cloud'
import { collection } from '../collections'
import type { Credit } from './reads'

/**
 * A share code: issued by the server for one sharer (kind share) or one
 * village's poster (kind poster) and one article. The code is the id; who
 * and where it credits is stored here, so a link cannot be made to credit
 * anyone else.
 */
export interface ShareDoc {
  _id: string
  townId: string
  articleId: string
  kind: 'share' | 'poster'
  /** The user who shared, or who printed the poster. */
  sharerId: string
  villageId: string | null
  credit: Credit
  /** The poster's code image in storage (a mini-program code, or locally a QR code). */
  codeFileID: string | null
  /** What the code image holds when it is a link (locally): made again if the app moved. */
  codeLink?: string | null
  createdAt: Date
}

export async function findShare(db: Database, code: string): Promise<ShareDoc | null> {
  const { data } = await collection(db, 'shares').doc(code).get()
  return (data?.[0] as ShareDoc | undefined) ?? null
}

export async function findSharerCode(db: Database, articleId: string, sharerId: string): Promise<ShareDoc | null> {
  const { data } = await collection(db, 'shares').where({ articleId, sharerId, kind: 'share' }).limit(1).get()
  return (data[0] as ShareDoc | undefined) ?? null
}

export async function findPosterCode(db: Database, articleId: string, villageId: string): Promise<ShareDoc | null> {
  const { data } = await collection(db, 'shares').where({ articleId, villageId, kind: 'poster' }).limit(1).get()
  return (data[0] as ShareDoc | undefined) ?? null
}

export async function insertShare(db: Database, share: ShareDoc): Promise<void> {
  await collection(db, 'shares').add(share)
}

export async function setShareCodeImage(db: Database, code: string, fileID: string, link: string | null): Promise<void> {
  await collection(db, 'shares').doc(code).update({ codeFileID: fileID, codeLink: link })
}
