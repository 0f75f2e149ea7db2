import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import { AppConfig } from '../common/app-config';
import { checkDeadline } from '../common/request-scope';

/**
 * A read-only better-sqlite3 connection for the API's hottest reads (the per-request loaders): a prepared
 * statement costs tens of µs where a Prisma query costs about a millisecond here. Prisma still owns the schema
 * and the other queries; WAL lets this connection read beside the sync's writer.
 */
@Injectable()
export class SqliteReader implements OnModuleDestroy {
  private db: Database.Database | null = null;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly rowStatements = new Map<string, Database.Statement>();

  constructor(private readonly config: AppConfig) {}

  /** A statement prepared once per connection. Each use is a step of a request: its time limit is checked here. */
  statement(sql: string): Database.Statement {
    checkDeadline();
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * A statement prepared once that returns each row as an array, in the SELECT's column order. better-sqlite3 builds a
   * keyed object per row slowly (about 1 µs for a dozen columns, as much as SQLite's own work): the loaders' hot
   * statements read arrays and build their records with a literal.
   */
  arrayStatement(sql: string): Database.Statement {
    checkDeadline();
    let stmt = this.rowStatements.get(sql);
    if (!stmt) {
      stmt = this.prepare(sql).raw(true);
      this.rowStatements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * SQLite's `PRAGMA data_version`: it changes whenever another connection (the sync's, Prisma's, another process's)
   * has committed since this connection last looked. This connection only reads, so it sees every write there is.
   */
  dataVersion(): number {
    return this.statement('PRAGMA data_version').pluck().get() as number;
  }

  private prepare(sql: string): Database.Statement {
    this.db ??= new Database(this.config.databaseFile, { readonly: true, fileMustExist: true, timeout: 5000 });
    return this.db.prepare(sql);
  }

  onModuleDestroy(): void {
    this.statements.clear();
    this.rowStatements.clear();
    this.db?.close();
    this.db = null;
  }
}
