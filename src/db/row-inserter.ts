import type Database from 'better-sqlite3';

/** Rows per INSERT, largest first: a group of rows is written with as few calls as these sizes allow. */
const ROWS_PER_STATEMENT = [64, 16, 4, 1] as const;

/**
 * Many rows of one table with few statement calls: `INSERT INTO T (a, b) VALUES (?, ?), (?, ?), …`, prepared once for
 * 64, 16, 4 and 1 rows. Each call into better-sqlite3 costs about a microsecond whatever it does; the sync writes a
 * note's sections, links, concept sources and mentions as such groups (592k mention rows at 10k notes: 650 ms one
 * statement per row, 360 ms 64 at a time; see BENCHMARKS). The rows go in the order given, so rowids follow it.
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
