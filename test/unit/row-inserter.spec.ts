import Database from 'better-sqlite3';
import { RowInserter } from '../../src/db/row-inserter';

describe('RowInserter', () => {
  it.each([0, 1, 3, 4, 63, 64, 85, 200])('writes %i rows, in order, whatever groups they fall into', (count) => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, maybe TEXT)');
      const rows = Array.from({ length: count }, (_, i) => [`row ${i}`, i * 7, i % 3 === 0 ? null : `m${i}`]);
      new RowInserter(db, { table: 't', names: ['name', 'n', 'maybe'] }).insert(rows);
      expect(db.prepare('SELECT name, n, maybe FROM t ORDER BY id').raw().all()).toEqual(rows);
    } finally {
      db.close();
    }
  });
});
