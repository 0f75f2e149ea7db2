import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Observable, Subject, type Subscription } from 'rxjs';
import { SyncCommits } from '../sync/sync-commits';
import { LiveChangesRepository } from './live-changes.repository';

/** One committed change of the vault's data, as the web app's live stream sends it. */
export interface LiveChange {
  /** The newest sync run once the change committed (null before any). */
  runId: number | null;
  /** Notes added, changed, renamed or deleted since the previous event (a dictionary change may name none). */
  changedNoteIds: string[];
}

/** How often the newest SyncRun id is looked at while a page listens: syncs of other processes (the CLI) show up so. */
export const LIVE_POLL_MS = 250;

/**
 * The stream behind GET /events: an event when this process commits a write (SyncCommits, at once) or when a sync
 * run by another process appears (polled, LIVE_POLL_MS, only while a page listens). Each event says which notes
 * changed, from a fingerprint of every note taken at the previous event.
 */
@Injectable()
export class LiveEventsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveEventsService.name);
  private readonly changes = new Subject<LiveChange>();
  private listeners = 0;
  private lastRunId = 0;
  private fingerprints: Map<string, string> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private commits: Subscription | null = null;

  constructor(
    private readonly repo: LiveChangesRepository,
    private readonly syncCommits: SyncCommits,
  ) {}

  /** Started here, outside any request, so the poll never runs under a request's deadline (request-scope.ts). */
  onApplicationBootstrap(): void {
    this.commits = this.syncCommits.commits$.subscribe(() => this.publish(true));
    this.timer = setInterval(() => this.publish(false), LIVE_POLL_MS);
    this.timer.unref();
  }

  /** Events from now on, for as long as the subscriber stays. */
  changes$(): Observable<LiveChange> {
    return new Observable<LiveChange>((subscriber) => {
      if (this.listeners++ === 0) {
        this.baseline();
      }
      const sub = this.changes.subscribe(subscriber);
      return () => {
        sub.unsubscribe();
        this.listeners--;
      };
    });
  }

  /** Where the next event's changes are counted from. */
  private baseline(): void {
    try {
      this.lastRunId = this.repo.lastRunId();
      this.fingerprints = this.repo.fingerprints();
    } catch (err) {
      this.logger.warn(`live updates: could not read the database (${(err as Error).message})`);
    }
  }

  /** `committed`: this process has just committed a write; otherwise only a new SyncRun counts. */
  private publish(committed: boolean): void {
    if (this.listeners === 0) {
      return;
    }
    try {
      const runId = this.repo.lastRunId();
      if (!committed && runId === this.lastRunId) {
        return;
      }
      this.lastRunId = runId;
      const now = this.repo.fingerprints();
      const changedNoteIds = this.fingerprints ? changedKeys(this.fingerprints, now) : [...now.keys()];
      this.fingerprints = now;
      this.changes.next({ runId: runId || null, changedNoteIds });
    } catch (err) {
      this.logger.warn(`live updates: could not read the database (${(err as Error).message})`);
    }
  }

  onModuleDestroy(): void {
    if (this.timer) {
      clearInterval(this.timer);
    }
    this.commits?.unsubscribe();
    // Ends every open stream, so the server's close does not wait for pages that are still listening.
    this.changes.complete();
  }
}

/** Keys added, removed or with another value. */
export function changedKeys(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const changed: string[] = [];
  for (const [key, value] of after) {
    if (before.get(key) !== value) {
      changed.push(key);
    }
  }
  for (const key of before.keys()) {
    if (!after.has(key)) {
      changed.push(key);
    }
  }
  return changed.sort();
}
