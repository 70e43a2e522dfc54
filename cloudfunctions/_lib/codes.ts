import QRCode from 'qrcode'

// Codes a poster carries, that open an article with its share code. In
// production a mini-program code (WeChat's cloud call wxacode.getUnlimited:
// permission in the function's config.json; `scene` at most 32 characters,
// handed to the page as its `scene` query); locally, where there is no
// WeChat, a QR code of the H5 build's link to the same page. Which one runs
// is cloud.ts's choice: `codeMaker(POSTER_CODES)`.

export interface CodeMaker {
  kind: 'wxacode' | 'qrcode'
  /** The link a code holds (a QR code's); null for a mini-program code. */
  linkFor(scene: string, page: string): string | null
  /** The code's PNG. */
  make(scene: string, page: string): Promise<Buffer>
}

/** The part of wx-server-sdk's cloud.openapi used here. */
export interface WxacodeApi {
  wxacode: {
    getUnlimited(request: { scene: string; page: string; checkPath?: boolean; envVersion?: string; width?: number }): Promise<{ buffer?: Buffer | Uint8Array; errCode?: number; errMsg?: string }>
  }
}

export const MAX_SCENE_LENGTH = 32

export function wxacodeMaker(openapi: () => unknown): CodeMaker {
  return {
    kind: 'wxacode',
    linkFor: () => null,
    async make(scene, page) {
      if (scene.length > MAX_SCENE_LENGTH) throw new Error(`scene ${scene} is longer than ${MAX_SCENE_LENGTH} characters`)
      const reply = await (openapi() as WxacodeApi).wxacode.getUnlimited({ scene, page, checkPath: false, envVersion: 'release', width: 430 })
      if (!reply.buffer || (reply.errCode !== undefined && reply.errCode !== 0)) throw new Error(`wxacode.getUnlimited failed: ${reply.errCode} ${reply.errMsg ?? ''}`)
      return Buffer.from(reply.buffer)
    },
  }
}

/** `appUrl`: where the H5 build is served. */
export function qrCodeMaker(appUrl: string): CodeMaker {
  const linkFor = (scene: string, page: string) => `${appUrl.replace(/\/+$/, '')}/#/${page}?scene=${encodeURIComponent(scene)}`
  return {
    kind: 'qrcode',
    linkFor,
    make: (scene, page) => QRCode.toBuffer(linkFor(scene, page), { errorCorrectionLevel: 'M', margin: 2, scale: 10, type: 'png' }),
  }
}

/** Both makers, for cloud.ts's codeMaker to pick from. */
export const POSTER_CODES = { local: qrCodeMaker, wechat: wxacodeMaker }
