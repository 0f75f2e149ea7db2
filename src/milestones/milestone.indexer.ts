import type Database from 'better-sqlite3';
import { MILESTONE, type MilestoneRow } from '../db/tables';
import { milestoneKey, type ParsedMilestone } from '../vault/parse/milestones';

/** What the merge needs of a milestone already stored. */
export type StoredMilestone = Pick<MilestoneRow, 'id' | 'date' | 'done' | 'doneAtMs' | 'rescheduledFrom'>;

const STORED = MILESTONE.select(['id', 'date', 'done', 'doneAtMs', 'rescheduledFrom']);

/**
 * The milestone rule, pure: a note's parsed milestones against its stored ones. Milestones keep their identity
 * (milestoneKey; a repeated key gets `#2`, `#3`), their done time and their reschedule history across syncs.
 * `doneAtMs`: when a milestone first seen ticked was done (the note's `updated` if this change moved it, else now).
 */
export function mergeMilestones(
  noteId: string,
  parsed: readonly ParsedMilestone[],
  stored: readonly StoredMilestone[],
  doneAtMs: number,
): { rows: MilestoneRow[]; deleted: string[] } {
  const old = new Map(stored.map((m) => [m.id, m]));
  const seen = new Set<string>();
  const rows = parsed.map((m, ordinal): MilestoneRow => {
    let id = milestoneKey(noteId, m);
    for (let n = 2; seen.has(id); n++) {
      id = `${milestoneKey(noteId, m)}#${n}`;
    }
    seen.add(id);
    const prev = old.get(id);
    return {
      id,
      noteId,
      ordinal,
      format: m.format,
      target: m.target,
      chapter: m.chapter,
      label: m.label,
      date: m.date,
      weekday: m.weekday,
      done: m.done ? 1 : 0,
      doneAtMs: m.done ? (prev?.done ? prev.doneAtMs : doneAtMs) : null,
      doneDate: m.doneDate,
      rescheduledFrom: prev && prev.date !== m.date ? prev.date : (prev?.rescheduledFrom ?? null),
      line: m.line,
      checkboxColumn: m.checkboxColumn,
      diagnostics: JSON.stringify(m.diagnostics),
    };
  });
  return { rows, deleted: [...old.keys()].filter((id) => !seen.has(id)) };
}

/** The milestones feature's part of a sync: a written note's milestones merged with what is stored. */
export class MilestoneIndexer {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    const update = MILESTONE.names
      .filter((n) => n !== 'id')
      .map((n) => `"${n}" = excluded."${n}"`)
      .join(', ');
    this.s = {
      milestonesOf: p(`SELECT ${STORED.list()} FROM Milestone WHERE noteId = ?`),
      upsert: p(`${MILESTONE.insert()} ON CONFLICT (id) DO UPDATE SET ${update}`),
      // A new note's milestones cannot exist yet (their ids start with the note's id).
      insert: p(MILESTONE.insert()),
      delete: p('DELETE FROM Milestone WHERE id = ?'),
    };
  }

  /** `existed`: the note had a row before (and so may have milestones). */
  writeNote(noteId: string, parsed: readonly ParsedMilestone[], doneAtMs: number, existed: boolean): void {
    // A new note has no milestones yet (nothing to read, and most notes have none to write).
    if (!existed && parsed.length === 0) {
      return;
    }
    const stored = existed ? (this.s.milestonesOf.all(noteId) as StoredMilestone[]) : [];
    const { rows, deleted } = mergeMilestones(noteId, parsed, stored, doneAtMs);
    const write = existed ? this.s.upsert : this.s.insert;
    for (const row of rows) {
      write.run(MILESTONE.toArray(row));
    }
    for (const id of deleted) {
      this.s.delete.run(id);
    }
  }
}
