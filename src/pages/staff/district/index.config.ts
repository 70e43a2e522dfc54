export default definePageConfig({ navigationBarTitleText: '区级进度' })
