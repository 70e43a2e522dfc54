import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startLocal, type LocalApp } from '../../local/app'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface E2E {
  app: LocalApp
  browser: Browser
  /** A fresh phone-sized browser context, signed in through the local sign-in page as `openid`. */
  signIn(openid: string, options?: { width?: number }): Promise<{ context: BrowserContext; page: Page }>
  stop(): Promise<void>
}

/** The whole product on a random port with a fresh demo database, and a browser. */
export async function startE2E(): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-'))
  const app = await startLocal({ port: 0, dataDir, scheduler: false })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  return {
    app,
    browser,
    async signIn(openid, { width = 375 } = {}) {
      const context = await browser.newContext({ viewport: { width, height: 760 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 })
      const page = await context.newPage()
      await page.goto(`${app.url}/local/signin`)
      await page.click(`button[data-openid="${openid}"]`)
      await page.waitForURL(/\/#\/pages\/home\/index|\/$/)
      return { context, page }
    },
    async stop() {
      await browser.close()
      await app.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Visible text of an element, with Taro's split text nodes joined. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent())?.replace(/\s+/g, '') ?? ''
}
