import { MAX_SCENE_LENGTH, qrCodeMaker, wxacodeMaker } from '../../cloudfunctions/_lib/codes'

// The poster's code in production: WeChat's wxacode.getUnlimited through the
// cloud call, against a stand-in for wx-server-sdk's openapi that records
// the exact request it would have sent.

function fakeOpenapi(reply: { buffer?: Buffer; errCode?: number; errMsg?: string }) {
  const requests: unknown[] = []
  const openapi = { wxacode: { getUnlimited: async (request: unknown) => (requests.push(request), reply) } }
  return { requests, openapi: () => openapi }
}

describe('poster codes', () => {
  it('asks WeChat for the released page’s code with the share code as its scene, and answers its PNG', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47])
    const { requests, openapi } = fakeOpenapi({ buffer: png, errCode: 0 })
    const maker = wxacodeMaker(openapi)
    expect(await maker.make('p3KX9QWERTY', 'pages/article/index')).toEqual(png)
    expect(requests).toEqual([{ scene: 'p3KX9QWERTY', page: 'pages/article/index', checkPath: false, envVersion: 'release', width: 430 }])
    expect(maker.linkFor('p3KX9QWERTY', 'pages/article/index')).toBeNull()
  })

  it('refuses a scene WeChat would refuse, before calling it, and reports WeChat’s error code', async () => {
    const { requests, openapi } = fakeOpenapi({ errCode: 45009, errMsg: 'reach max api daily quota limit' })
    const maker = wxacodeMaker(openapi)
    await expect(maker.make('x'.repeat(MAX_SCENE_LENGTH + 1), 'pages/article/index')).rejects.toThrow('longer than 32')
    expect(requests).toEqual([])
    await expect(maker.make('p3KX9QWERTY', 'pages/article/index')).rejects.toThrow('45009')
  })

  it('locally holds the H5 link to the same page and scene', async () => {
    const maker = qrCodeMaker('http://127.0.0.1:10086/')
    expect(maker.linkFor('p3KX 9', 'pages/article/index')).toBe('http://127.0.0.1:10086/#/pages/article/index?scene=p3KX%209')
    expect((await maker.make('p3KX9', 'pages/article/index')).subarray(1, 4).toString()).toBe('PNG')
  })
})
