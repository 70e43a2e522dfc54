import { randomInt } from 'crypto'
import { ARTICLE_PAGE, articlePath, articleQuery, generateShareCode, type PosterData, type ShareGrant } from '../../domain/articles'
import { AppError } from '../../domain/errors'
import { isCadreOf, isTownWide, requireVillage } from '../_lib/access'
import { cloudApp, codeMaker, type Database } from '../_lib/cloud'
import { POSTER_CODES } from '../_lib/codes'
import { isDuplicateKeyError } from '../_lib/db-errors'
import type { Caller } from '../_lib/function'
import { countOnArticle, type ArticleDoc } from '../_lib/repos/articles'
import { countReach } from '../_lib/repos/reach'
import type { Credit } from '../_lib/repos/reads'
import { findPosterCode, findSharerCode, insertShare, setShareCodeImage, type ShareDoc } from '../_lib/repos/shares'
import { temporaryUrls } from '../_lib/storage'
import { collection } from '../_lib/collections'
import { isLive, readableArticle } from './read'
import { creditOf, signedInTown, townById } from './places'

// Share codes are issued here and only here: a link or a poster carries the
// code alone, and who and where it credits is what was stored with it.

async function newCode(db: Database, share: Omit<ShareDoc, '_id'>): Promise<ShareDoc> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const doc: ShareDoc = { _id: generateShareCode(randomInt), ...share }
    try {
      await insertShare(db, doc)
      return doc
    } catch (error) {
      // 31^10 codes: a collision is a freak; draw another.
      if (!isDuplicateKeyError(error)) throw error
    }
  }
  throw new AppError('INTERNAL')
}

async function liveArticle(db: Database, caller: Caller, articleId: string): Promise<ArticleDoc> {
  const article = await readableArticle(db, caller, articleId)
  if (!isLive(article)) throw new AppError('INVALID_INPUT', '文章发布以后才能分享', 'articleId')
  return article
}

/** The caller's code for the article, made on first use; its credit follows where they now say they live. */
async function sharerCode(db: Database, caller: Caller, article: ArticleDoc): Promise<{ share: ShareDoc; village: ShareGrant['village'] }> {
  const { user } = signedInTown(caller)
  const [{ credit, village }, existing] = await Promise.all([creditOf(db, user), findSharerCode(db, article._id, user._id)])
  if (existing) {
    if (existing.credit.key !== credit.key) {
      await collection(db, 'shares').doc(existing._id).update({ credit, villageId: credit.villageId })
      return { share: { ...existing, credit, villageId: credit.villageId }, village }
    }
    return { share: existing, village }
  }
  const share = await newCode(db, { townId: article.townId, articleId: article._id, kind: 'share', sharerId: user._id, villageId: credit.villageId, credit, codeFileID: null, createdAt: new Date() })
  return { share, village }
}

function grant(article: ArticleDoc, share: ShareDoc, village: ShareGrant['village']): ShareGrant {
  return { code: share._id, path: articlePath(article._id, share._id), query: articleQuery(article._id, share._id), title: article.title, village }
}

/** The code a page puts in its share links before the user taps share; counts nothing. */
export async function shareCode(db: Database, caller: Caller, articleId: string): Promise<ShareGrant> {
  const article = await liveArticle(db, caller, articleId)
  const { share, village } = await sharerCode(db, caller, article)
  return grant(article, share, village)
}

/** A share (to a chat, to Moments, a copied link): counted for the sharer's village and unit. */
export async function shareArticle(db: Database, caller: Caller, articleId: string): Promise<ShareGrant> {
  const article = await liveArticle(db, caller, articleId)
  const { share, village } = await sharerCode(db, caller, article)
  await Promise.all([countOnArticle(db, article._id, { shares: 1 }), countReach(db, article.townId, article._id, share.credit, { shares: 1 })])
  return grant(article, share, village)
}

/**
 * A poster for a village: its code (one per article and village, made
 * once) opens the article with the village's poster code, so reads from the
 * posters on its doors count for the village. Cadres print their own
 * village's; office any village of the town.
 */
export async function posterFor(db: Database, caller: Caller, articleId: string, villageId: string): Promise<PosterData> {
  const { user, townId } = signedInTown(caller)
  const village = await requireVillage(db, villageId)
  if (village.townId !== townId || !(isCadreOf(caller, village._id) || (caller.roles.includes('office') && isTownWide(caller, townId)))) {
    throw new AppError('FORBIDDEN', '村社干部只能打印本村（社区）的海报；其他村（社区）的海报请联系镇反诈办', 'villageId')
  }
  const article = await liveArticle(db, caller, articleId)
  const credit: Credit = { key: `v:${village._id}`, villageId: village._id, unitId: village.unitId }
  const share =
    (await findPosterCode(db, article._id, village._id)) ??
    (await newCode(db, { townId, articleId: article._id, kind: 'poster', sharerId: user._id, villageId: village._id, credit, codeFileID: null, createdAt: new Date() }))
  const maker = codeMaker(POSTER_CODES)
  const link = maker.linkFor(share._id, ARTICLE_PAGE)
  let fileID = share.codeFileID
  if (!fileID || (share.codeLink ?? null) !== link) {
    const png = await maker.make(share._id, ARTICLE_PAGE)
    fileID = (await cloudApp().uploadFile({ cloudPath: `posters/${share._id}.png`, fileContent: png })).fileID
    await setShareCodeImage(db, share._id, fileID, link)
  }
  const [urls, town] = await Promise.all([temporaryUrls([fileID]), townById(db, townId)])
  const codeImage = urls.get(fileID)
  if (!codeImage) throw new AppError('INTERNAL', '海报的二维码没有生成成功，请稍后重试')
  return {
    code: share._id,
    codeImage,
    codeKind: maker.kind,
    link,
    article: { id: article._id, title: article.title, keyPoints: article.keyPoints },
    village: { id: village._id, name: village.name },
    town: { name: town?.name ?? '', hotlines: town?.hotlines ?? [] },
  }
}
