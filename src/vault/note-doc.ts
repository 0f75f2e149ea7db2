import type { ConceptCandidate, MentionText } from './parse/concepts';
import type { ParsedMilestone } from './parse/milestones';

/** The pure result of reading one note file: what the parser hands to sync. No Nest, no Prisma. */

export type Severity = 'error' | 'warning';

export type DiagnosticCode =
  | 'YAML_ERROR'
  | 'NO_FRONTMATTER'
  | 'MISSING_ID'
  | 'DUPLICATE_ID'
  | 'INVALID_UTF8'
  | 'BINARY_FILE'
  | 'FILE_TOO_LARGE'
  | 'UNREADABLE'
  | 'BAD_FIELD'
  | 'CONFIG_ERROR'
  | 'BAD_DATE'
  | 'WEEKDAY_MISMATCH';

export interface Diagnostic {
  /** Path relative to the vault root, e.g. `notes/lfs144.md`. */
  file: string;
  /** 1-based line in the file, or null when the problem is the whole file. */
  line: number | null;
  code: DiagnosticCode;
  severity: Severity;
  message: string;
}

export type LinkKind =
  | 'wiki' // [[target]]
  | 'ref' // ![[target]]
  | 'hashtag' // #tag -> tags.tag
  | 'usertag' // @name -> user.name
  | 'fmtag' // frontmatter tags: [...]
  | 'md' // [label](other.md)
  | 'url'; // external URL

export interface ParsedLink {
  kind: LinkKind;
  /** Target note fname as written (null for external URLs). */
  targetFname: string | null;
  /** Vault named by `dendron://vault/…`, else null (same vault first, then any). */
  targetVault: string | null;
  /** `heading`, `^block`, or a reference range `a:#b`, without the leading `#`. */
  anchor: string | null;
  alias: string | null;
  url: string | null;
  /** 1-based line and column of the link's first character in the file. */
  line: number;
  column: number;
  /** Index into `NoteDoc.sections` of the innermost section holding the link, or null before any heading. */
  section: number | null;
}

export interface ParsedSection {
  heading: string;
  depth: number;
  /** Anchor as github-slugger makes it (unique within the note). */
  slug: string;
  /** `## 02. Overview` -> 2. */
  chapter: number | null;
  /** 1-based, inclusive: from the heading to the line before the next heading of the same or a higher level. */
  startLine: number;
  endLine: number;
  /** Index of the enclosing section, or null for a top-level one. */
  parent: number | null;
}

export interface NoteDoc {
  fname: string;
  /** Dendron id from frontmatter; null when missing (the sync derives one). */
  id: string | null;
  title: string;
  desc: string;
  created: number | null;
  updated: number | null;
  tags: string[];
  /** Every frontmatter key that is not one of Dendron's own. */
  custom: Record<string, unknown>;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  sections: ParsedSection[];
  links: ParsedLink[];
  /** Names the note may introduce as concepts (`term: …`, link labels, emphasis, technical tokens). */
  concepts: ConceptCandidate[];
  /** The prose mentions of known concepts are matched in, once the concept set is known (after every note of a sync). */
  mentionText: MentionText;
  /** Dated checklist items (and the note itself when it is a Dendron task note with `due`). */
  milestones: ParsedMilestone[];
  diagnostics: Diagnostic[];
}
