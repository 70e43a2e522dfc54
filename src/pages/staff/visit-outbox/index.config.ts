export default definePageConfig({
  navigationBarTitleText: '待上传的入户记录',
})
