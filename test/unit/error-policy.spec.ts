import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode, quoteInput } from '../../src/common/errors';
import { httpStatusOf } from '../../src/common/error-policy';
import { graphqlErrorFormatter } from '../../src/common/graphql/graphql-errors';
import { checkDeadline, currentRequestId, runInRequestScope } from '../../src/common/request-scope';
import { documentNesting } from '../../src/common/graphql/document-nesting';

describe('error policy', () => {
  const format = graphqlErrorFormatter(false);
  const internal = new Error(`SqliteError: LIKE or GLOB pattern too complex at /work/main/dist/notes/note.repository.js:42`);

  it('keeps domain errors and client mistakes, with their code', () => {
    const domain = new GraphQLError('wrapped', { originalError: new DomainError(ErrorCode.NotFound, 'no note "x"'), path: ['note'] });
    expect(format({ message: 'wrapped', path: ['note'] }, domain)).toEqual({
      message: 'no note "x"',
      path: ['note'],
      extensions: { code: 'NOT_FOUND' },
    });
    const validation = new GraphQLError('Cannot query field "nope"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(
      format({ message: validation.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] } }, validation),
    ).toEqual({
      message: 'Cannot query field "nope"',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('answers internal errors generically, with the request id, and logs the stack under that id', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const wrapped = new GraphQLError(internal.message, { originalError: internal });
    const answer = runInRequestScope(0, (id) => ({
      id,
      answer: format({ message: internal.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at /work/main'] } }, wrapped),
    }));
    expect(answer.answer).toEqual({
      message: `internal error; the server log has the details (request ${answer.id})`,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: answer.id },
    });
    expect(JSON.stringify(answer.answer)).not.toMatch(/LIKE|work\/main|stacktrace/);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^request ${answer.id}: Error: SqliteError: LIKE .*\\n +at `)));
    logged.mockRestore();
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    // With VAULTGRAPH_DEBUG=1 the original stays, for the developer.
    expect(graphqlErrorFormatter(true)({ message: internal.message }, wrapped).message).toBe(internal.message);
    jest.restoreAllMocks();
  });

  it('maps codes to HTTP statuses: client mistakes are 4xx, everything else 500', () => {
    expect(httpStatusOf('BAD_USER_INPUT')).toBe(400);
    expect(httpStatusOf('QUERY_TOO_COMPLEX')).toBe(400);
    expect(httpStatusOf('GRAPHQL_VALIDATION_FAILED')).toBe(400);
    expect(httpStatusOf('UNAUTHENTICATED')).toBe(401);
    expect(httpStatusOf('FORBIDDEN')).toBe(403);
    expect(httpStatusOf('NOT_FOUND')).toBe(404);
    expect(httpStatusOf('CONFLICT')).toBe(409);
    expect(httpStatusOf('SYNC_RUNNING')).toBe(503);
    expect(httpStatusOf('INTERNAL_SERVER_ERROR')).toBe(500);
    expect(httpStatusOf(undefined)).toBe(500);
  });

  it('quotes client input cut short', () => {
    expect(quoteInput('lfs144')).toBe('"lfs144"');
    expect(quoteInput('x'.repeat(10_000))).toHaveLength(80);
  });
});

describe('request scope', () => {
  afterEach(() => jest.useRealTimers());

  it('stops work at the first check past the deadline, and only inside its request', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    expect(currentRequestId()).toBeNull();
    runInRequestScope(50, (id) => {
      expect(currentRequestId()).toBe(id);
      checkDeadline();
      jest.setSystemTime(1_000_049);
      checkDeadline();
      jest.setSystemTime(1_000_051);
      expect(() => checkDeadline()).toThrow(
        new DomainError(ErrorCode.Timeout, 'the request ran longer than 50 ms and was stopped; ask for less'),
      );
    });
    // Outside a request (the CLI) nothing is limited.
    expect(() => checkDeadline()).not.toThrow();
    runInRequestScope(0, () => {
      jest.setSystemTime(9_999_999_999);
      expect(() => checkDeadline()).not.toThrow();
    });
  });

  it('carries the scope through promises', async () => {
    const seen = await runInRequestScope(1000, async (id) => {
      await new Promise((r) => setImmediate(r));
      return [id, currentRequestId()];
    });
    expect(seen[0]).toBe(seen[1]);
  });
});

describe('documentNesting', () => {
  it('counts the deepest brace nesting, not braces inside strings, block strings or comments', () => {
    expect(documentNesting('{ a { b } c { d { e } } }')).toBe(3);
    expect(documentNesting('{ a(s: "{{{{", t: "\\"{{") }')).toBe(1);
    expect(documentNesting('{ a(s: """ {{{ " {{ """) # {{{{\n b }')).toBe(1);
    expect(documentNesting(`{ ${'...on Query { '.repeat(5000)}x${' }'.repeat(5000)} }`)).toBe(5001);
  });
});
