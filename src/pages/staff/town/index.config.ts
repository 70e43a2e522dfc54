export default definePageConfig({ navigationBarTitleText: '镇级管理' })
