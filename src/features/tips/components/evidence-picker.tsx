import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { MAX_EVIDENCE } from '../../../../domain/tips'
import { BigButton } from '../../../components/big-button'
import { FormField } from '../../../components/form-field'
import { pickEvidence, releaseEvidence } from '../evidence-images'
import '../../../components/form-field.css'
import './tips.css'

/** 证据图片: up to 9 screenshots or photos, compressed on the phone as they are picked. */
export function EvidencePicker({ images, onChange, error }: { images: string[]; onChange: (change: (images: string[]) => string[]) => void; error?: string }) {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')
  const room = MAX_EVIDENCE - images.length

  const pick = async () => {
    setBusy(true)
    setNote('')
    const picked = await pickEvidence(room).catch(() => [])
    setBusy(false)
    // The same picture picked twice is one piece of evidence.
    if (picked.length > 0) onChange((current) => [...current, ...picked.filter((image) => !current.includes(image))].slice(0, MAX_EVIDENCE))
    else setNote('没有添加图片。图片太大或不是照片时也会这样，请换一张试试。')
  }

  return (
    <FormField label={`证据图片（可不传，最多${MAX_EVIDENCE}张）`} name='evidence' error={error} hint='转账记录、聊天记录的截图，对方的二维码等。图片会先在手机上压缩，照片里的拍摄地点等信息不会保存。'>
      {images.length > 0 ? (
        <View className='tip-images'>
          {images.map((image, index) => (
            <View className='tip-image' key={image}>
              <Image className='tip-image__picture' src={image} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: images, current: image }).catch(() => undefined)} />
              <Text
                className='tip-image__remove'
                id={`evidence-remove-${index}`}
                onClick={() => {
                  releaseEvidence(image)
                  onChange((current) => current.filter((kept) => kept !== image))
                }}
              >
                删除
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {room > 0 ? (
        <BigButton kind='secondary' inline id='evidence-add' loading={busy} loadingText='正在压缩图片…' onClick={() => void pick()}>
          ＋ 添加图片（还可以加{room}张）
        </BigButton>
      ) : null}
      {note ? <Text className='form-field__hint'>{note}</Text> : null}
    </FormField>
  )
}
