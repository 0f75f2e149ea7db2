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

export interface SectionRecord {
  noteId: string;
  ordinal: number;
  heading: string;
  depth: number;
  slug: string;
  chapter: number | null;
  startLine: number;
  endLine: number;
  parentOrdinal: number | null;
}

export interface LinkRecord {
  id: number;
  sourceId: string;
  kind: string;
  targetFname: string | null;
  targetVault: string | null;
  targetId: string | null;
  anchor: string | null;
  alias: string | null;
  url: string | null;
  line: number;
  column: number;
  sectionOrdinal: number | null;
}

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
