import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';

/**
 * Hears every write SyncService commits in this process (a sync, a milestone tick's re-sync, a dictionary change):
 * SyncService.exclusive calls `committed()` once the write is done, and the web app's live stream listens. Syncs by
 * other processes (the CLI) are not heard here; the listener notices those by their SyncRun row.
 */
@Injectable()
export class SyncCommits {
  private readonly subject = new Subject<void>();
  readonly commits$ = this.subject.asObservable();

  committed(): void {
    this.subject.next();
  }
}
