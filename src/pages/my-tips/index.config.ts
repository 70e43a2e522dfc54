export default definePageConfig({
  navigationBarTitleText: '我的举报',
})
