import type { Block, Span } from '../../../domain/article-body'

// An article's text blocks as RichText nodes, sized for the reader. Styles
// go inline in CSS px (rich-text takes no page stylesheet on weapp), scaled
// from one body size. weapp's rich-text decodes entities in text nodes and
// H5's shows them as written, so text is escaped for weapp only.

export interface RichNode {
  name?: string
  attrs?: Record<string, string>
  children?: RichNode[]
  type?: 'text'
  text?: string
}

export type TextBlock = Exclude<Block, { type: 'image' }>

function text(value: string, platform: string): RichNode {
  return { type: 'text', text: platform === 'weapp' ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : value }
}

function inline(spans: readonly Span[], platform: string): RichNode[] {
  const nodes: RichNode[] = []
  for (const span of spans) {
    const parts = span.text.split('\n')
    parts.forEach((part, index) => {
      if (index > 0) nodes.push({ name: 'br' })
      if (!part) return
      nodes.push(span.bold ? { name: 'strong', attrs: { style: 'font-weight:700;color:#1a1a1a' }, children: [text(part, platform)] } : text(part, platform))
    })
  }
  return nodes
}

const px = (value: number) => `${Math.round(value * 10) / 10}px`

/** `size`: the body text in CSS px. */
export function blockNodes(block: TextBlock, size: number, platform: string = process.env.TARO_ENV ?? 'h5'): RichNode[] {
  switch (block.type) {
    case 'heading':
      return [{ name: 'h2', attrs: { style: `font-size:${px(size * 1.2)};font-weight:700;line-height:1.5;margin:${px(size * 0.6)} 0 ${px(size * 0.4)};color:#1a1a1a` }, children: [text(block.text, platform)] }]
    case 'paragraph':
      return [{ name: 'p', attrs: { style: `font-size:${px(size)};line-height:1.8;margin:0 0 ${px(size * 0.7)};color:#1a1a1a` }, children: inline(block.spans, platform) }]
    case 'list':
      return [
        {
          name: block.ordered ? 'ol' : 'ul',
          attrs: { style: `font-size:${px(size)};line-height:1.8;margin:0 0 ${px(size * 0.7)};padding-left:${px(size * 1.5)};color:#1a1a1a` },
          children: block.items.map((item) => ({ name: 'li', attrs: { style: `margin-bottom:${px(size * 0.3)}` }, children: inline(item, platform) })),
        },
      ]
  }
}
