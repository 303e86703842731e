import { DateInput } from '../DateInput.tsx';
import { useId, useState } from 'react';
import { t, tf } from '../i18n.ts';
import { CoverageGaps } from './CoverageGaps.tsx';
import { CoverageHeatMap } from './CoverageHeatMap.tsx';
import { LoadState } from './LoadState.tsx';
import { addDays, stockholmToday } from './time.ts';
import type { Coverage, Directory } from './types.ts';
import { useLoad } from './useLoad.ts';
import { client, ok } from '../api.ts';

const DAY_CHOICES = [7, 28, 90] as const;

export function CoveragePage() {
  const [from, setFrom] = useState(() => stockholmToday());
  const [days, setDays] = useState<number>(28);
  const fromId = useId();
  const daysId = useId();
  const validFrom = /^\d{4}-\d{2}-\d{2}$/.test(from);
  const directory = useLoad<Directory>('directory', () => ok(client.GET('/api/v1/directory')));
  const coverage = useLoad<Coverage>(validFrom ? `coverage ${from} ${days}` : null, () => ok(client.GET('/api/v1/coverage', { params: { query: { from, days } } })));

  return (
    <>
      <h1>{t('coverageHeading')}</h1>
      <p>{t('coverageIntro')}</p>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={fromId}>{t('coverageFrom')}</label>
          <DateInput id={fromId} kind="date" value={from} required onChange={setFrom} />
        </div>
        <div>
          <label htmlFor={daysId}>{t('coverageDays')}</label>
          <select id={daysId} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {DAY_CHOICES.map((n) => (
              <option key={n} value={n}>
                {tf('daysOption', { n })}
              </option>
            ))}
          </select>
        </div>
      </form>
      <LoadState load={directory.load} onRetry={directory.reload} />
      <LoadState load={coverage.load} onRetry={coverage.reload} />
      {directory.load.state === 'ready' && coverage.load.state === 'ready' && (
        <>
          <CoverageHeatMap
            municipalities={directory.load.data.municipalities.filter((m) => m.inCounty)}
            coverage={coverage.load.data}
            caption={tf('coverageCaption', { from: coverage.load.data.from, to: addDays(coverage.load.data.from, coverage.load.data.days - 1) })}
          />
          <CoverageGaps gaps={coverage.load.data.gaps} />
        </>
      )}
    </>
  );
}
