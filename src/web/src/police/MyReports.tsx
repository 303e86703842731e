// "Mina anmälningar": the reports of the officer's unit with their status, the questions that
// wait for an answer from the police, and the feedback received from the social services.
import { useEffect, useState } from 'react';
import { LoadState } from '../admin/LoadState.tsx';
import { useLoad } from '../admin/useLoad.ts';
import { client, ok } from '../api.ts';
import { feedbackText } from '../cases/labels.ts';
import { formatTime, statusText } from '../cases/format.ts';
import { useLiveRefresh } from '../cases/live.ts';
import type { CaseDto, CaseList } from '../cases/types.ts';
import { t, tf, tn } from '../i18n.ts';

/** The newest reports are opened for their thread and feedback (each read is audited). */
const DETAIL_LIMIT = 10;

export function MyReports({ orgId, onOpenCase }: { orgId: string; onOpenCase(id: string): void }) {
  const [round, setRound] = useState(0);
  const { load, reload } = useLoad<CaseList>('all cases', () => ok(client.GET('/api/v1/cases', { params: { query: { status: 'all' } } })), round);
  const [details, setDetails] = useState<Record<string, CaseDto>>({});
  useLiveRefresh(() => setRound((r) => r + 1));

  const ids = load.state === 'ready' ? load.data.cases.slice(0, DETAIL_LIMIT).map((c) => `${c.id}:${c.version}`).join(',') : '';
  useEffect(() => {
    if (!ids) return;
    let live = true;
    void Promise.all(
      ids.split(',').map((pair) =>
        ok(client.GET('/api/v1/cases/{id}', { params: { path: { id: pair.split(':')[0]! } } })).then(
          (c) => c,
          () => null,
        ),
      ),
    ).then((list) => {
      if (!live) return;
      const next: Record<string, CaseDto> = {};
      for (const c of list) if (c) next[c.id] = c;
      setDetails(next);
    });
    return () => {
      live = false;
    };
  }, [ids]);

  return (
    <>
      <h1>{t('navMyReports')}</h1>
      <p>{t('myReportsIntro')}</p>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' &&
        (load.data.cases.length === 0 ? (
          <p className="empty">{t('noReports')}</p>
        ) : (
          <ul className="case-cards">
            {load.data.cases.map((c) => {
              const d = details[c.id];
              const questions = d ? d.messages.filter((m) => m.kind === 'question' && !m.answeredAt && m.authorOrgId !== orgId).length : 0;
              const feedback = d ? feedbackText(d.feedback) : null;
              return (
                <li key={c.id} className="case-card">
                  <a
                    href={`/arende/${c.id}`}
                    className="case-link"
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      onOpenCase(c.id);
                    }}
                  >
                    {c.number}
                  </a>
                  <span className={`status status-${c.status}`}>{statusText(c)}</span>
                  <span className="muted">{tf('receivedAt', { time: formatTime(c.receivedAt) })}</span>
                  {questions > 0 && <strong className="flag">{tn('questionsWaiting', questions)}</strong>}
                  {feedback && (
                    <span className="feedback">
                      <strong>{t('feedbackReceived')}:</strong> {feedback}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
    </>
  );
}
