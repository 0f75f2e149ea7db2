export interface MilestoneRecord {
  id: string;
  noteId: string;
  ordinal: number;
  format: string;
  target: string | null;
  chapter: number | null;
  label: string | null;
  date: string;
  weekday: string | null;
  done: boolean;
  doneAtMs: number | null;
  doneDate: string | null;
  rescheduledFrom: string | null;
  line: number;
  checkboxColumn: number;
  diagnostics: { code: string; message: string; line: number | null }[];
}

export interface MilestoneQuery {
  noteId?: string | null;
  from?: string | null;
  to?: string | null;
  done?: boolean | null;
}

/** Where a milestone lives on disk, for write-back. */
export interface MilestoneFile {
  milestone: MilestoneRecord;
  vaultRoot: string;
  path: string | null;
  hash: string | null;
}
