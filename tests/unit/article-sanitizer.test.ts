import { articleBody, sanitizeBodyHtml } from '../../cloudfunctions/articles/body'
import { BODY_TAGS, htmlToBlocks } from '../../domain/article-body'
import { XSS_PAYLOADS } from './fixtures/xss-payloads'

// The server's allowlist for article bodies against a corpus of script
// injections: nothing that can run survives, as sanitised and as stored.

const ALLOWED = new Set<string>(BODY_TAGS)

/** What is wrong with sanitised HTML, if anything: a tag or attribute off the allowlist, or a dangerous URL. */
function problems(html: string): string[] {
  const found: string[] = []
  for (const match of html.matchAll(/<\/?([a-zA-Z][^\s/>]*)([^>]*)>/g)) {
    const tag = match[1].toLowerCase()
    if (!ALLOWED.has(tag)) found.push(`tag <${tag}>`)
    const attrs = match[2].replace(/\/$/, '').trim()
    if (!attrs) continue
    if (tag !== 'img') {
      found.push(`attributes on <${tag}>: ${attrs}`)
      continue
    }
    if (!/^src="cloud:\/\/[^\s"'<>]+"\s*$/.test(attrs)) found.push(`img attributes: ${attrs}`)
  }
  // Inside tags only: the words may stay as harmless, escaped text.
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    if (/javascript:|vbscript:|data:|expression\s*\(|\son[a-z]+\s*=|style\s*=/i.test(tag)) found.push(`dangerous tag ${tag}`)
  }
  if (/<(?![a-zA-Z/])/.test(html.replace(/<\/?[a-zA-Z][^>]*>/g, ''))) found.push('a raw < left in the text')
  return found
}

describe('the article body sanitiser', () => {
  it(`holds against ${XSS_PAYLOADS.length} script-injection payloads`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100)
    const failures: string[] = []
    for (const payload of XSS_PAYLOADS) {
      for (const input of [payload, `<p>前文${payload}后文</p>`, `<h2>标题</h2>${payload}<ul><li>${payload}</li></ul>`]) {
        for (const [stage, html] of [
          ['sanitised', sanitizeBodyHtml(input)],
          ['stored', articleBody(input).html],
        ] as const) {
          const found = problems(html)
          if (found.length) failures.push(`${JSON.stringify(input)} → ${stage} ${JSON.stringify(html)}: ${found.join('; ')}`)
        }
        for (const block of articleBody(input).blocks) {
          if (block.type === 'image' && !/^cloud:\/\/[^\s"'<>]+$/.test(block.src ?? '')) failures.push(`${JSON.stringify(input)} → image ${block.src}`)
        }
      }
    }
    expect(failures).toEqual([])
  })

  it('would see the payloads as they were sent (the check above can fail)', () => {
    const caught = XSS_PAYLOADS.filter((payload) => problems(payload).length > 0)
    expect(caught.length).toBeGreaterThanOrEqual(XSS_PAYLOADS.length - 3)
  })

  it('keeps what an editor writes: headings, paragraphs, bold, lists and images', () => {
    const html = '<h1>标题</h1><p>第一段<b>加粗</b>，<em>强调</em><br>换行</p><ol><li>一</li><li>二</li></ol><img src="cloud://env.b/articles/k/u_1/a.jpg"><div>段落</div>'
    expect(articleBody(html).blocks).toEqual([
      { type: 'heading', text: '标题' },
      { type: 'paragraph', spans: [{ text: '第一段' }, { text: '加粗', bold: true }, { text: '，强调\n换行' }] },
      { type: 'list', ordered: true, items: [[{ text: '一' }], [{ text: '二' }]] },
      { type: 'image', src: 'cloud://env.b/articles/k/u_1/a.jpg' },
      { type: 'paragraph', spans: [{ text: '段落' }] },
    ])
  })

  it('keeps the text of a link but not the link, and drops the contents of scripts, styles and frames', () => {
    expect(articleBody('<p><a href="https://evil.example">看这里</a></p><script>steal()</script><style>p{}</style><iframe>inner</iframe>').blocks).toEqual([
      { type: 'paragraph', spans: [{ text: '看这里' }] },
    ])
  })

  it('stores one canonical form: sanitising what it stored changes nothing', () => {
    for (const payload of XSS_PAYLOADS) {
      const stored = articleBody(`<p>a</p>${payload}`).html
      expect(articleBody(stored).html).toBe(stored)
      expect(htmlToBlocks(stored)).toEqual(articleBody(stored).blocks)
    }
  })
})
