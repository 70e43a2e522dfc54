import type { Block, Span } from '../../../../domain/article-body'

// The phone editor's own blocks: plain text a thumb can edit. Bold is marked
// in the text with two asterisks on each side (**不要转账**), which the
// 加粗 button inserts; the preview shows what readers will see.

export type EditorBlock =
  | { key: string; kind: 'heading'; text: string }
  | { key: string; kind: 'paragraph'; text: string }
  | { key: string; kind: 'list'; ordered: boolean; items: string[] }
  /** `fileID` as stored; `preview` a picture the phone can show now (a local file or a temporary link). */
  | { key: string; kind: 'image'; fileID: string; preview: string | null }

let serial = 0
export const blockKey = () => `b${Date.now().toString(36)}${(serial += 1).toString(36)}`

/** `**bold**` markers into spans; an unmatched ** stays as typed. */
export function markersToSpans(text: string): Span[] {
  const spans: Span[] = []
  const parts = text.split('**')
  const closed = parts.length % 2 === 1
  parts.forEach((part, index) => {
    const bold = index % 2 === 1 && (closed || index < parts.length - 1)
    const value = index % 2 === 1 && !bold ? `**${part}` : part
    if (!value) return
    const previous = spans[spans.length - 1]
    if (previous && Boolean(previous.bold) === bold) previous.text += value
    else spans.push(bold ? { text: value, bold: true } : { text: value })
  })
  return spans
}

export function spansToMarkers(spans: readonly Span[]): string {
  return spans.map((span) => (span.bold && span.text.trim() ? `**${span.text}**` : span.text)).join('')
}

export function toEditorBlocks(blocks: readonly Block[], previews: Record<string, string | null> = {}): EditorBlock[] {
  return blocks.map((block): EditorBlock => {
    switch (block.type) {
      case 'heading':
        return { key: blockKey(), kind: 'heading', text: block.text }
      case 'paragraph':
        return { key: blockKey(), kind: 'paragraph', text: spansToMarkers(block.spans) }
      case 'list':
        return { key: blockKey(), kind: 'list', ordered: block.ordered, items: block.items.map(spansToMarkers) }
      case 'image':
        return { key: blockKey(), kind: 'image', fileID: block.src ?? '', preview: block.src ? previews[block.src] ?? null : null }
    }
  })
}

/** What is saved: empty blocks and list items left out. */
export function toBlocks(blocks: readonly EditorBlock[]): Block[] {
  return blocks.flatMap((block): Block[] => {
    switch (block.kind) {
      case 'heading':
        return block.text.trim() ? [{ type: 'heading', text: block.text.trim() }] : []
      case 'paragraph':
        return block.text.trim() ? [{ type: 'paragraph', spans: markersToSpans(block.text.trim()) }] : []
      case 'list': {
        const items = block.items.filter((item) => item.trim()).map((item) => markersToSpans(item.trim()))
        return items.length ? [{ type: 'list', ordered: block.ordered, items }] : []
      }
      case 'image':
        return block.fileID ? [{ type: 'image', src: block.fileID }] : []
    }
  })
}

/** Blocks as readers will see them, with pictures the phone can show (for the preview). */
export function previewBlocks(blocks: readonly EditorBlock[]): Block[] {
  return toBlocks(blocks).map((block, index, all) => {
    if (block.type !== 'image') return block
    const source = blocks.filter((candidate) => candidate.kind === 'image' && candidate.fileID)[all.slice(0, index).filter((b) => b.type === 'image').length]
    return { type: 'image', src: source && source.kind === 'image' ? source.preview : null }
  })
}

export function moveBlock(blocks: readonly EditorBlock[], key: string, by: -1 | 1): EditorBlock[] {
  const index = blocks.findIndex((block) => block.key === key)
  const target = index + by
  if (index < 0 || target < 0 || target >= blocks.length) return [...blocks]
  const next = [...blocks]
  ;[next[index], next[target]] = [next[target], next[index]]
  return next
}
