export default definePageConfig({ navigationBarTitleText: '督导提醒' })
