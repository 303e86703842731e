import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';

export type Load<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/**
 * Loads with `fetch` (a call of the typed client, e.g. `() => ok(client.GET('/api/v1/agreements'))`)
 * and again when `key` (what is asked for, e.g. the path and query; null: nothing yet) or
 * `refresh` changes, or on `reload()`.
 */
export function useLoad<T>(key: string | null, fetch: () => Promise<T>, refresh = 0): { load: Load<T>; reload(): void } {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  // The latest fetch; it changes every render, the key says when it asks for something else.
  const latest = useRef(fetch);
  latest.current = fetch;
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setLoad((prev) => (prev.state === 'ready' ? prev : { state: 'loading' }));
    latest.current().then(
      (data) => live && setLoad({ state: 'ready', data }),
      (e: unknown) => live && setLoad({ state: 'error', message: e instanceof ApiError ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [key, round, refresh]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { load, reload };
}
