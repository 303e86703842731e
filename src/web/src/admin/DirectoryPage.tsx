import { useEffect, useRef, useState } from 'react';
import type { Role } from '../../../shared/role-names.ts';
import { t } from '../i18n.ts';
import { roleCan } from '../permissions.ts';
import { LoadState } from './LoadState.tsx';
import { MunicipalityTable } from './MunicipalityTable.tsx';
import { OrganisationDetail } from './OrganisationDetail.tsx';
import type { Directory } from './types.ts';
import { useLoad } from './useLoad.ts';
import { client, ok } from '../api.ts';

export function DirectoryPage({ role }: { role: Role }) {
  const { load, reload } = useLoad<Directory>('directory', () => ok(client.GET('/api/v1/directory')));
  const [selected, setSelected] = useState<string | null>(null);
  const detailRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (selected) detailRef.current?.focus();
  }, [selected]);

  const directory = load.state === 'ready' ? load.data : null;
  const organisation = directory?.organisations.find((o) => o.orgId === selected) ?? null;

  return (
    <>
      <h1>{t('directoryHeading')}</h1>
      <p>{t('directoryIntro')}</p>
      <LoadState load={load} onRetry={reload} />
      {directory && (
        <>
          <MunicipalityTable directory={directory} selected={selected} onSelect={setSelected} />
          {organisation && (
            <section className="card wide detail" ref={detailRef} tabIndex={-1} aria-labelledby="org-heading">
              <OrganisationDetail
                key={organisation.orgId}
                organisation={organisation}
                directory={directory}
                canEdit={roleCan(role, 'directory.write')}
                canSeeHistory={roleCan(role, 'directory.history')}
                onSaved={reload}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
