export default definePageConfig({ navigationBarTitleText: '防骗海报' })
