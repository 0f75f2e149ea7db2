import { useEffect, useRef } from 'preact/hooks';

/** What GET /events sends after each committed sync (this server's, or another process's such as the CLI's). */
export interface LiveChange {
  runId: number | null;
  changedNoteIds: string[];
}

type Listener = (change: LiveChange) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function connect(): void {
  if (source) {
    return;
  }
  source = new EventSource('/events');
  source.addEventListener('sync', (event) => {
    const change = JSON.parse((event as MessageEvent<string>).data) as LiveChange;
    document.documentElement.dataset.liveRun = String(change.runId ?? '');
    for (const listener of listeners) {
      listener(change);
    }
  });
  source.addEventListener('open', () => {
    document.documentElement.dataset.live = 'open';
  });
}

/** Calls `onChange` after every committed sync while the component is shown (one EventSource per tab). */
export function useLive(onChange: Listener): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener: Listener = (change) => latest.current(change);
    listeners.add(listener);
    connect();
    return () => {
      listeners.delete(listener);
    };
  }, []);
}
