export default definePageConfig({
  navigationBarTitleText: '防骗文章',
  // Shared to chats and to Moments with the reader's share code (useShareAppMessage, useShareTimeline).
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
