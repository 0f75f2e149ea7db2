import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from './api';
import { useLive } from './live';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Ask again (after a write, or a CONFLICT). */
  reload: () => void;
}

/**
 * An answer from the server, asked again whenever `key` (what `load` depends on) changes and after every committed
 * sync (live updates). The previous answer stays on screen while the next one loads, so a live update never blanks
 * the page; an answer overtaken by a newer request is dropped.
 */
export function useLoaded<T>(load: () => Promise<T>, key: string): QueryState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const asked = useRef(0);
  const latest = useRef(load);
  latest.current = load;
  const run = useCallback(() => {
    const n = ++asked.current;
    setState((s) => ({ ...s, loading: true }));
    latest.current().then(
      (data) => n === asked.current && setState({ data, error: null, loading: false }),
      (err: unknown) =>
        n === asked.current &&
        setState((s) => ({ data: s.data, error: err instanceof ApiError ? err : new ApiError(String(err), 'INTERNAL'), loading: false })),
    );
  }, [key]);
  useEffect(run, [run]);
  useLive(run);
  return { ...state, reload: run };
}

/** A GraphQL query (useLoaded), asked again whenever its variables change. */
export function useQuery<T>(query: string, variables: Record<string, unknown>): QueryState<T> {
  return useLoaded(() => gql<T>(query, variables), `${query}\u0000${JSON.stringify(variables)}`);
}
