import { blocksToHtml, htmlToBlocks, summaryOf } from '../../domain/article-body'
import { openedWith } from '../../domain/articles'
import { markersToSpans, moveBlock, spansToMarkers, toBlocks, toEditorBlocks, type EditorBlock } from '../../src/features/articles/editor/model'
import { blockNodes } from '../../src/features/articles/rich-text'

// The phone editor's blocks and the body's HTML: what office types comes
// back the same, and readers' RichText nodes show text as text.

describe('the phone editor', () => {
  it('turns **markers** into bold and back, and leaves an unmatched ** as typed', () => {
    expect(markersToSpans('千万**不要转账**给陌生人')).toEqual([{ text: '千万' }, { text: '不要转账', bold: true }, { text: '给陌生人' }])
    expect(markersToSpans('价格是2**3')).toEqual([{ text: '价格是2**3' }])
    expect(spansToMarkers(markersToSpans('一**二**三'))).toBe('一**二**三')
  })

  it('round-trips an article through HTML: headings, paragraphs, bold, lists and images', () => {
    const editor: EditorBlock[] = [
      { key: 'a', kind: 'heading', text: '小标题' },
      { key: 'b', kind: 'paragraph', text: '第一行\n第二行**加粗**' },
      { key: 'c', kind: 'list', ordered: true, items: ['一', '', '二'] },
      { key: 'd', kind: 'image', fileID: 'cloud://env.b/articles/k/u_1/a.jpg', preview: null },
      { key: 'e', kind: 'paragraph', text: '   ' },
    ]
    const html = blocksToHtml(toBlocks(editor))
    expect(html).toBe('<h2>小标题</h2><p>第一行<br />第二行<strong>加粗</strong></p><ol><li>一</li><li>二</li></ol><img src="cloud://env.b/articles/k/u_1/a.jpg" />')
    const again = toEditorBlocks(htmlToBlocks(html)).map(({ key: _key, ...block }) => block)
    expect(again).toEqual([
      { kind: 'heading', text: '小标题' },
      { kind: 'paragraph', text: '第一行\n第二行**加粗**' },
      { kind: 'list', ordered: true, items: ['一', '二'] },
      { kind: 'image', fileID: 'cloud://env.b/articles/k/u_1/a.jpg', preview: null },
    ])
  })

  it('escapes what office types, so it is shown and never read as HTML', () => {
    const html = blocksToHtml(toBlocks([{ key: 'a', kind: 'paragraph', text: '<script>alert(1)</script> & "引号"' }]))
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot;</p>')
    expect(htmlToBlocks(html)).toEqual([{ type: 'paragraph', spans: [{ text: '<script>alert(1)</script> & "引号"' }] }])
  })

  it('moves blocks up and down within the list', () => {
    const blocks: EditorBlock[] = ['a', 'b', 'c'].map((key) => ({ key, kind: 'heading', text: key }))
    expect(moveBlock(blocks, 'b', -1).map((block) => block.key)).toEqual(['b', 'a', 'c'])
    expect(moveBlock(blocks, 'c', 1).map((block) => block.key)).toEqual(['a', 'b', 'c'])
  })

  it('makes a summary from the body when none was written', () => {
    expect(summaryOf(htmlToBlocks('<h2>标题不算</h2><p>第一段话。</p><ul><li>要点</li></ul>'))).toBe('第一段话。 要点')
    expect([...summaryOf(htmlToBlocks(`<p>${'字'.repeat(100)}</p>`), 20)]).toHaveLength(20)
  })
})

describe('RichText nodes', () => {
  it('size the text from the reader’s size and escape it for weapp’s rich-text, which decodes entities', () => {
    const [weapp] = blockNodes({ type: 'paragraph', spans: [{ text: 'a<b>&c' }, { text: '粗', bold: true }] }, 20, 'weapp')
    expect(weapp.attrs?.style).toContain('font-size:20px')
    expect(weapp.children?.[0]).toEqual({ type: 'text', text: 'a&lt;b&gt;&amp;c' })
    expect(weapp.children?.[1]).toMatchObject({ name: 'strong', children: [{ type: 'text', text: '粗' }] })
    const [h5] = blockNodes({ type: 'paragraph', spans: [{ text: 'a<b>&c' }] }, 20, 'h5')
    expect(h5.children?.[0]).toEqual({ type: 'text', text: 'a<b>&c' })
    const [heading] = blockNodes({ type: 'heading', text: '标题' }, 20, 'h5')
    expect(heading.attrs?.style).toContain('font-size:24px')
  })
})

describe('what the article page is opened with', () => {
  it('reads a share link, a mini-program code’s scene, and ignores what is not a code', () => {
    expect(openedWith({ id: 'a_1', s: 'abcdefghjk' })).toEqual({ articleId: 'a_1', code: 'ABCDEFGHJK' })
    expect(openedWith({ scene: encodeURIComponent('ABCDEFGHJK') })).toEqual({ articleId: null, code: 'ABCDEFGHJK' })
    expect(openedWith({ id: '<script>', s: 'v-xinhua' })).toEqual({ articleId: null, code: null })
  })
})
