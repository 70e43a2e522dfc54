export default definePageConfig({ navigationBarTitleText: '入户记录存档导出' })
