// Tab pages are plain pages with our own role-filtered tab bar
// (components/tab-bar.tsx), so there is no `tabBar` here. Work tools live in a
// subpackage: they are for a few staff users and stay out of the main package
// every resident downloads.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/learn/index', 'pages/tips/index', 'pages/work/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'pages/staff',
      pages: ['invites/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c62828',
    navigationBarTitleText: '全民反诈',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f4f4',
  },
})
