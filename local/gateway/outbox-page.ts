import { MESSAGE_TEMPLATES, type MessageTemplate } from '../../domain/messages'
import { formatShanghai } from '../../domain/dates'

// /local/outbox: what WeChat would have delivered. Locally a subscribe message
// goes to the `outbox` collection (cloudfunctions/_lib/notify/outbox.ts); this
// page shows it, newest first, so a demo user can see the message they would
// have got on their phone, and open the page it links to.

export interface OutboxEntry {
  openid: string
  template: MessageTemplate
  page: string
  fields: Record<string, string>
  at: Date
  /** The recipient's name, when they are a known user. */
  name?: string
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string)

export function outboxPage(entries: OutboxEntry[], openid: string | null): string {
  const cards = entries
    .map((entry) => {
      const template = MESSAGE_TEMPLATES[entry.template]
      const fields = Object.entries(entry.fields)
        .map(([field, value]) => `<tr><th>${escapeHtml(field)}</th><td>${escapeHtml(value)}</td></tr>`)
        .join('')
      return `<article class="message" data-template="${escapeHtml(entry.template)}">
<h2>${escapeHtml(template?.title ?? entry.template)}</h2>
<p class="to">发给：${escapeHtml(entry.name ?? '（未知用户）')} <code>${escapeHtml(entry.openid)}</code> · ${escapeHtml(formatShanghai(entry.at, 'YYYY-MM-DD HH:mm:ss'))}</p>
<table>${fields}</table>
<a href="/#/${escapeHtml(entry.page.replace(/^\//, ''))}">进入小程序查看 ›</a>
</article>`
    })
    .join('\n')
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信消息（本地） - 全民反诈</title>
<style>
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f8;color:#1a1a1a;font-size:18px}
main{max-width:560px;margin:0 auto;padding:16px} h1{font-size:24px} p{line-height:1.6;color:#444}
.message{background:#fff;border-radius:12px;padding:12px 16px;margin:12px 0;border:1px solid #d0d7de}
.message h2{font-size:20px;margin:4px 0}.to{font-size:15px;color:#555}
table{border-collapse:collapse;width:100%;margin:8px 0}th{text-align:left;color:#666;font-weight:normal;padding:4px 8px 4px 0;width:30%;vertical-align:top}td{padding:4px 0}
a{color:#c62828}
</style></head>
<body><main>
<h1>微信消息（本地演示）</h1>
<p>正式环境里，这些订阅消息由微信发到用户的手机上；本地演示时放在这里。${openid ? `只显示发给 <code>${escapeHtml(openid)}</code> 的消息，<a href="/local/outbox">看全部</a>。` : '显示全部消息，最新的在前。'}</p>
${cards || '<p id="outbox-empty">还没有消息。</p>'}
</main></body></html>`
}
