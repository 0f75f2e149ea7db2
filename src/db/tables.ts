/**
 * Each table's columns, declared once, with the row type they make. The sync's INSERTs and the loaders' SELECTs are
 * written from these lists, and rows read as arrays (the fast path of better-sqlite3: see SqliteReader.arrayStatement)
 * are turned into typed objects by a mapper compiled from the same list, so a column can be neither forgotten nor
 * swapped with another of the same type.
 *
 * SQLite-specific SQL stays next to the feature that runs it; only the shape of the rows lives here.
 */

/** Rows of the Link table (prisma/schema.prisma). */
export interface LinkRow {
  id: number;
  sourceId: string;
  sourceVaultId: number;
  kind: string;
  targetFname: string | null;
  targetKey: string | null;
  targetVault: string | null;
  targetId: string | null;
  anchor: string | null;
  alias: string | null;
  url: string | null;
  line: number;
  column: number;
  sectionOrdinal: number | null;
}

/** Rows of the Section table. */
export interface SectionRow {
  id: number;
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

/** Rows of the Milestone table. */
export interface MilestoneRow {
  id: string;
  noteId: string;
  ordinal: number;
  format: string;
  target: string | null;
  chapter: number | null;
  label: string | null;
  date: string;
  weekday: string | null;
  done: number;
  doneAtMs: number | null;
  doneDate: string | null;
  rescheduledFrom: string | null;
  line: number;
  checkboxColumn: number;
  /** JSON array. */
  diagnostics: string;
}

/** What the sync reads of a note row to decide what a file's change means. */
export interface StoredNoteRow {
  id: string;
  vaultId: number;
  fname: string;
  path: string | null;
  size: number | null;
  mtimeMs: number | null;
  hash: string | null;
  stub: number;
  updatedMs: number | null;
}

/** Some columns of a table, in one order: their SQL list and a compiled array -> object mapper. */
export interface Projection<Row> {
  readonly table: string;
  readonly names: readonly (keyof Row & string)[];
  /** `a, b, "column"`, each prefixed with `alias.` when given. */
  list(alias?: string): string;
  /** An object built from an array read in `list()` order. */
  fromArray(this: void, values: readonly unknown[]): Row;
  /** The row's values in `list()` order, for a positional statement. */
  toArray(this: void, row: Row): unknown[];
}

export interface Table<Row> extends Projection<Row> {
  /** `INSERT INTO T (a, b) VALUES (?, ?)` over `names` (positional, in `names` order: see `values`). */
  insert(): string;
  /** Some of the columns, as a projection (its `insert` covers only those). */
  select<K extends keyof Row & string>(names: readonly K[]): Table<Pick<Row, K>>;
}

/** Every key of Row, exactly: a declaration that misses a column fails to compile. */
type AllColumns<Row, K extends readonly (keyof Row & string)[]> = Exclude<keyof Row, K[number]> extends never ? K : never;

const quote = (name: string) => `"${name}"`;

function compile<T>(body: string): T {
  // A literal per row is what a hand-written mapper would be; built once per projection from our own column names.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('r', body) as T;
}

function table<Row>(name: string, names: readonly (keyof Row & string)[]): Table<Row> {
  return {
    table: name,
    names,
    list: (alias?: string) => names.map((n) => (alias ? `${alias}.${quote(n)}` : quote(n))).join(', '),
    fromArray: compile(`return { ${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')} };`),
    toArray: compile(`return [${names.map((n) => `r[${JSON.stringify(n)}]`).join(', ')}];`),
    insert: () => `INSERT INTO ${quote(name)} (${names.map(quote).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    select: <P extends keyof Row & string>(cols: readonly P[]) => table<Pick<Row, P>>(name, cols),
  };
}

/** Declare a table's columns once: `defineTable<LinkRow>()('Link', ['id', ...])`; every column of Row must be named. */
export function defineTable<Row>() {
  return <const K extends readonly (keyof Row & string)[]>(name: string, names: AllColumns<Row, K>): Table<Row> => table<Row>(name, names);
}

/** A SELECT over expressions (joins, aliases): its column list and a compiled array -> row mapper, by name. */
export interface Selection<Row> {
  /** `expr, expr, …` in the declared order. */
  readonly list: string;
  fromArray(this: void, values: readonly unknown[]): Row;
}

/** Declare a read once: `defineSelection<NoteRead>()({ id: 'n.id', vault: 'v.name', … })`; every field of Row needs one. */
export function defineSelection<Row>() {
  return (expressions: { readonly [K in keyof Row & string]: string }): Selection<Row> => {
    const names = Object.keys(expressions) as (keyof Row & string)[];
    return {
      list: names.map((n) => expressions[n]).join(', '),
      fromArray: compile(`return { ${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')} };`),
    };
  };
}

export const LINK = defineTable<LinkRow>()('Link', [
  'id',
  'sourceId',
  'sourceVaultId',
  'kind',
  'targetFname',
  'targetKey',
  'targetVault',
  'targetId',
  'anchor',
  'alias',
  'url',
  'line',
  'column',
  'sectionOrdinal',
]);

/** A new link's columns: `id` is the table's rowid. */
export const NEW_LINK = LINK.select(LINK.names.filter((n): n is Exclude<keyof LinkRow, 'id'> => n !== 'id'));

export const SECTION = defineTable<SectionRow>()('Section', [
  'id',
  'noteId',
  'ordinal',
  'heading',
  'depth',
  'slug',
  'chapter',
  'startLine',
  'endLine',
  'parentOrdinal',
]);

/** A new section's columns: `id` is the table's rowid. */
export const NEW_SECTION = SECTION.select(SECTION.names.filter((n): n is Exclude<keyof SectionRow, 'id'> => n !== 'id'));

export const MILESTONE = defineTable<MilestoneRow>()('Milestone', [
  'id',
  'noteId',
  'ordinal',
  'format',
  'target',
  'chapter',
  'label',
  'date',
  'weekday',
  'done',
  'doneAtMs',
  'doneDate',
  'rescheduledFrom',
  'line',
  'checkboxColumn',
  'diagnostics',
]);

export const STORED_NOTE = defineTable<StoredNoteRow>()('Note', [
  'id',
  'vaultId',
  'fname',
  'path',
  'size',
  'mtimeMs',
  'hash',
  'stub',
  'updatedMs',
]);
