import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '../../src/db/migrate';
import { defineSelection, defineTable, LINK, MILESTONE, NEW_LINK } from '../../src/db/tables';

describe('table declarations (src/db/tables.ts)', () => {
  it('maps an array read in list() order to a row by column name, and back', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE T (a TEXT, b TEXT, "column" INTEGER)');
    const T = defineTable<{ a: string; b: string; column: number }>()('T', ['b', 'a', 'column']);
    db.prepare(T.insert()).run(T.toArray({ a: 'first', b: 'second', column: 7 }));
    const raw = db.prepare(`SELECT ${T.list()} FROM T`).raw().get() as unknown[];
    expect(raw).toEqual(['second', 'first', 7]);
    // Swapping two string columns in the declaration cannot swap the values: they are mapped by name.
    expect(T.fromArray(raw)).toEqual({ a: 'first', b: 'second', column: 7 });
    expect(T.select(['column', 'a']).list('t')).toBe('t."column", t."a"');
    db.close();
  });

  it('declares every column of Link and Milestone once, matching the migrated schema', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-tables-'));
    migrateDatabase(path.join(dir, 't.db'));
    const db = new Database(path.join(dir, 't.db'), { readonly: true });
    const columnsOf = (table: string) =>
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
    expect([...LINK.names].sort()).toEqual(columnsOf('Link').sort());
    expect([...MILESTONE.names].sort()).toEqual(columnsOf('Milestone').sort());
    expect(NEW_LINK.names).not.toContain('id');
    expect(NEW_LINK.names).toHaveLength(LINK.names.length - 1);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses, at compile time, a declaration that misses a column', () => {
    // @ts-expect-error `b` is not declared
    const partial = defineTable<{ a: string; b: string }>()('T', ['a']);
    expect(partial.names).toEqual(['a']);
  });

  it('declares a read over expressions once, each field by name', () => {
    const db = new Database(':memory:');
    db.exec(
      "CREATE TABLE A (id TEXT, vaultId INT); CREATE TABLE V (id INT, name TEXT); INSERT INTO A VALUES ('n1', 1); INSERT INTO V VALUES (1, 'vault');",
    );
    const READ = defineSelection<{ vault: string; id: string }>()({ vault: 'v.name', id: 'a.id' });
    expect(READ.list).toBe('v.name, a.id');
    const raw = db.prepare(`SELECT ${READ.list} FROM A a JOIN V v ON v.id = a.vaultId`).raw().get() as unknown[];
    expect(READ.fromArray(raw)).toEqual({ vault: 'vault', id: 'n1' });
    // @ts-expect-error every field needs an expression
    defineSelection<{ vault: string; id: string }>()({ vault: 'v.name' });
    db.close();
  });
});
