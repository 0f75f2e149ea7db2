import { Injectable } from '@nestjs/common';
import { PrismaService } from '../db/prisma.service';
import type { SyncCounts } from './diagnostic.indexer';

export interface SyncRunRecord extends SyncCounts {
  id: number;
  startedMs: number;
  durationMs: number;
  status: string;
  notes: number;
  diagnosticCount: number;
}

@Injectable()
export class SyncRunRepository {
  constructor(private readonly prisma: PrismaService) {}

  async last(): Promise<SyncRunRecord | null> {
    const run = await this.prisma.syncRun.findFirst({ orderBy: { id: 'desc' } });
    if (!run) {
      return null;
    }
    const { diagnostics, ...rest } = run;
    return { ...rest, diagnosticCount: (JSON.parse(diagnostics) as unknown[]).length };
  }
}
