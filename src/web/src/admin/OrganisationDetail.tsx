import { useState } from 'react';
import { t, tf } from '../i18n.ts';
import { ChangeHistory } from './ChangeHistory.tsx';
import { ContactChain } from './ContactChain.tsx';
import { ContactsForm } from './ContactsForm.tsx';
import { HoursEditor } from './HoursEditor.tsx';
import { JourMembersForm } from './JourMembersForm.tsx';
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
  const [editing, setEditing] = useState<'hours' | 'members' | null>(null);
  const saved = () => {
    setHistoryRound((r) => r + 1);
    onSaved();
  };
  const editable = canEdit && organisation.kind !== 'hub';
  const isJour = organisation.kind === 'jour_group';
  const toggle = (what: 'hours' | 'members') => setEditing((e) => (e === what ? null : what));
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
          {editable && (
            <div className="row-actions">
              <button type="button" className="secondary" aria-expanded={editing === 'hours'} aria-controls={editing === 'hours' ? 'edit-hours' : undefined} onClick={() => toggle('hours')}>
                {t('editHoursHeading')}
              </button>
              {isJour && (
                <button type="button" className="secondary" aria-expanded={editing === 'members'} aria-controls={editing === 'members' ? 'edit-members' : undefined} onClick={() => toggle('members')}>
                  {t('editMembersHeading')}
                </button>
              )}
            </div>
          )}
        </div>
      </div>
      {editable && editing === 'hours' && (
        <div id="edit-hours" className="editor-panel">
          <HoursEditor orgId={organisation.orgId} kind={organisation.kind} hours={organisation.hours} onSaved={saved} />
        </div>
      )}
      {editable && isJour && editing === 'members' && (
        <div id="edit-members" className="editor-panel">
          <JourMembersForm orgId={organisation.orgId} members={organisation.members ?? []} onSaved={saved} />
        </div>
      )}
      {canEdit && (
        <ContactsForm
          orgId={organisation.orgId}
          contacts={organisation.contacts}
          onSaved={saved}
        />
      )}
      {canSeeHistory && <ChangeHistory orgId={organisation.orgId} round={historyRound} />}
    </>
  );
}
