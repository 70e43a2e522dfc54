import * as tcb from '@cloudbase/node-sdk'

/**
 * The CloudBase environment a deployment script writes to: TCB_ENV with
 * TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (an API key of the Tencent
 * Cloud account), or the local server when TCB_SERVICE_URL is set (with the key of its start in TCB_SECRET_ID / TCB_SECRET_KEY).
 */
export function cloudTarget(): ReturnType<typeof tcb.init> {
  const serviceUrl = process.env.TCB_SERVICE_URL
  if (serviceUrl) {
    process.env.TENCENTCLOUD = 'true'
    return tcb.init({ env: process.env.TCB_ENV || 'local', serviceUrl, secretId: process.env.TCB_SECRET_ID, secretKey: process.env.TCB_SECRET_KEY })
  }
  const env = process.env.TCB_ENV
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  if (!env || !secretId || !secretKey) {
    console.error('请设置 TCB_ENV（云开发环境 ID）、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY')
    process.exit(2)
  }
  return tcb.init({ env, secretId, secretKey })
}
