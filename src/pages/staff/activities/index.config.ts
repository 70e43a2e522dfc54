export default definePageConfig({
  navigationBarTitleText: '宣传台账',
})
