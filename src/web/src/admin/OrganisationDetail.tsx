import { useState } from 'react';
import { t, tf } from '../i18n.ts';
import { ChangeHistory } from './ChangeHistory.tsx';
import { ContactChain } from './ContactChain.tsx';
import { ContactsForm } from './ContactsForm.tsx';
import type { Directory, Organisation } from './types.ts';
import { WeekHours } from './WeekHours.tsx';

interface Props {
  organisation: Organisation;
  directory: Directory;
  canEdit: boolean;
  canSeeHistory: boolean;
  onSaved(): void;
}

export function OrganisationDetail({ organisation, directory, canEdit, canSeeHistory, onSaved }: Props) {
  const [historyRound, setHistoryRound] = useState(0);
  const memberNames = (organisation.members ?? []).map((code) => directory.municipalities.find((m) => m.code === code)?.name ?? code);
  return (
    <>
      <h2 id="org-heading">{organisation.name}</h2>
      <div className="columns">
        <div>
          <h3>{t('contactChainHeading')}</h3>
          <ContactChain contacts={organisation.contacts} />
        </div>
        <div>
          <h3>{t('hoursHeading')}</h3>
          {organisation.hours ? <WeekHours hours={organisation.hours} /> : <p>{t('jourHours')}</p>}
          {memberNames.length > 0 && <p>{tf('jourMembers', { names: memberNames.join(', ') })}</p>}
        </div>
      </div>
      {canEdit && (
        <ContactsForm
          orgId={organisation.orgId}
          contacts={organisation.contacts}
          onSaved={() => {
            setHistoryRound((r) => r + 1);
            onSaved();
          }}
        />
      )}
      {canSeeHistory && <ChangeHistory orgId={organisation.orgId} round={historyRound} />}
    </>
  );
}
