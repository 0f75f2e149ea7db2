import { Injectable } from '@nestjs/common';
import path from 'node:path';
import { AppConfig } from '../common/app-config';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { SyncService } from '../sync/sync.service';
import { WriteBackError, writeCheckbox } from './checkbox-write';
import { MilestoneRepository } from './milestone.repository';
import { todayIn } from './progress';
import type { MilestoneRecord } from './milestone.records';

/** Tick or untick a milestone in its Markdown file, then re-sync so the API sees the change. */
@Injectable()
export class MilestoneWriteService {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly syncs: SyncService,
    private readonly config: AppConfig,
  ) {}

  async setDone(id: string, done: boolean): Promise<MilestoneRecord> {
    const found = await this.milestones.withFile(id);
    if (!found) {
      throw new DomainError(ErrorCode.NotFound, `no milestone ${quoteInput(id)}`);
    }
    const { milestone, vaultRoot, path: rel, hash } = found;
    if (milestone.format === 'tasknote' || rel === null || hash === null) {
      throw new DomainError(ErrorCode.BadInput, 'a Dendron task note is ticked through its frontmatter `status`; edit the note');
    }
    if (!this.syncs.configuredVaults().some((v) => path.resolve(v.root) === path.resolve(vaultRoot))) {
      throw new DomainError(
        ErrorCode.Forbidden,
        'that milestone is in a vault outside the configured workspace (VAULT_PATH); the API writes only there',
      );
    }
    const file = path.join(vaultRoot, rel);
    try {
      const doneDate = milestone.format === 'emoji' ? todayIn(this.config.timeZone) : undefined;
      writeCheckbox(file, { name: rel, expectedHash: hash, line: milestone.line, column: milestone.checkboxColumn, done, doneDate });
    } catch (err) {
      if (err instanceof WriteBackError) {
        throw new DomainError(err.kind === 'conflict' ? ErrorCode.Conflict : ErrorCode.BadInput, err.message);
      }
      throw err;
    }
    await this.syncs.sync((await this.milestones.workspaceOf(vaultRoot)) ?? this.config.vaultPath);
    return (await this.milestones.byId(id)) ?? milestone;
  }
}
