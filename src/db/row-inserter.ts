import type Database from 'better-sqlite3';

/** Rows per INSERT, largest first: a group of rows is written with as few calls as these sizes allow. */
const ROWS_PER_STATEMENT = [64, 16, 4, 1] as const;

/**
 * Many rows of one table with few statement calls: `INSERT INTO T (a, b) VALUES (?, ?), (?, ?), …`, prepared once for
 * 64, 16, 4 and 1 rows. Each call into better-sqlite3 costs about a microsecond whatever it does; the sync writes a
 * note's concept mentions as such a group (592k mention rows at 10k notes: 600 ms one statement per row, 400 ms 64 at
 * a time). The rows go in the order given, so rowids follow it.
 *
 * Not between FTS5 writes: a multi-row INSERT into a table with foreign keys runs in a statement savepoint, and FTS5
 * flushes its pending terms to disk at every savepoint. Written between the notes' search rows, such statements made
 * FTS5 flush once a note instead of once a megabyte: the 150k concept sources of the 10k vault took 2.5 s instead of
 * 0.5 s. So the per-note rows (sections, links, sources) go in one statement per row, and this serves the rows
 * written after the last search row (mentions).
 */
export class RowInserter {
  private readonly statements: Map<number, Database.Statement>;
  private readonly width: number;

  /** The columns of a declared table (src/db/tables.ts), or a table and column names. */
  constructor(db: Database.Database, projection: { readonly table: string; readonly names: readonly string[] }) {
    const { table, names: columns } = projection;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
    this.width = columns.length;
    this.statements = new Map(ROWS_PER_STATEMENT.map((n) => [n, db.prepare(head + Array(n).fill(row).join(', '))]));
  }

  /** Insert `rows`, each the values of the columns in their order (Projection.toArray gives them). */
  insert(rows: readonly (readonly unknown[])[]): void {
    let at = 0;
    for (const size of ROWS_PER_STATEMENT) {
      const statement = this.statements.get(size) as Database.Statement;
      for (; rows.length - at >= size; at += size) {
        const values: unknown[] = new Array(size * this.width);
        for (let r = 0; r < size; r++) {
          const row = rows[at + r];
          for (let c = 0; c < this.width; c++) {
            values[r * this.width + c] = row[c];
          }
        }
        statement.run(values);
      }
    }
  }
}
