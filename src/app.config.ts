// Tab pages are plain pages with our own role-filtered tab bar
// (components/tab-bar.tsx), so there is no `tabBar` here. Work tools live in a
// subpackage: they are for a few staff users and stay out of the main package
// every resident downloads.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/learn/index', 'pages/article/index', 'pages/learning/index', 'pages/article-web/index', 'pages/tips/index', 'pages/work/index', 'pages/me/index', 'pages/messages/index', 'pages/my-tips/index', 'pages/privacy/index'],
  subPackages: [
    {
      root: 'pages/staff',
      pages: [
        'invites/index',
        'visit-new/index',
        'visit-outbox/index',
        'visits/index',
        'visit-detail/index',
        'roster/index',
        'progress/index',
        'bulletin/index',
        'archive/index',
        'articles/index',
        'article-edit/index',
        'article-poster/index',
        'article-reach/index',
        'town/index',
        'people/index',
        'audit/index',
        'district/index',
        'privacy/index',
        'reminders/index',
        'tips/index',
        'tip-detail/index',
        'tip-stats/index',
        'activity-new/index',
        'activities/index',
      ],
    },
  ],
  // 入户登记 may record where a visit took place, only when the cadre taps
  // 记录当前位置 (see features/visits/components/location-field.tsx).
  requiredPrivateInfos: ['getLocation'],
  // WeChat holds a privacy API's call until the user agrees on our sheet
  // (services/privacy-consent.ts, components/privacy-consent-sheet.tsx).
  __usePrivacyCheck__: true,
  permission: {
    'scope.userLocation': { desc: '入户登记、宣传活动登记时记录位置，仅在您点「记录当前位置」时获取一次' },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c62828',
    navigationBarTitleText: '全民反诈',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f4f4',
  },
})
