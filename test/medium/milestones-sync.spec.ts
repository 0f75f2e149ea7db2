import type Database from 'better-sqlite3';
import { openSqlite } from '../../src/db/sqlite';
import { VaultSync } from '../../src/sync/vault-sync';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** Milestone history through real syncs on a real SQLite file. */
describe('milestones across syncs', () => {
  let ws: TempWorkspace;
  let db: Database.Database;
  let sut: VaultSync;
  const plan = (updated: number, lines: string, created = 1733011200000) =>
    `---\nid: plan\ntitle: Plan\nupdated: ${updated}\ncreated: ${created}\n---\n\n## Plan\n\n${lines}\n\n## 02. Two\n`;
  const milestones = () =>
    db.prepare('SELECT target, date, done, doneAtMs, rescheduledFrom, diagnostics FROM Milestone ORDER BY ordinal').all() as {
      target: string;
      date: string;
      done: number;
      doneAtMs: number | null;
      rescheduledFrom: string | null;
      diagnostics: string;
    }[];

  beforeEach(() => {
    ws = tempWorkspace();
    db = openSqlite(ws.dbFile);
    sut = new VaultSync(db, { maxFileBytes: 1e6, timeZone: 'UTC' });
  });

  afterEach(() => {
    db.close();
    ws.cleanup();
  });

  it('rolls a plan over New Year and flags a weekday that disagrees', () => {
    // created 2024-12-01: 12/30/2024 is a Monday, 1/2/2025 a Thursday, 1/4/2025 a Saturday (not Sunday).
    ws.write('plan.md', plan(1733011200000, '- [ ] 12/30(mon): review\n- [ ] 1/2(thu): 2\n- [ ] 1/4(sun): 3'));
    const report = sut.sync(ws.vault);
    expect(milestones().map((m) => m.date)).toEqual(['2024-12-30', '2025-01-02', '2025-01-04']);
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([['WEEKDAY_MISMATCH', 12]]);
    expect(JSON.parse(milestones()[2].diagnostics)).toEqual([expect.objectContaining({ code: 'WEEKDAY_MISMATCH' })]);
  });

  it('records doneAt once, from the note when its `updated` moved, else from the sync', () => {
    ws.write('plan.md', plan(1000, '- [ ] 1/2(thu): 2\n- [ ] 1/3(fri): 3'));
    sut.sync(ws.vault);
    expect(milestones().map((m) => m.doneAtMs)).toEqual([null, null]);

    // Ticked by hand and `updated` bumped (as Dendron does): doneAt is the note's updated time.
    ws.write('plan.md', plan(1735800000000, '- [x] 1/2(thu): 2\n- [ ] 1/3(fri): 3'));
    sut.sync(ws.vault);
    expect(milestones()[0]).toMatchObject({ done: 1, doneAtMs: 1735800000000 });

    // Ticked without touching `updated`: doneAt is the time of the sync that first saw it.
    ws.write('plan.md', plan(1735800000000, '- [x] 1/2(thu): 2\n- [x] 1/3(fri): 3'));
    const before = Date.now();
    sut.sync(ws.vault);
    const [first, second] = milestones();
    expect(first.doneAtMs).toBe(1735800000000);
    expect(second.doneAtMs).toBeGreaterThanOrEqual(before);

    // A sync with no change rewrites nothing; history stays.
    const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    sut.sync(ws.vault);
    expect((db.prepare('SELECT total_changes() AS n').get() as { n: number }).n - changes).toBe(1);
    expect(milestones()[1].doneAtMs).toBe(second.doneAtMs);

    // Unticking clears it.
    ws.write('plan.md', plan(1735800000000, '- [x] 1/2(thu): 2\n- [ ] 1/3(fri): 3'));
    sut.sync(ws.vault);
    expect(milestones()[1]).toMatchObject({ done: 0, doneAtMs: null });
  });

  it('keeps a rescheduled milestone and its done time', () => {
    // created 2025-01-01
    ws.write('plan.md', plan(1000, '- [x] 1/2(thu): 2', 1735689600000));
    sut.sync(ws.vault);
    const doneAt = milestones()[0].doneAtMs;
    ws.write('plan.md', plan(1000, '- [x] 1/6(mon): 2', 1735689600000));
    sut.sync(ws.vault);
    expect(milestones()).toEqual([
      expect.objectContaining({ target: '2', date: '2025-01-06', rescheduledFrom: '2025-01-02', doneAtMs: doneAt }),
    ]);
  });
});
