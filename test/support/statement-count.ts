import Database from 'better-sqlite3';
import type { E2eServer, GqlResponse } from './e2e-server';

export interface RanStatement {
  sql: string;
  args: unknown[];
}

/**
 * Runs one GraphQL request and records the SQL statements it executes, with their parameters. Prisma's driver
 * adapter and our read connection both run statements through better-sqlite3, so spying on
 * `Statement#all/get/run/iterate` (and `bind`, which Prisma's adapter uses for parameters) sees them all (Prisma's
 * `$on('query')` is not available with driver adapters, and cached prepared statements make `prepare` calls a poor
 * proxy).
 */
export async function recordStatements(
  server: E2eServer,
  query: string,
): Promise<{ statements: RanStatement[]; data: GqlResponse['data'] }> {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<
    'all' | 'get' | 'run' | 'iterate' | 'bind',
    (...args: unknown[]) => unknown
  >;
  probe.close();
  const statements: RanStatement[] = [];
  const bound = new WeakMap<object, unknown[]>();
  const spy = (method: 'all' | 'get' | 'run' | 'iterate' | 'bind') => {
    const original = proto[method];
    return jest.spyOn(proto, method).mockImplementation(function (this: { source: string }, ...args: unknown[]) {
      if (method === 'bind') {
        bound.set(this, args);
      } else {
        statements.push({ sql: this.source, args: args.length > 0 ? args : (bound.get(this) ?? []) });
      }
      return original.apply(this, args);
    });
  };
  const spies = (['all', 'get', 'run', 'iterate', 'bind'] as const).map(spy);
  try {
    const { data, errors } = await server.gql(query);
    expect(errors).toBeUndefined();
    return { statements, data };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

/** The number of SQL statements one GraphQL request executes. */
export async function countStatements(server: E2eServer, query: string): Promise<{ count: number; data: GqlResponse['data'] }> {
  const { statements, data } = await recordStatements(server, query);
  return { count: statements.length, data };
}
