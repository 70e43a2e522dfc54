// The local stand-in for WeChat login: pick who you are. The choice is stored
// the way Taro's H5 storage stores values, so the app reads it with
// Taro.getStorageSync('local-openid') and sends it as X-Local-Openid.

export interface DemoUser {
  openid: string
  name: string
  /** What the user can do, in Chinese, for the picker. */
  role: string
  detail: string
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string)

export function signInPage(users: DemoUser[]): string {
  const buttons = users
    .map(
      (user) => `<button class="user" data-openid="${escapeHtml(user.openid)}">
  <span class="name">${escapeHtml(user.name)}</span><span class="role">${escapeHtml(user.role)}</span>
  <span class="detail">${escapeHtml(user.detail)}</span></button>`,
    )
    .join('\n')
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>选择演示用户 - 全民反诈（本地）</title>
<style>
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f8;color:#1a1a1a;font-size:18px}
main{max-width:520px;margin:0 auto;padding:16px}
h1{font-size:24px;margin:8px 0} p{line-height:1.6;color:#444}
.user{display:block;width:100%;text-align:left;margin:12px 0;padding:14px 16px;border:2px solid #d0d7de;border-radius:12px;background:#fff;font-size:18px;cursor:pointer}
.user:focus,.user:hover{border-color:#c62828}
.name{font-weight:bold;font-size:20px;margin-right:8px}.role{color:#c62828}.detail{display:block;color:#555;margin-top:4px;font-size:16px}
.current{background:#fff3e0;padding:10px 12px;border-radius:8px}
</style></head>
<body><main>
<h1>选择演示用户</h1>
<p>这是本地演示环境，不需要微信账号。选一个身份进入小程序；随时可以在「我的」里切换。</p>
<p class="current" id="current" hidden></p>
${buttons}
<button class="user" id="new-resident"><span class="name">新居民</span><span class="role">第一次使用</span>
<span class="detail">一个全新的微信用户，登录后是普通群众，可以输入邀请码获得工作权限</span></button>
</main>
<script>
function signIn(openid){localStorage.setItem('local-openid',JSON.stringify({data:openid}));location.href='/';}
document.querySelectorAll('.user[data-openid]').forEach(function(b){b.addEventListener('click',function(){signIn(b.getAttribute('data-openid'));});});
document.getElementById('new-resident').addEventListener('click',function(){
  var bytes=new Uint8Array(9);crypto.getRandomValues(bytes);
  signIn('local-'+Array.from(bytes,function(x){return x.toString(16).padStart(2,'0');}).join(''));});
try{var cur=JSON.parse(localStorage.getItem('local-openid')||'null');if(cur&&cur.data){var el=document.getElementById('current');el.hidden=false;el.textContent='当前身份：'+cur.data;}}catch(e){}
</script>
</body></html>`
}
