import Taro from '@tarojs/taro'

// A phone reading without identity (Moments' single-page mode) counts an
// article once: it remembers, on the phone only, which articles it counted.
// Nothing of it reaches the server but "counted already".

const KEY = 'articles-counted'
const KEEP = 200

export function countedHere(articleId: string): boolean {
  return read().includes(articleId)
}

export function rememberCounted(articleId: string): void {
  const ids = read().filter((id) => id !== articleId)
  ids.push(articleId)
  try {
    Taro.setStorageSync(KEY, ids.slice(-KEEP))
  } catch {
    // Storage full or unavailable: the article may be counted again, nothing worse.
  }
}

function read(): string[] {
  try {
    const value: unknown = Taro.getStorageSync(KEY)
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}
