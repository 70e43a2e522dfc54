import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { blocksToHtml } from '../../../../domain/article-body'
import {
  ARTICLE_AUDIENCES,
  ARTICLE_CATEGORIES,
  ARTICLE_LIMITS,
  AUDIENCE_LABELS,
  CATEGORY_LABELS,
  saveArticleSchema,
  STATUS_LABELS,
  type ArticleAudience,
  type ArticleCategory,
  type ArticleDraft,
  type SaveArticleInput,
} from '../../../../domain/articles'
import { fieldErrors } from '../../../../domain/validate'
import { BigButton } from '../../../components/big-button'
import { CheckList } from '../../../components/check-list'
import { ChoiceList } from '../../../components/choice-list'
import { canRetry, InlineError } from '../../../components/error-view'
import { FormField } from '../../../components/form-field'
import { Section } from '../../../components/section'
import { TextField } from '../../../components/text-field'
import { useWrite } from '../../../hooks/use-write'
import { newRequestId } from '../../../services/cloud'
import { saveArticle } from '../api'
import { pickImage, uploadImage } from '../editor/images'
import { previewBlocks, toBlocks, toEditorBlocks, type EditorBlock } from '../editor/model'
import { ArticleBody } from './article-body'
import { BlockEditor } from './block-editor'
import { PublishPanel } from './publish-panel'
import '../../../components/form-field.css'
import './editor.css'

interface Fields {
  title: string
  summary: string
  keyPoints: [string, string, string]
  category: ArticleCategory
  audiences: ArticleAudience[]
  cover: { fileID: string; preview: string | null } | null
  blocks: EditorBlock[]
  sourceUrl: string
  pinned: boolean
}

function fieldsOf(draft: ArticleDraft | null): Fields {
  if (!draft) return { title: '', summary: '', keyPoints: ['', '', ''], category: 'alert', audiences: ['all'], cover: null, blocks: [], sourceUrl: '', pinned: false }
  const points = [...draft.keyPoints, '', '', ''].slice(0, 3) as [string, string, string]
  return {
    title: draft.title,
    summary: draft.summary,
    keyPoints: points,
    category: draft.category,
    audiences: draft.audiences,
    cover: draft.cover ? { fileID: draft.cover.fileID, preview: draft.cover.url } : null,
    blocks: toEditorBlocks(draft.blocks, draft.imageUrls),
    sourceUrl: draft.sourceUrl,
    pinned: draft.pinned,
  }
}

const CATEGORY_CHOICES = ARTICLE_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }))
const AUDIENCE_CHOICES = ARTICLE_AUDIENCES.map((value) => ({ value, label: AUDIENCE_LABELS[value] }))

/**
 * 写文章 on a phone: title, category, readers, three key points (they go on
 * the poster), cover, the body as blocks, the 原文 link, 置顶; saved as a
 * draft, previewed, then published.
 */
export function ArticleEditor({ draft: initial, uploaderId, onSaved }: { draft: ArticleDraft | null; uploaderId: string; onSaved?: (draft: ArticleDraft) => void }) {
  const [draft, setDraft] = useState<ArticleDraft | null>(initial)
  const [fields, setFields] = useState<Fields>(() => fieldsOf(initial))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [dirty, setDirty] = useState(false)
  const [preview, setPreview] = useState(false)
  const [publishing, setPublishing] = useState(false)
  const [coverBusy, setCoverBusy] = useState(false)
  // A new article's files live under this key from its first picture on (domain/files.ts).
  const fileKey = useRef(initial?.fileKey ?? newRequestId())
  const save = useWrite((input: SaveArticleInput & { articleId?: string }, requestId: string) => saveArticle(input, requestId))
  const owner = { fileKey: fileKey.current, uploaderId: draft?.uploaderId ?? uploaderId }

  const change = (patch: Partial<Fields>) => {
    setFields((current) => ({ ...current, ...patch }))
    setDirty(true)
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !(field in patch) && !(field === 'body' && 'blocks' in patch))))
  }

  const payload = (): SaveArticleInput & { articleId?: string } => ({
    ...(draft ? { articleId: draft.id } : {}),
    fileKey: fileKey.current,
    title: fields.title,
    summary: fields.summary,
    keyPoints: fields.keyPoints.filter((point) => point.trim()),
    category: fields.category,
    audiences: fields.audiences,
    coverFileID: fields.cover?.fileID ?? '',
    body: blocksToHtml(toBlocks(fields.blocks)),
    sourceUrl: fields.sourceUrl,
    pinned: fields.pinned,
  })

  /** Saves if anything changed; true when the server has the article as shown. */
  const saveNow = async (): Promise<boolean> => {
    const input = payload()
    const found = fieldErrors(saveArticleSchema, input)
    setErrors(found)
    if (Object.keys(found).length) return false
    if (draft && !dirty) return true
    const reply = await save.run(input)
    if (!reply.ok) {
      if (reply.error.field) setErrors({ [reply.error.field]: reply.error.message })
      return false
    }
    setDraft(reply.data)
    setDirty(false)
    onSaved?.(reply.data)
    return true
  }

  const pickCover = async () => {
    const picked = await pickImage()
    if (!picked) return
    setCoverBusy(true)
    const reply = await uploadImage(picked, owner)
    setCoverBusy(false)
    if (reply.ok) change({ cover: { fileID: reply.data, preview: picked.path } })
    else setErrors((current) => ({ ...current, coverFileID: reply.error.message }))
  }

  return (
    <View id='article-editor'>
      {draft ? (
        <Text className='text-block muted' id='editor-status'>
          {STATUS_LABELS[draft.status]}
          {dirty ? ' · 有改动还没保存' : ' · 已保存'}
        </Text>
      ) : null}
      <TextField label='标题' name='title' value={fields.title} onChange={(title) => change({ title })} error={errors.title} maxlength={ARTICLE_LIMITS.title} placeholder='例如：警惕“刷单返利”，先垫钱的都是骗子' />
      <FormField label='分类' name='category' error={errors.category}>
        <ChoiceList choices={CATEGORY_CHOICES} value={fields.category} onChange={(category) => change({ category })} idPrefix='category' />
      </FormField>
      <FormField label='适合谁看' name='audiences' error={errors.audiences}>
        <CheckList choices={AUDIENCE_CHOICES} values={fields.audiences} onChange={(audiences) => change({ audiences })} idPrefix='audience' />
      </FormField>
      <FormField label='三条要点（印在海报上，也显示在文章开头）' name='keyPoints' error={errors.keyPoints ?? errors['keyPoints.0'] ?? errors['keyPoints.1'] ?? errors['keyPoints.2']}>
        {fields.keyPoints.map((point, index) => (
          <Input
            key={index}
            className='text-input'
            id={`key-point-${index}`}
            value={point}
            maxlength={ARTICLE_LIMITS.keyPoint}
            placeholder={['例如：公检法不会电话办案', '例如：不存在“安全账户”', '例如：转账前先打96110'][index]}
            onInput={(event) => change({ keyPoints: fields.keyPoints.map((old, at) => (at === index ? event.detail.value : old)) as Fields['keyPoints'] })}
          />
        ))}
      </FormField>
      <FormField label='摘要（可不填，列表和微信提醒里显示）' name='summary' error={errors.summary}>
        <Textarea className='editor-textarea' id='input-summary' value={fields.summary} maxlength={ARTICLE_LIMITS.summary} autoHeight placeholder='一两句话说清楚这是什么骗局' onInput={(event) => change({ summary: event.detail.value })} />
      </FormField>
      <FormField label='封面图片（可不选）' name='coverFileID' error={errors.coverFileID}>
        {fields.cover?.preview ? <Image className='editor-cover' src={fields.cover.preview} mode='aspectFit' /> : null}
        <View className='button-row'>
          <BigButton kind='secondary' inline loading={coverBusy} loadingText='正在上传…' onClick={() => void pickCover()} id='cover-pick'>
            {fields.cover ? '换一张' : '选择封面'}
          </BigButton>
          {fields.cover ? (
            <BigButton kind='secondary' inline onClick={() => change({ cover: null })}>
              不要封面
            </BigButton>
          ) : null}
        </View>
      </FormField>

      <Section title='正文' id='editor-body'>
        <BlockEditor blocks={fields.blocks} onChange={(blocks) => change({ blocks })} owner={owner} error={errors.body} />
        <BigButton kind='secondary' onClick={() => setPreview(!preview)} id='editor-preview-toggle'>
          {preview ? '收起预览' : '预览正文'}
        </BigButton>
        {preview ? (
          <View className='editor-preview' id='editor-preview'>
            <ArticleBody blocks={previewBlocks(fields.blocks)} size={18} />
          </View>
        ) : null}
      </Section>

      <TextField
        label='原文链接（可不填）'
        name='sourceUrl'
        value={fields.sourceUrl}
        onChange={(sourceUrl) => change({ sourceUrl })}
        error={errors.sourceUrl}
        maxlength={ARTICLE_LIMITS.sourceUrl}
        placeholder='https://mp.weixin.qq.com/s/…'
        hint='本镇公众号的文章可以在小程序里直接打开；其他网址只能复制。'
      />
      <FormField label='置顶' name='pinned'>
        <ChoiceList
          choices={[
            { value: 'yes', label: '置顶（学习页最上面）' },
            { value: 'no', label: '不置顶' },
          ]}
          value={fields.pinned ? 'yes' : 'no'}
          onChange={(value) => change({ pinned: value === 'yes' })}
          idPrefix='pinned'
        />
      </FormField>

      <View className='button-row'>
        <BigButton
          inline
          kind='secondary'
          onClick={() =>
            void saveNow().then((saved) => {
              if (saved) void Taro.showToast({ title: '已保存', icon: 'success' }).catch(() => undefined)
            })
          }
          loading={save.pending && !publishing}
          loadingText='正在保存…'
          id='editor-save'
        >
          {draft?.status === 'published' ? '保存修改' : '保存草稿'}
        </BigButton>
        {draft?.status !== 'published' ? (
          <BigButton inline onClick={() => void saveNow().then((saved) => setPublishing(saved))} id='editor-publish'>
            发布…
          </BigButton>
        ) : null}
      </View>
      {Object.keys(errors).length ? <Text className='form-field__error'>有些地方要改一下，见上面红字。</Text> : null}
      {save.error && !save.error.field ? <InlineError error={save.error} onRetry={canRetry(save.error) ? () => void saveNow() : undefined} /> : null}
      {publishing && draft ? (
        <Section title='发布' id='editor-publish-section'>
          <PublishPanel
            articleId={draft.id}
            category={fields.category}
            beforePublish={saveNow}
            onPublished={(result) => {
              setDraft({ ...draft, status: result.article.status, publishAt: result.article.publishAt, alert: result.alert })
              void Taro.showToast({ title: '已发布', icon: 'success' }).catch(() => undefined)
            }}
          />
        </Section>
      ) : null}
    </View>
  )
}
