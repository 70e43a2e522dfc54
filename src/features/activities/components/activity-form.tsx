import { Image, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  ACTIVITY_KINDS,
  ACTIVITY_KIND_LABELS,
  activityDateProblem,
  FIVE_IN,
  FIVE_IN_LABELS,
  MAX_ACTIVITY_PHOTOS,
  needsPhoto,
  needsPlace,
  PLACE_KINDS,
  PLACE_KIND_LABELS,
  reachedLabel,
  type PlaceView,
} from '../../../../domain/activities'
import { addDays } from '../../../../domain/dates'
import { BigButton } from '../../../components/big-button'
import { ChoiceList } from '../../../components/choice-list'
import { FormField } from '../../../components/form-field'
import { TextField } from '../../../components/text-field'
import { locate } from '../../../services/location'
import { draftErrors, placeOptionLabel, type ActivityDraft, type DraftErrors, type DraftField, type PlaceChoice } from '../form/activity-draft'
import '../../../components/form-field.css'
import '../../../components/status-view.css'
import './activities.css'

export type SubmitOutcome = { ok: true; next: ActivityDraft } | { ok: false; errors: DraftErrors }

export interface ActivityFormProps {
  villages: { id: string; name: string }[]
  places: Record<string, PlaceView[]>
  today: string
  campaignStart: string | null
  initial: ActivityDraft
  onSubmit: (draft: ActivityDraft) => Promise<SubmitOutcome>
}

const ORDER: DraftField[] = ['kind', 'fiveIn', 'place', 'placeKind', 'placeName', 'venue', 'heldOn', 'reached', 'note', 'photos', 'form']

/** One activity: what was done, where, when, how many, with photos. */
export function ActivityForm(props: ActivityFormProps) {
  const { today, campaignStart } = props
  const [draft, setDraft] = useState(props.initial)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const places = props.places[draft.villageId] ?? []

  const update = (patch: Partial<ActivityDraft>, ...fields: DraftField[]) => {
    setDraft((current) => ({ ...current, ...patch }))
    if (fields.some((field) => errors[field]) || errors.form) {
      setErrors((current) => {
        const next = { ...current }
        for (const field of [...fields, 'form' as const]) delete next[field]
        return next
      })
    }
  }

  const submit = async () => {
    const dateProblem = activityDateProblem(draft.heldOn, today, campaignStart)
    const found = { ...draftErrors(draft), ...(dateProblem ? { heldOn: dateProblem } : {}) }
    setErrors(found)
    const first = ORDER.find((field) => found[field])
    if (first) {
      void Taro.pageScrollTo({ selector: first === 'form' ? '#activity-form-error' : `#field-${first}`, duration: 200 }).catch(() => undefined)
      return
    }
    setSubmitting(true)
    const outcome = await props.onSubmit(draft)
    setSubmitting(false)
    if (!outcome.ok) {
      setErrors(outcome.errors)
      return
    }
    setDraft(outcome.next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
  }

  const kind = draft.kind
  return (
    <View className='activity-form' id='activity-form'>
      {props.villages.length > 1 ? (
        <FormField label='村（社区）' name='village'>
          <ChoiceList choices={props.villages.map((v) => ({ value: v.id, label: v.name }))} value={draft.villageId} onChange={(villageId) => update({ villageId, place: { mode: 'none' } }, 'place')} idPrefix='activity-village' />
        </FormField>
      ) : null}
      <FormField label='活动类型' name='kind' error={errors.kind}>
        <ChoiceList choices={ACTIVITY_KINDS.map((value) => ({ value, label: ACTIVITY_KIND_LABELS[value] }))} value={kind ?? undefined} onChange={(value) => update({ kind: value }, 'kind', 'photos', 'place')} idPrefix='activity-kind' />
      </FormField>
      {kind === 'fiveIn' ? (
        <FormField label='五进的哪一进' name='fiveIn' error={errors.fiveIn}>
          <ChoiceList choices={FIVE_IN.map((value) => ({ value, label: FIVE_IN_LABELS[value] }))} value={draft.fiveIn ?? undefined} onChange={(fiveIn) => update({ fiveIn }, 'fiveIn')} idPrefix='activity-five-in' />
        </FormField>
      ) : null}
      <PlaceField
        places={places}
        value={draft.place}
        required={kind ? needsPlace(kind) : false}
        errors={errors}
        onChange={(place) => update({ place }, 'place', 'placeKind', 'placeName', 'venue')}
      />
      {draft.place.mode === 'none' && !(kind && needsPlace(kind)) ? (
        <TextField label='活动地点' name='venue' value={draft.venue} maxlength={40} placeholder='如：3组院坝、村委会会议室' error={errors.venue} onChange={(venue) => update({ venue }, 'venue', 'place')} />
      ) : null}
      <FormField label='活动日期' name='heldOn' error={errors.heldOn}>
        <ChoiceList
          choices={[
            { value: today, label: `今天 ${today.slice(5)}` },
            { value: addDays(today, -1), label: '昨天' },
          ].filter((choice) => !campaignStart || choice.value >= campaignStart)}
          value={draft.heldOn}
          onChange={(heldOn) => update({ heldOn }, 'heldOn')}
          idPrefix='activity-date'
        />
        <Picker mode='date' value={draft.heldOn} start={campaignStart ?? undefined} end={today} onChange={(event) => update({ heldOn: String(event.detail.value) }, 'heldOn')}>
          <View className='form-field__picker' id='activity-date-other'>
            <Text>{`已选：${draft.heldOn}（点此修改）`}</Text>
          </View>
        </Picker>
      </FormField>
      <TextField label={kind ? reachedLabel(kind) : '人数或数量'} name='reached' type='number' value={draft.reached} maxlength={6} error={errors.reached} onChange={(reached) => update({ reached }, 'reached')} />
      <TextField label='活动内容（可不填）' name='note' value={draft.note} maxlength={200} placeholder='如：讲解刷单返利、冒充客服诈骗' error={errors.note} onChange={(note) => update({ note }, 'note')} />
      <PhotosField photos={draft.photos} required={kind ? needsPhoto(kind) : false} error={errors.photos} onChange={(photos) => update({ photos }, 'photos')} />
      <LocationField value={draft.location} onChange={(location) => update({ location })} />
      {errors.form ? (
        <Text className='form-field__error' id='activity-form-error'>
          {errors.form}
        </Text>
      ) : null}
      <BigButton onClick={() => void submit()} loading={submitting} loadingText='正在保存…' id='activity-save'>
        保存这条活动
      </BigButton>
    </View>
  )
}

function PlaceField({ places, value, required, errors, onChange }: { places: PlaceView[]; value: PlaceChoice; required: boolean; errors: DraftErrors; onChange: (value: PlaceChoice) => void }) {
  const choices = [
    ...places.map((place) => ({ value: place.id, label: placeOptionLabel(place) })),
    { value: '__new', label: '＋ 新添加场所' },
    ...(required ? [] : [{ value: '__none', label: '不在重点场所（填写活动地点）' }]),
  ]
  const selected = value.mode === 'listed' ? value.placeId : value.mode === 'new' ? '__new' : required ? undefined : '__none'
  return (
    <FormField label={required ? '场所' : '场所（可不选）'} name='place' error={errors.place} hint={places.length === 0 ? '本村（社区）还没有登记重点场所，可以在这里新添加。' : undefined}>
      <ChoiceList
        choices={choices}
        value={selected}
        onChange={(choice) => onChange(choice === '__new' ? { mode: 'new', kind: null, name: '', address: '' } : choice === '__none' ? { mode: 'none' } : { mode: 'listed', placeId: choice })}
        idPrefix='activity-place'
      />
      {value.mode === 'new' ? (
        <View className='activity-new-place' id='activity-new-place'>
          <FormField label='场所类型' name='placeKind' error={errors.placeKind}>
            <ChoiceList choices={PLACE_KINDS.map((kind) => ({ value: kind, label: PLACE_KIND_LABELS[kind] }))} value={value.kind ?? undefined} onChange={(kind) => onChange({ ...value, kind })} idPrefix='activity-place-kind' />
          </FormField>
          <TextField label='场所名称' name='placeName' value={value.name} maxlength={40} placeholder='如：新华集贸市场' error={errors.placeName} onChange={(name) => onChange({ ...value, name })} />
          <TextField label='地址（可不填）' name='placeAddress' value={value.address} maxlength={60} onChange={(address) => onChange({ ...value, address })} />
        </View>
      ) : null}
    </FormField>
  )
}

async function choosePhotos(count: number): Promise<string[]> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const picked = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
      return picked.tempFilePaths
    }
    const picked = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['camera', 'album'] })
    return picked.tempFiles.map((file) => file.tempFilePath)
  } catch {
    return []
  }
}

function PhotosField({ photos, required, error, onChange }: { photos: string[]; required: boolean; error?: string; onChange: (photos: string[]) => void }) {
  const room = MAX_ACTIVITY_PHOTOS - photos.length
  return (
    <FormField label={required ? `现场照片（至少1张，最多${MAX_ACTIVITY_PHOTOS}张）` : `现场照片（可不拍，最多${MAX_ACTIVITY_PHOTOS}张）`} name='photos' error={error}>
      {photos.length ? (
        <View className='activity-photos' id='activity-photos'>
          {photos.map((path, i) => (
            <View className='activity-photo' key={path}>
              <Image className='activity-photo__image' src={path} mode='aspectFill' />
              <Text className='activity-photo__remove' id={`activity-photo-remove-${i + 1}`} onClick={() => onChange(photos.filter((_, j) => j !== i))}>
                删除
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {room > 0 ? (
        <BigButton kind='secondary' inline id='activity-photo-take' onClick={() => void choosePhotos(room).then((picked) => picked.length && onChange([...photos, ...picked].slice(0, MAX_ACTIVITY_PHOTOS)))}>
          {photos.length ? '再拍一张或选照片' : '拍照或选照片'}
        </BigButton>
      ) : null}
    </FormField>
  )
}

function LocationField({ value, onChange }: { value: ActivityDraft['location']; onChange: (value: ActivityDraft['location']) => void }) {
  const [locating, setLocating] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const record = async () => {
    setLocating(true)
    setProblem(null)
    const located = await locate()
    setLocating(false)
    if (located.ok) onChange(located.position)
    else setProblem(located.message)
  }
  return (
    <FormField label='活动位置（可不记录）' name='location' hint='只在您点下面的按钮时获取一次，用于核实活动，不会一直定位。'>
      {value ? (
        <View className='activity-location' id='activity-location-recorded'>
          <Text>
            已记录：纬度 {value.latitude}，经度 {value.longitude}
          </Text>
          <BigButton kind='secondary' inline onClick={() => onChange(null)} id='activity-location-remove'>
            不记录位置
          </BigButton>
        </View>
      ) : (
        <BigButton kind='secondary' inline onClick={() => void record()} loading={locating} loadingText='正在定位…' id='activity-location-record'>
          记录当前位置
        </BigButton>
      )}
      {problem ? <Text className='form-field__hint'>{problem}</Text> : null}
    </FormField>
  )
}
