export default definePageConfig({ navigationBarTitleText: '进度看板', enablePullDownRefresh: false })
