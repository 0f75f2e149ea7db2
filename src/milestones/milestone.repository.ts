import { Injectable } from '@nestjs/common';
import type { Milestone } from '../generated/prisma/client';
import { PrismaService } from '../db/prisma.service';
import type { MilestoneFile, MilestoneQuery, MilestoneRecord } from './milestone.records';

function toRecord(m: Milestone): MilestoneRecord {
  return { ...m, diagnostics: JSON.parse(m.diagnostics) as MilestoneRecord['diagnostics'] };
}

@Injectable()
export class MilestoneRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(q: MilestoneQuery): Promise<MilestoneRecord[]> {
    const rows = await this.prisma.milestone.findMany({
      where: {
        ...(q.noteId ? { noteId: q.noteId } : {}),
        ...(typeof q.done === 'boolean' ? { done: q.done } : {}),
        ...(q.from || q.to ? { date: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
      },
      orderBy: [{ date: 'asc' }, { noteId: 'asc' }, { ordinal: 'asc' }],
      take: 5000,
    });
    return rows.map(toRecord);
  }

  async ofNotes(noteIds: readonly string[]): Promise<MilestoneRecord[]> {
    const rows = await this.prisma.milestone.findMany({
      where: { noteId: { in: [...noteIds] } },
      orderBy: [{ noteId: 'asc' }, { ordinal: 'asc' }],
    });
    return rows.map(toRecord);
  }

  async noteIdsWithMilestones(): Promise<string[]> {
    const rows = await this.prisma.milestone.findMany({ distinct: ['noteId'], select: { noteId: true } });
    return rows.map((r) => r.noteId);
  }

  async byId(id: string): Promise<MilestoneRecord | null> {
    const row = await this.prisma.milestone.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async withFile(id: string): Promise<MilestoneFile | null> {
    const row = await this.prisma.milestone.findUnique({
      where: { id },
      include: { note: { select: { path: true, hash: true, vault: { select: { root: true } } } } },
    });
    if (!row) {
      return null;
    }
    const { note, ...milestone } = row;
    return { milestone: toRecord(milestone), vaultRoot: note.vault.root, path: note.path, hash: note.hash };
  }

  /** The workspace folder of the latest sync that covered this vault folder. */
  async workspaceOf(vaultRoot: string): Promise<string | null> {
    const runs = await this.prisma.syncRun.findMany({
      where: { status: 'ok' },
      orderBy: { id: 'desc' },
      select: { workspace: true },
      take: 50,
    });
    return runs.find((r) => vaultRoot === r.workspace || vaultRoot.startsWith(`${r.workspace}/`))?.workspace ?? null;
  }
}
