export default definePageConfig({
  navigationBarTitleText: '全民反诈',
})
