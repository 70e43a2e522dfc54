// An article's body: what the phone editor edits (blocks), what travels and is
// stored (HTML, sanitised on the server against an allowlist, see
// cloudfunctions/articles/body.ts), and what the reader renders (blocks again,
// drawn with RichText nodes). blocksToHtml writes only the allowlisted tags;
// htmlToBlocks reads HTML the sanitiser already passed. Neither is a security
// boundary: text always ends up as text, and images as files the server checked.

export interface Span {
  text: string
  bold?: boolean
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; spans: Span[] }
  | { type: 'list'; ordered: boolean; items: Span[][] }
  /** `src`: a cloud fileID while editing and in storage; a temporary URL (or null when unavailable) when reading. */
  | { type: 'image'; src: string | null }

export type BlockType = Block['type']

/** The tags the body may hold (the sanitiser's allowlist is built from this). */
export const BODY_TAGS = ['h2', 'h3', 'p', 'br', 'strong', 'b', 'em', 'ul', 'ol', 'li', 'img'] as const

export const BODY_LIMITS = {
  /** The HTML as sent: about 5 times the text, with room for tags. */
  htmlChars: 100_000,
  /** What a reader reads: a long article is about 3,000 characters. */
  textChars: 20_000,
  blocks: 300,
  images: 20,
} as const

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string)
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

function spansToHtml(spans: readonly Span[]): string {
  return spans
    .filter((span) => span.text.length > 0)
    .map((span) => {
      const text = escapeHtml(span.text).replace(/\r?\n/g, '<br />')
      return span.bold ? `<strong>${text}</strong>` : text
    })
    .join('')
}

/** The body's HTML: only BODY_TAGS, text escaped, empty blocks left out. */
export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'heading':
          return block.text.trim() ? `<h2>${escapeHtml(block.text.trim())}</h2>` : ''
        case 'paragraph': {
          const inner = spansToHtml(block.spans)
          return inner.trim() ? `<p>${inner}</p>` : ''
        }
        case 'list': {
          const items = block.items.map(spansToHtml).filter((item) => item.trim())
          const tag = block.ordered ? 'ol' : 'ul'
          return items.length ? `<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>` : ''
        }
        case 'image':
          return block.src ? `<img src="${escapeHtml(block.src)}" />` : ''
      }
    })
    .join('')
}

type Token = { kind: 'text'; text: string } | { kind: 'open' | 'close'; tag: string; attrs: string }

function tokenize(html: string): Token[] {
  const tokens: Token[] = []
  const pattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<!--[\s\S]*?-->/g
  let last = 0
  for (const match of html.matchAll(pattern)) {
    const at = match.index ?? 0
    if (at > last) tokens.push({ kind: 'text', text: decodeEntities(html.slice(last, at)) })
    last = at + match[0].length
    if (!match[2]) continue
    tokens.push({ kind: match[1] ? 'close' : 'open', tag: match[2].toLowerCase(), attrs: match[3] ?? '' })
  }
  if (last < html.length) tokens.push({ kind: 'text', text: decodeEntities(html.slice(last)) })
  return tokens
}

function attribute(attrs: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attrs)
  return match ? decodeEntities(match[1] ?? match[2] ?? match[3] ?? '') : null
}

function pushSpan(spans: Span[], text: string, bold: boolean): void {
  if (!text) return
  const previous = spans[spans.length - 1]
  if (previous && Boolean(previous.bold) === bold) previous.text += text
  else spans.push(bold ? { text, bold: true } : { text })
}

function trimSpans(spans: Span[]): Span[] {
  const out = spans.map((span) => ({ ...span, text: span.text.replace(/[ \t\r\n]+/g, (run) => (run.includes('\n') ? '\n' : ' ')) }))
  if (out.length) out[0].text = out[0].text.replace(/^\s+/, '')
  if (out.length) out[out.length - 1].text = out[out.length - 1].text.replace(/\s+$/, '')
  return out.filter((span) => span.text.length > 0)
}

/**
 * Blocks of sanitised HTML. Headings (h1–h6) keep their text; paragraphs and
 * list items keep bold; an image ends the paragraph it sits in; text outside
 * any block becomes a paragraph. Tags it does not know are read through.
 */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = []
  let spans: Span[] | null = null
  let heading: string | null = null
  let list: { ordered: boolean; items: Span[][] } | null = null
  let item: Span[] | null = null
  let bold = 0

  const closeParagraph = () => {
    if (spans) {
      const kept = trimSpans(spans)
      if (kept.length) blocks.push({ type: 'paragraph', spans: kept })
    }
    spans = null
  }
  const closeItem = () => {
    if (item && list) {
      const kept = trimSpans(item)
      if (kept.length) list.items.push(kept)
    }
    item = null
  }
  const closeList = () => {
    closeItem()
    if (list && list.items.length) blocks.push({ type: 'list', ordered: list.ordered, items: list.items })
    list = null
  }
  const closeHeading = () => {
    const text = (heading ?? '').replace(/\s+/g, ' ').trim()
    if (heading !== null && text) blocks.push({ type: 'heading', text })
    heading = null
  }

  for (const token of tokenize(html)) {
    if (token.kind === 'text') {
      if (heading !== null) heading += token.text
      else if (list) {
        if (!item && token.text.trim()) item = []
        if (item) pushSpan(item, token.text, bold > 0)
      } else {
        if (!spans && token.text.trim()) spans = []
        if (spans) pushSpan(spans, token.text, bold > 0)
      }
      continue
    }
    const { tag } = token
    if (token.kind === 'open') {
      if (/^h[1-6]$/.test(tag)) {
        closeParagraph()
        closeList()
        closeHeading()
        heading = ''
      } else if (tag === 'p' || tag === 'div' || tag === 'blockquote') {
        if (heading === null && !list) {
          closeParagraph()
          spans = []
        }
      } else if (tag === 'ul' || tag === 'ol') {
        closeParagraph()
        closeHeading()
        closeList()
        list = { ordered: tag === 'ol', items: [] }
      } else if (tag === 'li') {
        if (!list) {
          closeParagraph()
          list = { ordered: false, items: [] }
        }
        closeItem()
        item = []
      } else if (tag === 'strong' || tag === 'b') {
        bold += 1
      } else if (tag === 'br') {
        if (heading !== null) heading += ' '
        else if (item) pushSpan(item, '\n', bold > 0)
        else if (spans) pushSpan(spans, '\n', bold > 0)
      } else if (tag === 'img') {
        const src = attribute(token.attrs, 'src')
        if (!src) continue
        closeParagraph()
        closeHeading()
        closeList()
        blocks.push({ type: 'image', src })
      }
      continue
    }
    if (/^h[1-6]$/.test(tag)) closeHeading()
    else if (tag === 'p' || tag === 'div' || tag === 'blockquote') {
      if (!list) closeParagraph()
    } else if (tag === 'li') closeItem()
    else if (tag === 'ul' || tag === 'ol') closeList()
    else if (tag === 'strong' || tag === 'b') bold = Math.max(0, bold - 1)
  }
  closeHeading()
  closeList()
  closeParagraph()
  return blocks
}

/** A block's readable text (what the text limit counts, and what a summary is made of). */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'heading':
      return block.text
    case 'paragraph':
      return block.spans.map((span) => span.text).join('')
    case 'list':
      return block.items.map((spans) => spans.map((span) => span.text).join('')).join('\n')
    case 'image':
      return ''
  }
}

export function bodyText(blocks: readonly Block[]): string {
  return blocks.map(blockText).filter(Boolean).join('\n')
}

/** The images of a body, in order. */
export function bodyImages(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block) => (block.type === 'image' && block.src ? [block.src] : []))
}

/** The first sentences of the body, for a list card or a message when no summary was written. */
export function summaryOf(blocks: readonly Block[], max = 60): string {
  const text = blocks
    .filter((block) => block.type === 'paragraph' || block.type === 'list')
    .map(blockText)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
