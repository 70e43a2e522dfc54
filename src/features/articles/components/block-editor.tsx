import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ArticleFileOwner } from '../../../../domain/files'
import { BigButton } from '../../../components/big-button'
import { blockKey, moveBlock, type EditorBlock } from '../editor/model'
import { pickImage, uploadImage } from '../editor/images'
import '../../../components/form-field.css'
import './editor.css'

const KIND_LABELS: Record<EditorBlock['kind'], string> = { heading: '小标题', paragraph: '段落', list: '列表', image: '图片' }

/**
 * The body as blocks a thumb can edit: 小标题, 段落 (with **加粗**), 列表 and
 * 图片, each moved up or down or removed; new blocks are added at the end.
 */
export function BlockEditor({ blocks, onChange, owner, error }: { blocks: EditorBlock[]; onChange: (blocks: EditorBlock[]) => void; owner: ArticleFileOwner; error?: string }) {
  const [uploading, setUploading] = useState(false)
  const [uploadError, setUploadError] = useState('')
  const replace = (key: string, next: EditorBlock) => onChange(blocks.map((block) => (block.key === key ? next : block)))
  const remove = (key: string) => onChange(blocks.filter((block) => block.key !== key))
  const add = (block: EditorBlock) => onChange([...blocks, block])

  const addImage = async () => {
    setUploadError('')
    const picked = await pickImage()
    if (!picked) return
    setUploading(true)
    const reply = await uploadImage(picked, owner)
    setUploading(false)
    if (reply.ok) add({ key: blockKey(), kind: 'image', fileID: reply.data, preview: picked.path })
    else setUploadError(reply.error.message)
  }

  return (
    <View id='block-editor'>
      {blocks.length === 0 ? <Text className='text-block muted'>正文还是空的。用下面的按钮加小标题、段落、列表或图片。</Text> : null}
      {blocks.map((block, index) => (
        <View key={block.key} className='editor-block' id={`block-${index}`}>
          <View className='editor-block__head'>
            <Text className='editor-block__kind'>{KIND_LABELS[block.kind]}</Text>
            <View className='editor-block__tools'>
              <BigButton kind='secondary' inline disabled={index === 0} onClick={() => onChange(moveBlock(blocks, block.key, -1))}>
                上移
              </BigButton>
              <BigButton kind='secondary' inline disabled={index === blocks.length - 1} onClick={() => onChange(moveBlock(blocks, block.key, 1))}>
                下移
              </BigButton>
              <BigButton kind='danger' inline onClick={() => remove(block.key)} id={`block-${index}-remove`}>
                删除
              </BigButton>
            </View>
          </View>
          <BlockFields block={block} index={index} onChange={(next) => replace(block.key, next)} />
        </View>
      ))}
      {error ? (
        <Text className='form-field__error' id='field-body-error'>
          {error}
        </Text>
      ) : null}
      <View className='editor-add'>
        <BigButton kind='secondary' inline onClick={() => add({ key: blockKey(), kind: 'heading', text: '' })} id='add-heading'>
          + 小标题
        </BigButton>
        <BigButton kind='secondary' inline onClick={() => add({ key: blockKey(), kind: 'paragraph', text: '' })} id='add-paragraph'>
          + 段落
        </BigButton>
        <BigButton kind='secondary' inline onClick={() => add({ key: blockKey(), kind: 'list', ordered: false, items: ['', ''] })} id='add-list'>
          + 列表
        </BigButton>
        <BigButton kind='secondary' inline loading={uploading} loadingText='正在上传图片…' onClick={() => void addImage()} id='add-image'>
          + 图片
        </BigButton>
      </View>
      {uploadError ? (
        <Text className='form-field__error' id='image-error'>
          {uploadError}
        </Text>
      ) : null}
    </View>
  )
}

function BlockFields({ block, index, onChange }: { block: EditorBlock; index: number; onChange: (block: EditorBlock) => void }) {
  switch (block.kind) {
    case 'heading':
      return <Input className='text-input' id={`block-${index}-text`} value={block.text} maxlength={40} placeholder='例如：这些情况一定是诈骗' onInput={(event) => onChange({ ...block, text: event.detail.value })} />
    case 'paragraph':
      return (
        <>
          <Textarea
            className='editor-textarea'
            id={`block-${index}-text`}
            value={block.text}
            maxlength={3000}
            autoHeight
            placeholder='在这里写一段话。要加粗的字，用两对星号括起来，例如 **不要转账**'
            onInput={(event) => onChange({ ...block, text: event.detail.value })}
          />
          <BigButton kind='secondary' inline onClick={() => onChange({ ...block, text: `${block.text}**要加粗的字**` })}>
            加粗
          </BigButton>
        </>
      )
    case 'list':
      return (
        <>
          {block.items.map((item, itemIndex) => (
            <View key={itemIndex} className='editor-list-item'>
              <Text className='editor-list-item__mark'>{block.ordered ? `${itemIndex + 1}.` : '•'}</Text>
              <Input
                className='text-input editor-list-item__input'
                id={`block-${index}-item-${itemIndex}`}
                value={item}
                maxlength={300}
                placeholder='一条内容'
                onInput={(event) => onChange({ ...block, items: block.items.map((old, at) => (at === itemIndex ? event.detail.value : old)) })}
              />
              <BigButton kind='secondary' inline disabled={block.items.length <= 1} onClick={() => onChange({ ...block, items: block.items.filter((_, at) => at !== itemIndex) })}>
                删
              </BigButton>
            </View>
          ))}
          <View className='button-row'>
            <BigButton kind='secondary' inline onClick={() => onChange({ ...block, items: [...block.items, ''] })}>
              + 一条
            </BigButton>
            <BigButton kind='secondary' inline onClick={() => onChange({ ...block, ordered: !block.ordered })}>
              {block.ordered ? '改成圆点' : '改成 1. 2. 3.'}
            </BigButton>
          </View>
        </>
      )
    case 'image':
      return block.preview ? <Image className='editor-image' src={block.preview} mode='widthFix' /> : <Text className='text-block muted'>（图片已上传，预览暂时无法显示）</Text>
  }
}
