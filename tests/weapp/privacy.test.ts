import fs from 'node:fs'
import path from 'node:path'
import { makeMe, VISIT_FORM_CONTEXT } from '../support/app-fixtures'
import { DIST, loadWeapp, waitFor } from './support/weapp-harness'

// WeChat's privacy authorization on the COMPILED mini-program: when WeChat
// holds a privacy API (camera, album, location) for consent, the page shows
// our sheet; its 同意 button (open-type agreePrivacyAuthorization) lets the
// held call go on, 不同意 makes it fail, and the sheet goes away either way.

type Resolve = jest.Mock<void, [{ event: string; buttonId?: string }]>

const ME = makeMe(['resident', 'cadre'], { village: { id: 'v-1', name: '新华村' } })

describe('the privacy consent sheet in the built weapp (dist/)', () => {
  let needAuthorization: ((resolve: Resolve, info: { referrer: string }) => void) | null = null
  const weapp = loadWeapp(
    ({ name, data }) => {
      const key = `${name}.${String(data.action)}`
      if (key === 'account.signIn' || key === 'account.me') return { ok: true, data: ME }
      if (key === 'visits.context') return { ok: true, data: VISIT_FORM_CONTEXT }
      if (key === 'households.register') return { ok: true, data: { households: [], nextOffset: null } }
      return { ok: false, error: { code: 'NOT_FOUND', message: `no ${key} in this test` } }
    },
    {
      onNeedPrivacyAuthorization: jest.fn((listener: typeof needAuthorization) => {
        needAuthorization = listener
      }),
    },
  )

  async function openForm() {
    const page = weapp.renderPage('pages/staff/visit-new/index')
    await waitFor(() => page.querySelector('#signature-canvas'))
    return page
  }

  /** WeChat holding a privacy API for consent, as it does when the cadre taps 拍照 for the first time. */
  function holdForConsent(): Resolve {
    if (!needAuthorization) throw new Error('the app never listened for onNeedPrivacyAuthorization')
    const resolve: Resolve = jest.fn()
    needAuthorization(resolve, { referrer: 'chooseMedia' })
    return resolve
  }

  it('declares the privacy check and the notice page in app.json', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { __usePrivacyCheck__?: boolean; pages: string[] }
    expect(app.__usePrivacyCheck__).toBe(true)
    expect(app.pages).toContain('pages/privacy/index')
  })

  it('listens at launch, and the form shows no sheet until WeChat asks', async () => {
    const page = await openForm()
    expect(needAuthorization).not.toBeNull()
    expect(page.querySelector('#privacy-consent-sheet')).toBeFalsy()
    expect(page.querySelector('#privacy-link')).toBeTruthy()
  })

  it('shows the sheet when WeChat holds a call, and 同意 lets the call go on', async () => {
    const page = await openForm()
    const resolve = holdForConsent()
    const agree = await waitFor(() => page.querySelector('#privacy-agree'))
    expect(page.querySelector('#privacy-consent-sheet')?.dom?.textContent).toContain('拍现场照片')
    await waitFor(() => resolve.mock.calls.length > 0)
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })

    agree.dispatchEvent('agreeprivacyauthorization')
    await waitFor(() => resolve.mock.calls.some(([option]) => option.event === 'agree'))
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' })
    await waitFor(() => !page.querySelector('#privacy-consent-sheet'))
  })

  it('fails the held call when the user declines, and asks again next time', async () => {
    const page = await openForm()
    const declined = holdForConsent()
    const disagree = await waitFor(() => page.querySelector('#privacy-disagree'))
    disagree.dispatchEvent('tap')
    await waitFor(() => declined.mock.calls.some(([option]) => option.event === 'disagree'))
    await waitFor(() => !page.querySelector('#privacy-consent-sheet'))

    const again = holdForConsent()
    await waitFor(() => page.querySelector('#privacy-agree'))
    expect(again).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
  })
})
