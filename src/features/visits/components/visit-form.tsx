import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { visitDateProblem } from '../../../../domain/visits'
import { BigButton } from '../../../components/big-button'
import { draftErrors, firstErrorField, type DraftErrors, type FormFieldName, type VisitDraft } from '../form/visit-draft'
import { HOUSEHOLD_FIELDS, type HouseholdSlotProps } from '../../../../domain/household-choice'
import { LocationField } from './location-field'
import { PhotoField } from './photo-field'
import { SignatureField } from './signature-field'
import type { SignaturePadHandle } from './signature-pad'
import { TextField } from '../../../components/text-field'
import { ContentField, CoworkersField, DateField, PhoneField } from './visit-fields'
import '../../../components/status-view.css'
import './visit-form.css'

export type SubmitOutcome = { ok: true; next: VisitDraft | null } | { ok: false; errors: DraftErrors }

export interface VisitFormProps {
  village: { id: string; name: string; kind: 'village' | 'community' }
  authorName: string
  today: string
  campaignStart: string | null
  /** The draft to start from; its 单位 and 日期 are defaults that follow it until the user changes them. */
  initial: VisitDraft
  /** Shown from the start: what the server said about this record. */
  initialErrors?: DraftErrors
  /** Fixing a saved record: the signature stays as it was drawn. */
  lockedSignature?: { imagePath: string | null }
  submitText: string
  submittingText: string
  renderHousehold: (props: HouseholdSlotProps) => ReactNode
  /** Called with a draft that passed every check; `next` is the form for the next household. */
  onSubmit: (draft: VisitDraft, pad: SignaturePadHandle | null) => Promise<SubmitOutcome>
  /** Shown above the save button (e.g. what happened to the last record). */
  footer?: ReactNode
}

/** The paper 入户工作记录表, one household at a time. */
export function VisitForm(props: VisitFormProps) {
  const { village, today, campaignStart, lockedSignature } = props
  const [draft, setDraft] = useState(props.initial)
  const [errors, setErrors] = useState<DraftErrors>(props.initialErrors ?? {})
  const [submitting, setSubmitting] = useState(false)
  // After a save the form is blank for the next household. A tap on 保存
  // before anything is entered there is a second tap on the record just
  // saved (or a "did it save?"): it is answered with that, not with a red
  // error under every field of a form nobody has started.
  const [cleared, setCleared] = useState<'untouched' | 'tapped' | null>(null)
  const pad = useRef<SignaturePadHandle>(null)

  // The defaults may come from the phone's copy of the form context first and
  // from the server's a moment later: a default the user has not changed
  // follows the newer one.
  const defaults = useRef({ unitName: props.initial.unitName, visitedOn: props.initial.visitedOn })
  const { unitName: defaultUnit, visitedOn: defaultDay } = props.initial
  useEffect(() => {
    const before = defaults.current
    if (before.unitName === defaultUnit && before.visitedOn === defaultDay) return
    defaults.current = { unitName: defaultUnit, visitedOn: defaultDay }
    setDraft((current) => ({
      ...current,
      unitName: current.unitName === before.unitName ? defaultUnit : current.unitName,
      visitedOn: current.visitedOn === before.visitedOn ? defaultDay : current.visitedOn,
    }))
  }, [defaultUnit, defaultDay])

  const update = (patch: Partial<VisitDraft>, ...fields: FormFieldName[]) => {
    setDraft((current) => ({ ...current, ...patch }))
    setCleared(null)
    if (fields.some((field) => errors[field]) || errors.form) {
      setErrors((current) => {
        const next = { ...current }
        for (const field of [...fields, 'form' as const]) delete next[field]
        return next
      })
    }
  }

  const submit = async () => {
    if (cleared) {
      setCleared('tapped')
      return
    }
    const signatureEmpty = lockedSignature ? false : (pad.current?.isEmpty() ?? true)
    const found = draftErrors(draft, { village, today, campaignStart, signatureEmpty }, village.id)
    const first = firstErrorField(found)
    setErrors(found)
    if (first) {
      void Taro.pageScrollTo({ selector: first === 'form' ? '#visit-form-error' : `#field-${first}`, duration: 200 }).catch(() => undefined)
      return
    }
    setSubmitting(true)
    const outcome = await props.onSubmit(draft, pad.current)
    setSubmitting(false)
    if (!outcome.ok) {
      setErrors(outcome.errors)
      return
    }
    if (outcome.next) {
      setDraft(outcome.next)
      setCleared('untouched')
      pad.current?.clear()
      // Up to what became of the record just saved.
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
    }
  }

  const dateProblem = errors.visitedOn ?? visitDateProblem(draft.visitedOn, today, campaignStart) ?? undefined
  const householdErrors: HouseholdSlotProps['errors'] = {}
  for (const field of HOUSEHOLD_FIELDS) if (errors[field]) householdErrors[field] = errors[field]

  return (
    <View className='visit-form' id='visit-form'>
      <TextField label='单位' name='unitName' value={draft.unitName} maxlength={40} error={errors.unitName} onChange={(unitName) => update({ unitName }, 'unitName')} />
      <CoworkersField
        authorName={props.authorName}
        coworkers={draft.coworkers}
        error={errors.coworkers}
        onChange={(coworkers) => update({ coworkers }, 'coworkers')}
      />
      <DateField value={draft.visitedOn} today={today} earliest={campaignStart} error={dateProblem} onChange={(visitedOn) => update({ visitedOn }, 'visitedOn')} />
      <ContentField
        items={draft.items}
        otherChecked={draft.otherChecked}
        otherContent={draft.otherContent}
        error={errors.items}
        onChange={(patch) => update(patch, 'items')}
      />
      {props.renderHousehold({
        village,
        value: draft.household,
        errors: householdErrors,
        onChange: (household) => {
          // Picking a registered household fills in the head's name and phone
          // when nothing was typed yet: often the head is who opens the door.
          setCleared(null)
          setDraft((current) => {
            const next = { ...current, household }
            if (household?.kind === 'registered') {
              if (!current.residentName.trim() && household.headName) next.residentName = household.headName
              if (!current.phone.trim() && !current.phoneDeclined && household.phone) next.phone = household.phone
            }
            return next
          })
          setErrors((current) => {
            const next = { ...current }
            for (const field of HOUSEHOLD_FIELDS) delete next[field]
            if (household?.kind === 'registered') {
              delete next.residentName
              delete next.phone
            }
            return next
          })
        },
      })}
      <TextField
        label='入户对象姓名'
        name='residentName'
        value={draft.residentName}
        maxlength={20}
        placeholder='开门接受宣传的人'
        error={errors.residentName}
        onChange={(residentName) => update({ residentName }, 'residentName')}
      />
      <PhoneField
        phone={draft.phone}
        declined={draft.phoneDeclined}
        reason={draft.phoneDeclinedReason}
        errors={{ phone: errors.phone, phoneDeclinedReason: errors.phoneDeclinedReason }}
        onChange={(patch) => update(patch, 'phone', 'phoneDeclinedReason')}
      />
      <SignatureField
        kind={draft.signatureKind}
        reason={draft.signatureReason}
        proxyName={draft.proxyName}
        errors={{ signature: errors.signature, 'signature-reason': errors['signature-reason'], 'signature-proxyName': errors['signature-proxyName'] }}
        onChange={(patch) => update(patch, 'signature', 'signature-reason', 'signature-proxyName')}
        padRef={pad}
        onPadChange={(empty) => {
          if (!empty) update({}, 'signature')
        }}
        locked={lockedSignature}
      />
      {lockedSignature ? null : <PhotoField path={draft.photoPath} error={errors.photo} onChange={(photoPath) => update({ photoPath }, 'photo')} />}
      {lockedSignature ? null : <LocationField value={draft.location} error={errors.location} onChange={(location) => update({ location }, 'location')} />}
      {errors.form ? (
        <View className='inline-error' id='visit-form-error'>
          <Text className='inline-error__text'>{errors.form}</Text>
        </View>
      ) : null}
      {props.footer}
      {cleared === 'tapped' ? (
        <View className='notice' id='visit-form-cleared'>
          <Text>上一户已经保存。这是下一户的空白表，填好后再点「{props.submitText}」。</Text>
        </View>
      ) : null}
      <BigButton id='visit-save' onClick={() => void submit()} loading={submitting} loadingText={props.submittingText}>
        {props.submitText}
      </BigButton>
    </View>
  )
}
