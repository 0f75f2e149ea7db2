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
 * A GraphQL query, asked again whenever its variables change and after every committed sync (live updates). The
 * previous answer stays on screen while the next one loads, so a live update never blanks the page.
 */
export function useQuery<T>(query: string, variables: Record<string, unknown>): QueryState<T> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const asked = useRef(0);
  const run = useCallback(() => {
    const n = ++asked.current;
    setState((s) => ({ ...s, loading: true }));
    gql<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => n === asked.current && setState({ data, error: null, loading: false }),
      (err: unknown) =>
        n === asked.current &&
        setState((s) => ({ data: s.data, error: err instanceof ApiError ? err : new ApiError(String(err), 'INTERNAL'), loading: false })),
    );
  }, [query, key]);
  useEffect(run, [run]);
  useLive(run);
  return { ...state, reload: run };
}
