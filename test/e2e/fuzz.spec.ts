import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import path from 'node:path';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * Property tests of the HTTP API (issue 9: nothing a request contains can stop, stall or fool the server). Random
 * GraphQL documents built from the live schema, random variables and random junk bodies go to the real server on a
 * temporary copy of the seeds vault; every answer must come back without a 5xx, within TIME_BUDGET_MS and
 * SIZE_BUDGET_BYTES, without a stack trace or the checkout path, with a code on every error, and the server must still
 * answer `{ __typename }` afterwards. Seeded: `FUZZ_SEED=n npx jest test/e2e/fuzz.spec.ts` replays a run; fast-check
 * prints the seed, the path and the shrunk request of a failure.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 9009);
const TIME_BUDGET_MS = 2000;
/** The seeds vault is 3 notes: no honest answer about it comes near this. */
const SIZE_BUDGET_BYTES = 64 * 1024;
const HUGE = 'x'.repeat(100_000);

interface Sent {
  method?: 'GET' | 'POST';
  contentType?: string | null;
  body?: string | Uint8Array;
  query?: string;
}

interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** An enum value in a document literal; sent as its name in variables. */
class EnumName {
  constructor(readonly name: string) {}
}

/** How wrong the generated arguments may be. */
interface Mode {
  /** Chance that an argument value ignores its type. */
  wrongType: number;
  /** Chance of an unknown field, argument or enum value, a missing sub-selection, a bad variable type. */
  unknownName: number;
  /** Chance that an argument is passed as a variable (with a random value) instead of a literal. */
  variable: number;
  /** Chance that a declared variable gets no value, or that an undeclared one is sent. */
  missingVariable: number;
  /** Chance of a huge string or number where a value goes. */
  huge: number;
}

const PLAUSIBLE: Mode = { wrongType: 0, unknownName: 0, variable: 0.2, missingVariable: 0, huge: 0 };
const WRONG_LITERALS: Mode = { wrongType: 0.35, unknownName: 0.15, variable: 0, missingVariable: 0, huge: 0.05 };
/** No unknown names here: a document that fails validation is refused before its variables are even read. */
const WRONG_VARIABLES: Mode = { wrongType: 0.35, unknownName: 0, variable: 0.8, missingVariable: 0.25, huge: 0.05 };
const OVERSIZED: Mode = { wrongType: 0.1, unknownName: 0, variable: 0.3, missingVariable: 0, huge: 0.6 };

const STRINGS = [
  '',
  'lfs144',
  'root',
  'lfs144.traffic',
  'traffic',
  '23h17up1bhg323nhuc4m7sx',
  'seeds',
  'concept:gateway',
  'concept:',
  'gateway',
  'istio mesh',
  '"unterminated',
  'a OR b NOT c',
  'NEAR(a b)',
  '*',
  '^x',
  "'; DROP TABLE Note; --",
  '%',
  '_',
  '\\',
  '../../../etc/passwd',
  '\u0000',
  '\uD800',
  '<script>',
  'YXJyYXljb25uZWN0aW9uOjA=',
  'bm90ZTpsZnMxNDQ=',
];
const DATES = ['2025-01-04', '2025-01-06', '2025-02-29', '2024-02-29', '2025-13-01', '0000-01-01', '9999-12-31', '2025-1-4', '', 'today'];
const INTS = [0, 1, -1, 2, 4, 5, 20, 100, 101, 200, 201, 2147483647, -2147483648, 2147483648, 1e21, 0.5];

/** One of the items, drawn by index (fast-check compares drawn values, and schema objects are cyclic). */
function pick<T>(g: fc.GeneratorValue, items: readonly T[]): T {
  return items[g(fc.nat, items.length - 1)];
}

function chance(g: fc.GeneratorValue, p: number): boolean {
  return p > 0 && g(fc.double, { min: 0, max: 1, noNaN: true }) < p;
}

/** Any JSON-ish value, to put where a value of another type belongs. */
function anyValue(g: fc.GeneratorValue): unknown {
  return pick(g, [
    () => g(fc.integer),
    () => g(fc.double, { noNaN: true, noDefaultInfinity: true }),
    () => pick(g, STRINGS),
    () => g(fc.string, { unit: 'binary', maxLength: 30 }),
    () => g(fc.boolean),
    () => null,
    () => [pick(g, STRINGS), g(fc.integer)],
    () => ({ [pick(g, ['a', 'first', 'kind'])]: g(fc.integer) }),
    () => new EnumName(pick(g, ['link', 'wiki', 'bogus', 'TRUE', 'null'])),
  ])();
}

/** A value for an input type: usually of that type, wrong as often as `mode` says. */
function valueFor(g: fc.GeneratorValue, type: GraphQLInputType, mode: Mode, depth = 0): unknown {
  if (chance(g, mode.wrongType)) {
    return anyValue(g);
  }
  if (chance(g, mode.huge)) {
    return pick(g, [HUGE, 1e308, -1e308, 2 ** 53, -(2 ** 31) - 1, Array.from({ length: 2000 }, () => 'link')]);
  }
  if (isNonNullType(type)) {
    return valueFor(g, type.ofType, mode, depth);
  }
  if (isListType(type)) {
    const n = g(fc.nat, 3);
    return Array.from({ length: n }, () => valueFor(g, type.ofType, mode, depth + 1));
  }
  if (isEnumType(type)) {
    const names = type.getValues().map((v) => v.name);
    return new EnumName(chance(g, mode.unknownName) ? pick(g, ['bogus', 'LINK', 'wiki', '_']) : pick(g, names));
  }
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (depth < 3 && g(fc.boolean)) {
        out[f.name] = valueFor(g, f.type, mode, depth + 1);
      }
    }
    if (chance(g, mode.unknownName)) {
      out.bogus = 1;
    }
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return chance(g, 0.3) ? g(fc.integer, { min: -5, max: 300 }) : pick(g, INTS);
      case 'Float':
        return g(fc.double, { noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return g(fc.boolean);
      case 'Date':
        return chance(g, 0.3) ? g(fc.string, { maxLength: 12 }) : pick(g, DATES);
      case 'DateTime':
        return pick(g, ['2025-01-04T09:06:06.923Z', '2025-01-04', 'x']);
      default:
        return chance(g, 0.3) ? g(fc.string, { unit: 'grapheme', maxLength: 20 }) : pick(g, STRINGS);
    }
  }
  return anyValue(g);
}

/** A value as a GraphQL literal. */
function literal(value: unknown): string {
  if (value instanceof EnumName) {
    return value.name;
  }
  if (Array.isArray(value)) {
    return `[${value.map(literal).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')}}`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A value as JSON for `variables`. */
function jsonValue(value: unknown): unknown {
  if (value instanceof EnumName) {
    return value.name;
  }
  if (Array.isArray(value)) {
    return value.map(jsonValue);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  }
  return value;
}

class DocumentBuilder {
  readonly declared: string[] = [];
  readonly variables: Record<string, unknown> = {};

  constructor(
    private readonly g: fc.GeneratorValue,
    private readonly mode: Mode,
  ) {}

  args(field: GraphQLField<unknown, unknown>): string {
    const { g, mode } = this;
    const parts: string[] = [];
    for (const arg of field.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (required ? chance(g, 0.95) || mode.unknownName === 0 : g(fc.boolean)) {
        parts.push(`${arg.name}: ${this.argValue(field, arg)}`);
      }
    }
    if (chance(g, mode.unknownName)) {
      parts.push(`bogus: ${literal(anyValue(g))}`);
    }
    return parts.length === 0 ? '' : `(${parts.join(', ')})`;
  }

  /**
   * `sync(vault:)` reads any folder it is given, relative to the server's working directory: `""` is the checkout
   * (node_modules included) and `"/"` the whole disk, too much for a shared machine. That is reported on issue 9
   * rather than fuzzed; here such values point at a folder that does not exist.
   */
  private value(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument): unknown {
    const value = valueFor(this.g, arg.type, this.mode);
    const bigFolder = typeof value === 'string' && (value.trim() === '' || value.trim() === '.' || value.startsWith('/'));
    return field.name === 'sync' && arg.name === 'vault' && bigFolder ? 'no-such-vault' : value;
  }

  private argValue(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument): string {
    const { g, mode } = this;
    if (!chance(g, mode.variable)) {
      return literal(this.value(field, arg));
    }
    const name = `v${this.declared.length}`;
    const type = chance(g, mode.unknownName) ? pick(g, ['Int', 'String!', 'Bogus', '[Int]', 'Boolean!']) : String(arg.type);
    this.declared.push(`$${name}: ${type}`);
    if (!chance(g, mode.missingVariable)) {
      this.variables[name] = jsonValue(this.value(field, arg));
    }
    return `$${name}`;
  }

  selection(type: GraphQLObjectType, depth: number): string {
    const { g, mode } = this;
    const fields = Object.values(type.getFields());
    const indices = fields.map((_, i) => i);
    const chosen = g(fc.shuffledSubarray<number>, indices, { minLength: 1, maxLength: Math.min(4, fields.length) }).map((i) => fields[i]);
    const parts = chosen.map((field, i) => {
      const alias = chance(g, 0.2) ? `a${i}_${field.name}: ` : '';
      const named = getNamedType(field.type);
      let sub = '';
      if (isObjectType(named)) {
        if (chance(g, mode.unknownName)) {
          sub = '';
        } else if (depth <= 0) {
          sub = ' { __typename }';
        } else {
          sub = ` { ${this.selection(named, depth - 1)} }`;
        }
      } else if (chance(g, mode.unknownName)) {
        sub = ' { id }';
      }
      return `${alias}${field.name}${this.args(field)}${sub}`;
    });
    if (chance(g, mode.unknownName)) {
      parts.push('bogus');
    }
    if (chance(g, 0.1)) {
      parts.push('__typename');
    }
    return parts.join(' ');
  }
}

/** A random operation on Query (mostly) or Mutation, with its variables. */
function randomRequest(schema: GraphQLSchema, mode: Mode): fc.Arbitrary<GraphqlRequest> {
  return fc.gen().map((g) => {
    const mutation = schema.getMutationType();
    const root = mutation && chance(g, 0.15) ? mutation : (schema.getQueryType() as GraphQLObjectType);
    const doc = new DocumentBuilder(g, mode);
    const selection = doc.selection(root, g(fc.integer, { min: 0, max: 4 }));
    const keyword = root === mutation ? 'mutation' : 'query';
    const head =
      doc.declared.length > 0 || root === mutation
        ? `${keyword} Fuzz${doc.declared.length > 0 ? `(${doc.declared.join(', ')})` : ''} `
        : '';
    const request: GraphqlRequest = { query: `${head}{ ${selection} }` };
    if (chance(g, mode.missingVariable)) {
      doc.variables.undeclared = anyValue(g);
    }
    if (Object.keys(doc.variables).length > 0) {
      request.variables = doc.variables;
    }
    return request;
  });
}

const asPost = (r: GraphqlRequest): Sent => ({ body: JSON.stringify(r) });

/** Bodies that are not one well-formed GraphQL request. */
function junkRequests(schema: GraphQLSchema): fc.Arbitrary<Sent> {
  const small = randomRequest(schema, PLAUSIBLE);
  const json = (v: unknown): Sent => ({ body: JSON.stringify(v) });
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }).map((body) => ({ body })),
    fc.jsonValue({ maxDepth: 3 }).map(json),
    fc.array(small, { minLength: 1, maxLength: 4 }).map(json),
    fc.constantFrom<Sent>(
      json([]),
      json({}),
      json(null),
      json({ query: null }),
      json({ query: 42 }),
      json({ query: ['{ __typename }'] }),
      json({ query: '' }),
      json({ query: '{' }),
      json({ query: '{ __typename }', variables: 'x' }),
      json({ query: '{ __typename }', variables: [1] }),
      json({ query: '{ __typename }', operationName: 5 }),
      json({ query: '{ __typename }', operationName: 'Nope' }),
      json({ query: 'query A { __typename } query B { __typename }' }),
      json({ query: 'subscription { __typename }' }),
      json({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
      json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
      { body: '{"query": "{ __typename }"', contentType: 'application/json' },
      { body: '{ __typename }', contentType: 'application/graphql' },
      { body: JSON.stringify({ query: '{ __typename }' }), contentType: 'text/plain' },
      { body: 'query=%7B__typename%7D', contentType: 'application/x-www-form-urlencoded' },
      { body: JSON.stringify({ query: '{ __typename }' }), contentType: null },
      { body: Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc3, 0x28, 0x7d]) },
      { body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
      { body: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` },
      { body: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(1_100_000) }) },
      { method: 'GET', query: '' },
      { method: 'GET', query: '?query=%7B__typename%7D' },
      { method: 'GET', query: '?query=mutation%7Bsync%7Bnotes%7D%7D' },
      { method: 'GET', query: '?query=%7B&variables=%7Bx' },
      { method: 'GET', query: `?query=${encodeURIComponent('{ note(fname: "lfs144") { title } }')}&variables=%5B%5D` },
    ),
  );
}

/** Documents that are large in shape rather than in values. */
function oversizedShapes(schema: GraphQLSchema): fc.Arbitrary<Sent> {
  const nested = (field: string, inner: string, n: number) => `${`${field} { `.repeat(n)}${inner}${' }'.repeat(n)}`;
  return fc.oneof(
    randomRequest(schema, OVERSIZED).map(asPost),
    fc
      .integer({ min: 5, max: 3000 })
      .map((n) => asPost({ query: `{ ${nested('note(fname: "lfs144")', 'title', 1).replace('title', nested('children', 'fname', n))} }` })),
    fc
      .integer({ min: 1, max: 5000 })
      .map((n) => asPost({ query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: stats { notes }`).join(' ')} }` })),
    fc.integer({ min: 1, max: 300 }).map((n) =>
      asPost({
        query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: graph(from: "lfs144", depth: 4) { nodes { id } edges { kind } }`).join(' ')} }`,
      }),
    ),
    fc.integer({ min: 1, max: 200 }).map((n) =>
      asPost({
        query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: notes(first: 100) { edges { node { body links { target { backlinks { source { body } } } } } } } }`).join(' ')} }`,
      }),
    ),
    fc.integer({ min: 1, max: 20_000 }).map((n) => asPost({ query: `{ __typename ${'@skip(if: false) '.repeat(n)}}` })),
    fc.integer({ min: 1, max: 20_000 }).map((n) => asPost({ query: `{ ${'...on Query { '.repeat(n)}__typename${' }'.repeat(n)} }` })),
    fc.integer({ min: 1, max: 5000 }).map((n) => asPost({ query: `fragment F on Query { ...F } { ...F ${'__typename '.repeat(n)}}` })),
  );
}

interface Answer {
  status: number;
  text: string;
  bytes: number;
  ms: number;
}

describe(`GraphQL API under random requests (fast-check, FUZZ_SEED=${SEED})`, () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  let url: string;
  let schema: GraphQLSchema;
  const nodeEnv = process.env.NODE_ENV;

  async function send(sent: Sent): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (sent.contentType !== null) {
      headers['content-type'] = sent.contentType ?? 'application/json';
    }
    const t0 = performance.now();
    const res = await fetch(`${url}${sent.query ?? ''}`, {
      method: sent.method ?? 'POST',
      headers,
      body: sent.method === 'GET' ? undefined : sent.body,
      // Far past the budget: a stalled request fails the property instead of hanging the suite.
      signal: AbortSignal.timeout(10 * TIME_BUDGET_MS),
    });
    const buffer = Buffer.from(await res.arrayBuffer());
    return { status: res.status, text: buffer.toString('utf8'), bytes: buffer.length, ms: performance.now() - t0 };
  }

  /** What issue 9 asks of every answer, whatever was sent. */
  function expectSafeAnswer(answer: Answer): void {
    expect(answer.status).toBeLessThan(500);
    expect(answer.ms).toBeLessThan(TIME_BUDGET_MS);
    expect(answer.bytes).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
    expect(answer.text).not.toMatch(/stacktrace/i);
    expect(answer.text).not.toContain(process.cwd());
    expect(answer.text).not.toContain('/node_modules/');
    let body: unknown;
    expect(() => {
      body = JSON.parse(answer.text) as unknown;
    }).not.toThrow();
    const results = Array.isArray(body) ? body : [body];
    for (const result of results as { data?: unknown; errors?: unknown }[]) {
      expect(typeof result).toBe('object');
      if (answer.status >= 400 || result.errors !== undefined) {
        expect(Array.isArray(result.errors)).toBe(true);
        const errors = result.errors as { extensions?: { code?: unknown } }[];
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) {
          expect(typeof error.extensions?.code).toBe('string');
        }
      }
    }
  }

  async function expectAlive(): Promise<void> {
    const alive = await send({ body: JSON.stringify({ query: '{ __typename }' }) });
    expect(alive.status).toBe(200);
    expect(alive.ms).toBeLessThan(TIME_BUDGET_MS);
    expect(JSON.parse(alive.text)).toEqual({ data: { __typename: 'Query' } });
  }

  async function check(arbitrary: fc.Arbitrary<Sent>, numRuns: number): Promise<void> {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (sent) => {
        expectSafeAnswer(await send(sent));
        await expectAlive();
      }),
      { seed: SEED, numRuns, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true },
    );
  }

  beforeAll(async () => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    // As `npm start` runs it (jest sets NODE_ENV=test, which alone makes Apollo leave stack traces out).
    process.env.NODE_ENV = 'development';
    server = await startE2eServer(ws);
    url = `${await server.app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    const { data } = await server.gql(getIntrospectionQuery());
    schema = buildClientSchema(data as IntrospectionQuery);
  });

  afterAll(async () => {
    await server.close();
    process.env.NODE_ENV = nodeEnv;
    ws.cleanup();
  });

  it('builds its documents from the live schema', () => {
    const query = schema.getQueryType();
    expect(query && Object.keys(query.getFields())).toEqual(expect.arrayContaining(['note', 'notes', 'graph', 'progress', 'search']));
    expect(getNullableType(query?.getFields().notes.type)).toBeInstanceOf(GraphQLObjectType);
  });

  it('answers schema-shaped documents with plausible arguments safely', async () => {
    await check(randomRequest(schema, PLAUSIBLE).map(asPost), 60);
  }, 120_000);

  it('answers wrong argument types, unknown fields, arguments and enum values with coded errors', async () => {
    await check(randomRequest(schema, WRONG_LITERALS).map(asPost), 50);
  }, 120_000);

  it('answers variables of wrong types, missing and undeclared variables with coded errors', async () => {
    await check(randomRequest(schema, WRONG_VARIABLES).map(asPost), 50);
  }, 120_000);

  it('answers junk bodies (non-JSON, arrays, batches, other content types, GET) with coded errors', async () => {
    await check(junkRequests(schema), 80);
  }, 120_000);

  it('bounds the work of huge values, deep nesting and many aliases', async () => {
    await check(oversizedShapes(schema), 25);
  }, 120_000);
});
