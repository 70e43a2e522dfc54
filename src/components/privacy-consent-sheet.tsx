import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AGREE_BUTTON_ID, answerConsent, consentShown, followPrivacyConsent } from '../services/privacy-consent'
import { openPage } from '../services/navigation'
import { BigButton } from './big-button'
import './big-button.css'
import './privacy-consent-sheet.css'

const NOTICE_PAGE = '/pages/privacy/index'
const GENERAL_PURPOSE = '您刚才的操作要用到手机的相册、相机或剪贴板（复制链接、回执码，保存海报）。'

/** WeChat's own page of the mini-program's 隐私保护指引; ours where it is not available. */
function openContract(): void {
  if (typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({ fail: () => openPage(NOTICE_PAGE) })
  else openPage(NOTICE_PAGE)
}

/**
 * WeChat's consent sheet, on a page that takes a photo, reads the album or
 * the location or the clipboard: it appears only when WeChat holds such a
 * call for consent, and says in plain words what is asked and why. Tab pages
 * (TabLayout) and staff pages (StaffTool) carry one; a page of its own adds it.
 */
export function PrivacyConsentSheet({ purpose = GENERAL_PURPOSE }: { purpose?: string }) {
  const [asking, setAsking] = useState(false)
  useEffect(() => followPrivacyConsent(setAsking), [])
  useEffect(() => {
    if (asking) consentShown()
  }, [asking])
  if (!asking) return null
  return (
    <View className='privacy-sheet' id='privacy-consent-sheet'>
      <View className='privacy-sheet__panel'>
        <Text className='privacy-sheet__title'>使用前请您同意</Text>
        <Text className='privacy-sheet__text'>{purpose}</Text>
        <Text className='privacy-sheet__text'>我们只在您点按钮时使用，不会另作他用。详细说明请看：</Text>
        <Text className='privacy-sheet__link' id='privacy-contract' onClick={openContract}>
          《全民反诈小程序隐私保护指引》
        </Text>
        <Text className='privacy-sheet__link' id='privacy-notice-link' onClick={() => openPage(NOTICE_PAGE)}>
          个人信息保护说明（保存多久、如何删除）
        </Text>
        <Button className='big-button big-button--primary' id={AGREE_BUTTON_ID} openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => answerConsent(true)}>
          同意并继续
        </Button>
        <BigButton kind='secondary' id='privacy-disagree' onClick={() => answerConsent(false)}>
          不同意（本次不使用）
        </BigButton>
      </View>
    </View>
  )
}
