import Taro from '@tarojs/taro'

// Tab pages are ordinary pages (the native tabBar cannot hide 工作 per role,
// see components/tab-bar.tsx), so moving between tabs replaces the page
// instead of stacking it, like a native tab bar.

export function openTab(path: string): void {
  void Taro.redirectTo({ url: path }).catch(() => undefined)
}

export function openPage(path: string): void {
  void Taro.navigateTo({ url: path }).catch(() => undefined)
}

/**
 * WeChat shows a 返回首页 button on a first page that is not the home page,
 * which every tab but 首页 is after a redirect; our own tab bar already does
 * that job. H5 has no such button.
 */
export function hideHomeButton(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  void Taro.hideHomeButton().catch(() => undefined)
}
