import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { formatReceipt, TIP_STATUS_LABELS } from '../../../../domain/tips'
import { BigButton } from '../../../components/big-button'
import { SubscribeButton } from '../../../components/subscribe-button'
import { isFinished, pendingImages, type SendingState } from '../hooks/use-sending'
import { MY_TIPS_PATH } from './my-tips-link'
import { openPage } from '../../../services/navigation'
import './tips.css'

/**
 * What became of the tip: not sent yet (and why), sent with its images on
 * the way, or all there. The receipt code is shown here, once, to copy.
 */
export function SendingCard({ state }: { state: SendingState }) {
  const { sending, busy, error } = state
  const [copied, setCopied] = useState(false)
  if (!sending) return null
  const result = sending.result

  if (!result) {
    return (
      <View className='tip-sent tip-sent--waiting' id='tip-sending'>
        <Text className='tip-sent__title'>{busy ? '正在提交举报…' : '举报还没有发出'}</Text>
        {error ? <Text className='tip-sent__text'>{error.message}</Text> : null}
        <Text className='tip-sent__text'>内容已保存在手机上，不会丢。{sending.input.transfer === 'recent' ? '钱刚转出的，请先拨打96110或110。' : ''}</Text>
        <BigButton id='tip-resend' loading={busy} loadingText='正在提交…' onClick={state.resume}>
          重新提交
        </BigButton>
      </View>
    )
  }

  const pending = pendingImages(sending)
  const total = sending.images.length
  const done = isFinished(sending)
  const copy = () => {
    void Taro.setClipboardData({ data: formatReceipt(result.receipt) })
      .then(() => setCopied(true))
      .catch(() => undefined)
  }

  return (
    <View className={`tip-sent${done ? '' : ' tip-sent--waiting'}`} id='tip-sent'>
      <Text className='tip-sent__title'>举报已提交：{result.reference}</Text>
      <Text className='tip-sent__text' id='tip-sent-status'>
        状态：{TIP_STATUS_LABELS[result.status]}。{result.urgent ? '已同时提醒派出所民警。' : '民警会尽快处理。'}
      </Text>
      {total > 0 ? (
        <Text className='tip-sent__text' id='tip-evidence-progress'>
          {pending.length === 0
            ? `证据图片已上传 ${sending.uploaded.length}/${total} 张。`
            : busy
              ? `正在上传证据图片 ${sending.uploaded.length + 1}/${total}…`
              : `还有 ${pending.length} 张证据图片没有上传。`}
          {sending.refused.map((refused) => ` 第${refused.index + 1}张没有收下：${refused.message}`).join('')}
        </Text>
      ) : null}
      {error && !done ? (
        <View>
          <Text className='tip-sent__text'>{error.message}</Text>
          <BigButton kind='secondary' id='tip-evidence-retry' loading={busy} loadingText='正在上传…' onClick={state.resume}>
            继续上传图片
          </BigButton>
        </View>
      ) : null}
      <Text className='tip-sent__text'>回执码（只显示这一次，请抄下或复制保存）：</Text>
      <Text className='tip-receipt' id='tip-receipt' selectable>
        {formatReceipt(result.receipt)}
      </Text>
      <Text className='tip-sent__text'>
        {result.anonymous
          ? '这是匿名举报：回执码是查看进度、领取奖励的唯一凭证，换手机或删除小程序后也要靠它。'
          : '凭回执码也可以在别的手机上查看这条举报的进度。'}
        本机的「我的举报」已记下它。
      </Text>
      <BigButton kind='secondary' id='tip-copy-receipt' onClick={copy}>
        {copied ? '已复制回执码' : '复制回执码'}
      </BigButton>
      {result.anonymous ? null : <SubscribeButton template='tipStatus' label='有进展时微信通知我' id='tip-subscribe' />}
      <View className='button-row'>
        <BigButton kind='secondary' inline id='tip-open-mine' onClick={() => openPage(MY_TIPS_PATH)}>
          我的举报
        </BigButton>
        {done ? (
          <BigButton inline id='tip-done' onClick={state.dismiss}>
            已保存回执码，再举报一条
          </BigButton>
        ) : null}
      </View>
    </View>
  )
}
