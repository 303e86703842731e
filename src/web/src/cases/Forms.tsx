// The forms of the case actions, each shown only when the case's allowedActions lists it.
import { useState } from 'react';
import { countyByName, otherMunicipalities } from '../../../shared/municipalities.ts';
import { t, tf } from '../i18n.ts';
import { ActionForm, type Act } from './ActionForm.tsx';
import { Checkbox, ChoiceGroup, DateField, SelectField, TextArea, TextField } from './fields.tsx';
import { stockholmDate } from './format.ts';
import { forhandsLabels, handlingLabels, skyddLabels } from './labels.ts';
import type { TransitionName } from './types.ts';
import { localInputValue } from '../police/draft.ts';

const municipalityOptions = [...countyByName, ...otherMunicipalities].map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }));
const required = (value: string, key: string): Record<string, string> => (value.trim() ? {} : { [key]: t('fieldRequired') });

/** A free-text reason: return to police, refuse a handover, reopen. */
export function ReasonForm({ act, name, heading, label, submitLabel, intro }: { act: Act; name: TransitionName; heading: string; label: string; submitLabel: string; intro?: string }) {
  const [reason, setReason] = useState('');
  return (
    <ActionForm act={act} name={name} heading={heading} submitLabel={submitLabel} intro={intro} body={() => ({ reason })} validate={() => required(reason, 'reason')}>
      {(errors, id) => <TextArea id={`${id}-reason`} label={label} required value={reason} onChange={setReason} error={errors.reason} />}
    </ActionForm>
  );
}

/** The eligibility decision from the rules; a supervisor may override it with a written reason. */
export function DecisionForms({ act, supervisor }: { act: Act; supervisor: boolean }) {
  const [handling, setHandling] = useState('handover');
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  return (
    <>
      <ActionForm act={act} name="decide" heading={t('decisionHeading')} intro={t('decisionIntro')} submitLabel={t('decideByRules')} body={() => ({})} />
      {supervisor && (
        <ActionForm
          act={act}
          name="decide"
          heading={t('overrideHeading')}
          intro={t('overrideIntro')}
          submitLabel={t('overrideSubmit')}
          body={() => ({ override: { handling, ...(code ? { responsibleMunicipalityCode: code } : {}), reason } })}
          validate={() => required(reason, 'override.reason')}
        >
          {(errors, id) => (
            <>
              <SelectField
                id={`${id}-handling`}
                label={t('overrideHandling')}
                value={handling}
                onChange={setHandling}
                options={Object.entries(handlingLabels).map(([value, key]) => ({ value, label: t(key) }))}
                error={errors['override.handling']}
              />
              <SelectField
                id={`${id}-code`}
                label={t('overrideMunicipality')}
                value={code}
                onChange={setCode}
                options={municipalityOptions}
                placeholder={t('fromRules')}
                error={errors['override.responsibleMunicipalityCode']}
              />
              <TextArea id={`${id}-reason`} label={t('overrideReason')} required value={reason} onChange={setReason} error={errors['override.reason']} />
            </>
          )}
        </ActionForm>
      )}
    </>
  );
}

export function ForwardForm({ act }: { act: Act }) {
  const [code, setCode] = useState('');
  const [channel, setChannel] = useState('email');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      act={act}
      name="forward"
      heading={t('forwardHeading')}
      intro={t('forwardIntro')}
      submitLabel={t('forwardSubmit')}
      body={() => ({ municipalityCode: code, channel, address, ...(note.trim() ? { note } : {}) })}
      validate={() => ({ ...(code ? {} : { municipalityCode: t('chooseMunicipality') }), ...required(address, 'address') })}
    >
      {(errors, id) => (
        <>
          <SelectField id={`${id}-code`} label={t('forwardTo')} required value={code} onChange={setCode} options={municipalityOptions} placeholder={t('choose')} error={errors.municipalityCode} />
          <SelectField
            id={`${id}-channel`}
            label={t('forwardChannel')}
            value={channel}
            onChange={setChannel}
            options={[
              { value: 'email', label: t('channelEmail') },
              { value: 'phone', label: t('channelPhone') },
              { value: 'letter', label: t('channelLetter') },
              { value: 'other', label: t('channelOther') },
            ]}
            error={errors.channel}
          />
          <TextField id={`${id}-address`} label={t('forwardAddress')} required value={address} onChange={setAddress} error={errors.address} />
          <TextArea id={`${id}-note`} label={t('forwardNote')} value={note} onChange={setNote} error={errors.note} />
        </>
      )}
    </ActionForm>
  );
}

export function VerbalAckForm({ act, orgId }: { act: Act; orgId: string | null }) {
  const [name, setName] = useState('');
  return (
    <ActionForm
      act={act}
      name="record_verbal_acknowledgement"
      heading={t('verbalAckHeading')}
      intro={t('verbalAckIntro')}
      submitLabel={t('verbalAckSubmit')}
      body={() => ({ acceptedByName: name, ...(orgId ? { orgId } : {}) })}
      validate={() => required(name, 'acceptedByName')}
    >
      {(errors, id) => <TextField id={`${id}-name`} label={t('acceptedByName')} required value={name} onChange={setName} error={errors.acceptedByName} />}
    </ActionForm>
  );
}

export function SkyddForm({ act }: { act: Act }) {
  const [at, setAt] = useState(() => localInputValue(new Date()));
  const [outcome, setOutcome] = useState('');
  const [measures, setMeasures] = useState('');
  return (
    <ActionForm
      act={act}
      name="record_skyddsbedomning"
      heading={t('skyddHeading')}
      submitLabel={t('skyddSubmit')}
      body={() => ({ assessedAt: new Date(at).toISOString(), outcome, measures })}
      validate={() => ({ ...(outcome ? {} : { outcome: t('chooseOne') }), ...(Number.isNaN(new Date(at).getTime()) ? { assessedAt: t('fieldRequired') } : {}) })}
    >
      {(errors, id) => (
        <>
          <DateField id={`${id}-at`} kind="datetime" label={t('skyddAt')} required value={at} onChange={setAt} error={errors.assessedAt} />
          <ChoiceGroup
            id={`${id}-outcome`}
            name={`${id}-outcome`}
            type="radio"
            label={t('skyddOutcome')}
            required
            options={Object.entries(skyddLabels).map(([value, key]) => ({ value, label: t(key) }))}
            selected={outcome ? [outcome] : []}
            onChange={([v]) => setOutcome(v ?? '')}
            error={errors.outcome}
          />
          <TextArea id={`${id}-measures`} label={t('skyddMeasures')} value={measures} onChange={setMeasures} error={errors.measures} />
        </>
      )}
    </ActionForm>
  );
}

export function ForhandsForm({ act }: { act: Act }) {
  const [decision, setDecision] = useState('');
  const [date, setDate] = useState(() => stockholmDate());
  const [note, setNote] = useState('');
  return (
    <ActionForm
      act={act}
      name="record_forhandsbedomning"
      heading={t('forhandsHeading')}
      submitLabel={t('forhandsSubmit')}
      body={() => ({ decision, decidedOn: date, note })}
      validate={() => ({ ...(decision ? {} : { decision: t('chooseOne') }), ...required(date, 'decidedOn') })}
    >
      {(errors, id) => (
        <>
          <ChoiceGroup
            id={`${id}-decision`}
            name={`${id}-decision`}
            type="radio"
            label={t('forhandsDecision')}
            required
            options={Object.entries(forhandsLabels).map(([value, key]) => ({ value, label: t(key) }))}
            selected={decision ? [decision] : []}
            onChange={([v]) => setDecision(v ?? '')}
            error={errors.decision}
          />
          <DateField id={`${id}-date`} kind="date" label={t('forhandsDate')} required value={date} onChange={setDate} error={errors.decidedOn} />
          <TextArea id={`${id}-note`} label={t('forhandsNote')} value={note} onChange={setNote} error={errors.note} />
        </>
      )}
    </ActionForm>
  );
}

export function FeedbackForm({ act, investigation }: { act: Act; investigation: string | null }) {
  const [withheld, setWithheld] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  return (
    <ActionForm
      act={act}
      name="send_feedback"
      heading={t('feedbackHeading')}
      intro={investigation ? tf('feedbackIntro', { decision: investigation }) : undefined}
      submitLabel={t('feedbackSubmit')}
      body={() => ({ withheld, ...(withheld ? { withheldReason: reason } : {}), message: withheld ? '' : message })}
      validate={() => (withheld ? required(reason, 'withheldReason') : {})}
    >
      {(errors, id) => (
        <>
          <Checkbox id={`${id}-withheld`} label={t('feedbackWithhold')} hint={t('feedbackWithholdHint')} checked={withheld} onChange={setWithheld} />
          {withheld ? (
            <TextArea id={`${id}-reason`} label={t('feedbackWithheldReason')} required value={reason} onChange={setReason} error={errors.withheldReason} />
          ) : (
            <TextArea id={`${id}-message`} label={t('feedbackMessage')} value={message} onChange={setMessage} error={errors.message} />
          )}
        </>
      )}
    </ActionForm>
  );
}
