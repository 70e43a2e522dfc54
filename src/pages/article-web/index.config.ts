export default definePageConfig({
  navigationBarTitleText: '公众号原文',
})
