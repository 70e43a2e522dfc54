export default definePageConfig({
  navigationBarTitleText: '入户记录详情',
})
