export default definePageConfig({
  navigationBarTitleText: '入户登记',
})
