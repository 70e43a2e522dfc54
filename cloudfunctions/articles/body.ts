import sanitizeHtml from 'sanitize-html'
import { blocksToHtml, bodyImages, bodyText, htmlToBlocks, type Block } from '../../domain/article-body'

// The server's allowlist for article bodies, with a maintained sanitiser
// (sanitize-html) rather than patterns of our own: headings, paragraphs,
// bold, lists and images, nothing else. No attribute survives but an image's
// src, and only as a cloud fileID (the article's own images are then checked
// by path, see manage.ts). Scripts, styles, frames and their text are dropped;
// other unknown tags give up their text only. The result is read into blocks
// and written out again by blocksToHtml, so what is stored has one canonical
// form whatever was sent.

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'img'],
  allowedAttributes: { img: ['src'] },
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['cloud'] },
  allowedSchemesAppliedToAttributes: ['src', 'href', 'cite', 'action', 'formaction', 'srcset', 'poster', 'background', 'xlink:href'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  // Tags whose content is not text for a reader: dropped whole.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'template', 'head', 'title', 'xmp', 'noembed', 'noframes', 'plaintext', 'select'],
  transformTags: { h1: 'h2', h4: 'h3', h5: 'h3', h6: 'h3', b: 'strong', i: 'em', div: 'p', section: 'p', blockquote: 'p' },
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^cloud:\/\/[^\s"'<>]+$/.test(frame.attribs.src ?? ''),
}

export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE)
}

export interface ArticleBody {
  /** Canonical, sanitised HTML: what is stored. */
  html: string
  blocks: Block[]
  text: string
  images: string[]
}

export function articleBody(html: string): ArticleBody {
  const blocks = htmlToBlocks(sanitizeBodyHtml(html))
  return { html: blocksToHtml(blocks), blocks, text: bodyText(blocks), images: bodyImages(blocks) }
}
