// "Ny anmälan": the police report form, one column, large touch targets, completable on a phone
// in under a minute. The draft is saved in this browser on every change; the identity number is
// checked as it is typed with the server's own rules; the server's field errors land beside
// their fields. After submission: the case number and whom the hub is contacting.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { countyByName, otherMunicipalities } from '../../../shared/municipalities.ts';
import { ApiError, client, ok } from '../api.ts';
import { errorText, fieldErrors } from '../cases/caseApi.ts';
import { ChoiceGroup, Checkbox, DateField, SelectField, TextArea, TextField } from '../cases/fields.tsx';
import { formatWhen, urgencyLabels } from '../cases/format.ts';
import type { ReportInput, SubmitResult } from '../cases/types.ts';
import { t, tError, tf } from '../i18n.ts';
import type { Session } from '../session.ts';
import { clearReportDraft, emptyDraft, loadReportDraft, localInputValue, saveReportDraft, type ReportDraft } from './draft.ts';
import { GuardiansFields } from './GuardiansFields.tsx';
import { IdentityField, identityProblem } from './IdentityField.tsx';

const gangOptions = [
  { value: 'recruited', label: t('gangRecruited') },
  { value: 'exploited', label: t('gangExploited') },
  { value: 'threatened', label: t('gangThreatened') },
  { value: 'in_conflict', label: t('gangInConflict') },
  { value: 'other', label: t('gangOther') },
];
const urgencyOptions = (['acute', 'today', 'not_urgent'] as const).map((u) => ({ value: u, label: t(urgencyLabels[u]) }));
const countyOptions = countyByName.map((m) => ({ value: m.code, label: m.name }));
const residenceOptions = [
  { value: 'unknown', label: t('municipalityUnknown') },
  ...countyOptions,
  ...otherMunicipalities.map((m) => ({ value: m.code, label: tf('outsideCounty', { name: m.name }) })),
];

function toBody(d: ReportDraft): ReportInput {
  const found = new Date(d.foundAt);
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    policeDiaryNumber: d.policeDiaryNumber,
    reportingOfficer: { name: d.officerName, unit: d.officerUnit, phone: d.officerPhone },
    found: { at: Number.isNaN(found.getTime()) ? '' : found.toISOString(), municipalityCode: d.foundCode, place: d.foundPlace },
    child:
      d.identityKind === 'known'
        ? { identityKind: 'known', identityNumber: d.identityNumber, ...(optional(d.childName) ? { name: d.childName } : {}) }
        : { identityKind: 'unknown', name: d.childName, estimatedAge: d.estimatedAge.trim() === '' ? Number.NaN : Number(d.estimatedAge), description: d.description },
    residence: {
      municipalityCode: d.residenceCode && d.residenceCode !== 'unknown' ? d.residenceCode : null,
      ...(optional(d.residenceAddress) ? { address: d.residenceAddress.trim() } : {}),
    },
    protectedIdentity: d.protectedIdentity,
    guardians: d.guardians
      .filter((g) => g.name.trim() || g.relation.trim() || g.phone.trim())
      .map((g) => ({ name: g.name, relation: g.relation, ...(optional(g.phone) ? { phone: g.phone } : {}), ...(optional(g.address) ? { address: g.address } : {}) })),
    concern: d.concern,
    gangRisk: { types: d.gangTypes as ReportInput['gangRisk']['types'], description: d.gangDescription },
    ...(optional(d.policeRiskAssessment) ? { policeRiskAssessment: d.policeRiskAssessment } : {}),
    whereaboutsNow: { place: d.whereabouts, withWhom: d.withWhom },
    urgency: d.urgency as ReportInput['urgency'],
  };
}

/** Checks the browser can make before sending: what is missing, and the identity number. */
function localErrors(d: ReportDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.urgency) out.urgency = t('chooseUrgency');
  if (d.identityKind === 'known') {
    const problem = identityProblem(d.identityNumber);
    if (problem) out['child.identityNumber'] = problem;
  }
  if (d.gangTypes.length === 0) out['gangRisk.types'] = t('chooseGangRisk');
  if (!d.foundCode) out['found.municipalityCode'] = t('chooseMunicipality');
  const foundProblem = foundAtProblem(d);
  if (foundProblem) out['found.at'] = foundProblem;
  return out;
}

/** The time found is an explicit choice: "Nu" or a time given, not in the future. */
function foundAtProblem(d: ReportDraft): string | null {
  if (d.foundWhen === '') return t('foundWhenMissing');
  const at = new Date(d.foundAt).getTime();
  if (d.foundAt === '' || Number.isNaN(at)) return t('foundAtMissing');
  if (at > Date.now() + 5 * 60_000) return t('foundAtFuture');
  return null;
}

interface Props {
  session: Session;
  onOpenCase(id: string): void;
}

export function ReportForm({ session, onOpenCase }: Props) {
  const officer = { name: session.user.displayName, unit: session.user.organisation.name, phone: '' };
  const [draft, setDraft] = useState<ReportDraft>(() => loadReportDraft() ?? emptyDraft(officer));
  const [restored] = useState(() => loadReportDraft() !== null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [dirty, setDirty] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const id = useId().replace(/:/g, '');
  const f = (path: string) => `${id}-${path.replace(/\./g, '-')}`;

  useEffect(() => {
    if (dirty) saveReportDraft(draft);
  }, [draft, dirty]);

  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => {
    setDirty(true);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local = localErrors(draft);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(tError('VALIDATION_FAILED'));
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const res: SubmitResult = await ok(client.POST('/api/v1/cases', { body: toBody(draft), params: { header: { 'idempotency-key': draft.idempotencyKey } } }));
      clearReportDraft();
      setResult(res);
      setErrors({});
      setMessage(null);
      setDirty(false);
      setDraft(emptyDraft({ name: draft.officerName, unit: draft.officerUnit, phone: draft.officerPhone }));
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage(e instanceof ApiError && e.code === 'SERVICE_UNAVAILABLE' ? t('submitOffline') : errorText(e));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  if (result) {
    return (
      <section className="receipt" aria-labelledby={`${id}-receipt`}>
        <h1 id={`${id}-receipt`} tabIndex={-1} ref={resultRef}>
          {t('reportReceived')}
        </h1>
        <p className="case-number">
          {t('caseNumber')}: <strong>{result.number}</strong>
        </p>
        <p className="big-text">
          {result.expectedContact.orgName
            ? tf('hubContacts', { org: result.expectedContact.orgName, municipality: result.expectedContact.municipality ?? t('municipalityUnknown') })
            : t('hubDecidesContact')}
        </p>
        {result.duplicateFlag && <p className="notice">{t('duplicateFlagged')}</p>}
        {!result.created && <p className="notice">{t('alreadyReceived')}</p>}
        <div className="row-actions">
          <button type="button" onClick={() => setResult(null)}>
            {t('newReport')}
          </button>
          <button type="button" className="secondary" onClick={() => onOpenCase(result.id)}>
            {t('openReport')}
          </button>
        </div>
      </section>
    );
  }

  const errorList = Object.entries(errors);
  return (
    <form className="report-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h1 id={`${id}-heading`}>{t('navReport')}</h1>
      <p className="muted hint">{t('requiredNote')}</p>
      {restored && <p className="notice">{t('draftRestored')}</p>}
      {message && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <p className="error">{message}</p>
          {errorList.length > 0 && (
            <ul>
              {errorList.map(([path, text]) => (
                <li key={path}>
                  <a href={`#${f(path)}`}>{text}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <section className="form-section" aria-labelledby={`${id}-s1`}>
        <h2 id={`${id}-s1`}>{t('sectionFirst')}</h2>
        <ChoiceGroup
          id={f('urgency')}
          name="urgency"
          type="radio"
          label={t('urgency')}
          required
          options={urgencyOptions}
          selected={draft.urgency ? [draft.urgency] : []}
          onChange={([v]) => set('urgency', (v ?? '') as ReportDraft['urgency'])}
          error={errors.urgency}
        />
        <TextField id={f('whereaboutsNow.place')} label={t('whereaboutsNow')} required value={draft.whereabouts} onChange={(v) => set('whereabouts', v)} error={errors['whereaboutsNow.place']} />
        <TextField id={f('whereaboutsNow.withWhom')} label={t('withWhom')} value={draft.withWhom} onChange={(v) => set('withWhom', v)} error={errors['whereaboutsNow.withWhom']} />
      </section>

      <section className="form-section" aria-labelledby={`${id}-s2`}>
        <h2 id={`${id}-s2`}>{t('sectionChild')}</h2>
        <ChoiceGroup
          id={f('child.identityKind')}
          name="identityKind"
          type="radio"
          label={t('identityKind')}
          options={[
            { value: 'known', label: t('identityKnown') },
            { value: 'unknown', label: t('identityUnknown') },
          ]}
          selected={[draft.identityKind]}
          onChange={([v]) => set('identityKind', v === 'unknown' ? 'unknown' : 'known')}
          error={errors['child.identityKind']}
        />
        {draft.identityKind === 'known' ? (
          <>
            <IdentityField id={f('child.identityNumber')} value={draft.identityNumber} onChange={(v) => set('identityNumber', v)} serverError={errors['child.identityNumber']} />
            <TextField id={f('child.name')} label={t('childNameOptional')} value={draft.childName} onChange={(v) => set('childName', v)} error={errors['child.name']} />
          </>
        ) : (
          <>
            <TextField id={f('child.name')} label={t('childNameAsGiven')} required value={draft.childName} onChange={(v) => set('childName', v)} error={errors['child.name']} />
            <TextField
              id={f('child.estimatedAge')}
              label={t('estimatedAge')}
              required
              inputMode="numeric"
              value={draft.estimatedAge}
              onChange={(v) => set('estimatedAge', v.replace(/[^0-9]/g, ''))}
              error={errors['child.estimatedAge']}
              maxLength={2}
            />
            <TextArea id={f('child.description')} label={t('childDescription')} required value={draft.description} onChange={(v) => set('description', v)} error={errors['child.description']} />
          </>
        )}
        <SelectField
          id={f('residence.municipalityCode')}
          label={t('residenceMunicipality')}
          value={draft.residenceCode}
          onChange={(v) => set('residenceCode', v)}
          options={residenceOptions}
          placeholder={t('choose')}
          error={errors['residence.municipalityCode']}
          hint={t('residenceHint')}
        />
        <TextField id={f('residence.address')} label={t('residenceAddress')} value={draft.residenceAddress} onChange={(v) => set('residenceAddress', v)} error={errors['residence.address']} />
        <Checkbox id={f('protectedIdentity')} label={t('protectedIdentity')} hint={t('protectedIdentityHint')} checked={draft.protectedIdentity} onChange={(v) => set('protectedIdentity', v)} />
      </section>

      <section className="form-section" aria-labelledby={`${id}-s3`}>
        <h2 id={`${id}-s3`}>{t('sectionFound')}</h2>
        <SelectField
          id={f('found.municipalityCode')}
          label={t('foundMunicipality')}
          required
          value={draft.foundCode}
          onChange={(v) => set('foundCode', v)}
          options={countyOptions}
          placeholder={t('choose')}
          error={errors['found.municipalityCode']}
        />
        <TextField id={f('found.place')} label={t('foundPlace')} required value={draft.foundPlace} onChange={(v) => set('foundPlace', v)} error={errors['found.place']} />
        <ChoiceGroup
          id={draft.foundWhen === 'other' ? f('found.when') : f('found.at')}
          name="foundWhen"
          type="radio"
          label={t('foundWhen')}
          required
          options={[
            { value: 'now', label: draft.foundWhen === 'now' && draft.foundAt ? tf('foundNow', { time: formatWhen(new Date(draft.foundAt).toISOString()) }) : t('foundNowPlain') },
            { value: 'other', label: t('foundOther') },
          ]}
          selected={draft.foundWhen ? [draft.foundWhen] : []}
          onChange={([v]) => {
            setDirty(true);
            setDraft((d) => (v === 'now' ? { ...d, foundWhen: 'now', foundAt: localInputValue(new Date()) } : { ...d, foundWhen: 'other', foundAt: d.foundWhen === 'other' ? d.foundAt : '' }));
          }}
          error={draft.foundWhen === 'other' ? undefined : errors['found.at']}
        />
        {draft.foundWhen === 'other' && (
          <DateField id={f('found.at')} kind="datetime" label={t('foundAt')} required value={draft.foundAt} onChange={(v) => set('foundAt', v)} error={errors['found.at']} />
        )}
      </section>

      <section className="form-section" aria-labelledby={`${id}-s4`}>
        <h2 id={`${id}-s4`}>{t('sectionConcern')}</h2>
        <TextArea id={f('concern')} label={t('concern')} required rows={4} value={draft.concern} onChange={(v) => set('concern', v)} error={errors.concern} />
        <ChoiceGroup
          id={f('gangRisk.types')}
          name="gangTypes"
          type="checkbox"
          label={t('gangRiskTypes')}
          required
          options={gangOptions}
          selected={draft.gangTypes}
          onChange={(v) => set('gangTypes', v)}
          error={errors['gangRisk.types']}
        />
        <TextArea id={f('gangRisk.description')} label={t('gangRiskDescription')} value={draft.gangDescription} onChange={(v) => set('gangDescription', v)} error={errors['gangRisk.description']} />
        <TextArea
          id={f('policeRiskAssessment')}
          label={t('policeRiskAssessment')}
          value={draft.policeRiskAssessment}
          onChange={(v) => set('policeRiskAssessment', v)}
          error={errors.policeRiskAssessment}
        />
      </section>

      <section className="form-section" aria-labelledby={`${id}-s6`}>
        <h2 id={`${id}-s6`}>{t('sectionPolice')}</h2>
        <TextField
          id={f('reportingOfficer.phone')}
          type="tel"
          inputMode="tel"
          label={t('officerPhone')}
          required
          value={draft.officerPhone}
          onChange={(v) => set('officerPhone', v)}
          error={errors['reportingOfficer.phone']}
        />
        <TextField
          id={f('policeDiaryNumber')}
          label={t('policeDiaryNumber')}
          required
          hint={t('policeDiaryNumberHint')}
          value={draft.policeDiaryNumber}
          onChange={(v) => set('policeDiaryNumber', v)}
          error={errors.policeDiaryNumber}
        />
        <TextField id={f('reportingOfficer.name')} label={t('officerName')} required value={draft.officerName} onChange={(v) => set('officerName', v)} error={errors['reportingOfficer.name']} />
        <TextField id={f('reportingOfficer.unit')} label={t('officerUnit')} required value={draft.officerUnit} onChange={(v) => set('officerUnit', v)} error={errors['reportingOfficer.unit']} />
      </section>

      <GuardiansFields idOf={f} guardians={draft.guardians} errors={errors} onChange={(g) => set('guardians', g)} />

      <p className="muted hint draft-note">{t('draftNote')}</p>
      <button type="submit" className="big" disabled={busy}>
        {busy ? t('sending') : t('submitReport')}
      </button>
    </form>
  );
}
