// The hub's open cases in the server's order of what needs the hub now (GET /cases
// ?order=attention: src/domain/hub-attention.ts) with its counts, for the queue and the
// overview alike. Live from the notification stream (or polling), and reloaded the moment the
// next of the hub's deadlines passes, so that the order and the "försenade" count never lag
// behind the rows' own countdowns.
import { useEffect, useState } from 'react';
import { HUB_QUEUE_PATH } from '../../../shared/views.ts';
import { useLoad } from '../admin/useLoad.ts';
import { useLiveRefresh } from '../cases/live.ts';
import type { CaseList } from '../cases/types.ts';
import { client, ok } from '../api.ts';

export { HUB_QUEUE_PATH };

export function useHubQueue() {
  const [round, setRound] = useState(0);
  const { load, reload } = useLoad<CaseList>(
    HUB_QUEUE_PATH,
    // The query of HUB_QUEUE_PATH in its order, so that the URL is the one the page preloads.
    () => ok(client.GET('/api/v1/cases', { params: { query: { status: 'open', order: 'attention', limit: 200 } } })),
    round,
  );
  const mode = useLiveRefresh(() => setRound((r) => r + 1));

  useEffect(() => {
    if (load.state !== 'ready') return;
    const now = Date.now();
    const next = Math.min(...load.data.cases.map((c) => (c.hubClock ? Date.parse(c.hubClock.dueAt) : Infinity)).filter((at) => at > now));
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => setRound((r) => r + 1), Math.min(next - now + 500, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [load]);

  return { load, reload, mode, refresh: () => setRound((r) => r + 1) };
}
