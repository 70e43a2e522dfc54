import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../../components/big-button'
import { FormField } from '../../../components/form-field'
import './visit-form.css'

/** A photo from the camera or album; null when the user cancelled. */
async function choosePhoto(): Promise<string | null> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
      return picked.tempFilePaths[0] ?? null
    }
    const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['camera', 'album'] })
    return picked.tempFiles[0]?.tempFilePath ?? null
  } catch {
    return null
  }
}

export function PhotoField({ path, onChange, error }: { path: string | null; onChange: (path: string | null) => void; error?: string }) {
  return (
    <FormField label='现场照片（可不拍）' name='photo' error={error}>
      {path ? (
        <View className='photo-field'>
          <Image className='photo-field__image' src={path} mode='aspectFit' />
          <BigButton kind='secondary' inline onClick={() => onChange(null)} id='photo-remove'>
            删除照片
          </BigButton>
        </View>
      ) : (
        <BigButton
          kind='secondary'
          inline
          id='photo-take'
          onClick={() => {
            void choosePhoto().then((picked) => {
              if (picked) onChange(picked)
            })
          }}
        >
          拍照或选照片
        </BigButton>
      )}
    </FormField>
  )
}
