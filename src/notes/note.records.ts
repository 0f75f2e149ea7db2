import type { LinkRow, SectionRow } from '../db/tables';

/** What the notes repository returns: our own types, not Prisma's. */
export interface NoteRecord {
  id: string;
  vault: string;
  fname: string;
  title: string;
  desc: string;
  createdMs: number | null;
  updatedMs: number | null;
  stub: boolean;
  parentId: string | null;
  tags: string[];
  /** Frontmatter keys that are not Dendron's own: a JSON object, as stored. */
  custom: string;
  path: string | null;
}

/** A section as the API reads it: the Section table's columns (src/db/tables.ts) but its rowid. */
export type SectionRecord = Omit<SectionRow, 'id'>;

/** What the API reads of a link: these columns of the Link table (src/db/tables.ts), in this order. */
export const LINK_RECORD_COLUMNS = [
  'id',
  'sourceId',
  'kind',
  'targetFname',
  'targetVault',
  'targetId',
  'anchor',
  'alias',
  'url',
  'line',
  'column',
  'sectionOrdinal',
] as const satisfies readonly (keyof LinkRow)[];

export type LinkRecord = Pick<LinkRow, (typeof LINK_RECORD_COLUMNS)[number]>;

export interface NoteFilterInput {
  vault?: string | null;
  fnamePrefix?: string | null;
  tag?: string | null;
  stub?: boolean | null;
  text?: string | null;
}

export interface StatsRecord {
  notes: number;
  stubs: number;
  links: number;
  backlinks: number;
  unresolvedLinks: number;
  linksByKind: { kind: string; count: number }[];
}

export interface DiagnosticRecord {
  vault: string;
  file: string;
  line: number | null;
  code: string;
  severity: string;
  message: string;
}
