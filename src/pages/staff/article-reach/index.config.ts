export default definePageConfig({ navigationBarTitleText: '宣传成效' })
