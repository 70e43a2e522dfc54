export default definePageConfig({
  navigationBarTitleText: '宣传活动登记',
})
