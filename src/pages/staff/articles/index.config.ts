export default definePageConfig({ navigationBarTitleText: '文章发布' })
