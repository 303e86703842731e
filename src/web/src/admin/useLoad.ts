import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api.ts';

export type Load<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/** GETs `path` (null: nothing yet) and reloads when it or `refresh` changes, or on `reload()`. */
export function useLoad<T>(path: string | null, refresh = 0): { load: Load<T>; reload(): void } {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoad((prev) => (prev.state === 'ready' ? prev : { state: 'loading' }));
    api<T>('GET', path).then(
      (data) => live && setLoad({ state: 'ready', data }),
      (e: unknown) => live && setLoad({ state: 'error', message: e instanceof ApiError ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [path, round, refresh]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { load, reload };
}
